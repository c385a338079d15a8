// Opaque pagination cursors: a sort key and an id, base64url-encoded JSON.

import { AppError } from './errors';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './encoding';

export type Cursor = { k: number | string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(utf8(JSON.stringify(cursor)));
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const bytes = fromBase64Url(value);
    if (!bytes) throw new Error('not base64url');
    const parsed: unknown = JSON.parse(fromUtf8(bytes));
    if (typeof parsed === 'object' && parsed !== null && 'k' in parsed && 'id' in parsed) {
      const { k, id } = parsed as Record<string, unknown>;
      if ((typeof k === 'number' || typeof k === 'string') && typeof id === 'string') return { k, id };
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError('bad_request', 'The cursor is not valid.');
}
