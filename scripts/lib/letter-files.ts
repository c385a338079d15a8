// The plain-text letter format the classifier tools read: an optional first line "Subject: …",
// then the body. In an evaluation folder (`<lang>/<kind>[-<label>]-<n>.txt`) the file name also
// says what the letter asks for. Pure: no file system, so the workerd tests use it too.

import { INTENT_KINDS, type IntentKind } from '../../shared/intent/classify';

export type Letter = { subject: string; text: string };

/** Splits a leading "Subject: …" line off the body. */
export function parseLetter(raw: string): Letter {
  const match = /^subject:[ \t]*(.*)\r?\n/i.exec(raw);
  return match ? { subject: match[1] ?? '', text: raw.slice(match[0].length) } : { subject: '', text: raw };
}

export type LetterName = { kind: IntentKind; label: string | null };

/**
 * "erasure-2.txt" → erasure; "review-hedged-1.txt" → review, labelled "hedged" (why a letter
 * that mentions deletion must not be one). Null for names outside the layout.
 */
export function parseLetterName(file: string): LetterName | null {
  const m = /^([a-z]+)(?:-([a-z]+))?-\d+\.txt$/.exec(file);
  const kind = INTENT_KINDS.find((k) => k === m?.[1]);
  return m && kind ? { kind, label: m[2] ?? null } : null;
}
