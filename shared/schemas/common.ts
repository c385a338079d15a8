// Contracts shared by every API resource: the error body, list envelopes and cursors.

import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../errors';

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      requestId: z.string().optional(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** `{"data": [...], "nextCursor": ...}` for a list of `item`. */
export function ListOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

export const PageQuery = z.object({
  cursor: z.string().max(200).optional().meta({ description: 'Opaque cursor from a previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const IsoDate = z.iso
  .datetime({ offset: true })
  .meta({ description: 'ISO 8601 date-time', example: '2026-11-29T10:00:00Z' });

export const Region = z.enum(['eu', 'us']).meta({ id: 'Region' });

/** Standard error responses every authenticated route can answer. */
export function errorResponses(...statuses: number[]) {
  const out: Record<
    number,
    { description: string; content: { 'application/json': { schema: typeof ErrorResponse } } }
  > = {};
  for (const s of [401, 400, ...statuses]) {
    out[s] = { description: describeStatus(s), content: { 'application/json': { schema: ErrorResponse } } };
  }
  return out;
}

function describeStatus(status: number): string {
  switch (status) {
    case 400:
      return 'Invalid input';
    case 401:
      return 'Missing or invalid API key';
    case 403:
      return 'The API key lacks the scope for this action';
    case 404:
      return 'Not found in this tenant';
    case 409:
      return 'Conflicts with the current state';
    case 413:
      return 'Body too large';
    case 415:
      return 'Unsupported content type';
    case 422:
      return 'Refused by a data-protection rule';
    default:
      return 'Error';
  }
}
