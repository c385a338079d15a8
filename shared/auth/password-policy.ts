// What a new admin password must be: long enough (12 characters), not absurdly long, not one of
// the 10,000 most common passwords (also not with digits or symbols around one), and not built on
// the person's address or the workspace name. Reuse of the last five is checked where the
// hashes are (workers/admin/passwords.ts).

import { isCommonPassword } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** How many of a user's passwords (the current one included) a new one may not repeat. */
export const PASSWORD_HISTORY = 5;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'personal' | 'reused';

/** English sentences for the API; pages word the same codes in the person's language. */
export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`,
  too_common: 'This password is one of the most common passwords; choose another.',
  personal: 'The password may not be built on your address or the workspace name.',
  reused: `The password may not be one of your last ${PASSWORD_HISTORY} passwords.`,
};

/** Characters as people count them (code points of the NFC form). */
const length = (text: string) => [...text.normalize('NFC')].length;

/** The password without the digits, symbols and spaces people put around a word. */
const core = (lower: string) => lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** The problem with `password` as a new password, or null when it may be used. */
export function passwordProblem(
  password: string,
  context: { email?: string | null; workspace?: string | null } = {},
): PasswordProblem | null {
  const n = length(password);
  if (n < PASSWORD_MIN_LENGTH) return 'too_short';
  if (n > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.normalize('NFC').toLowerCase();
  const word = core(lower);
  if (isCommonPassword(lower) || isCommonPassword(word) || isRepeatedCommon(word)) return 'too_common';
  if (new Set(lower).size <= 2) return 'too_common';
  const local = context.email?.toLowerCase().split('@')[0] ?? '';
  const workspace = context.workspace?.toLowerCase().split('.')[0] ?? '';
  for (const own of [local, workspace]) {
    if (own.length >= 4 && (word === own || (lower.includes(own) && length(lower) - length(own) < 6)))
      return 'personal';
  }
  return null;
}

/** "passwordpassword", "qwertyqwertyqwerty": one common word said again and again. */
function isRepeatedCommon(word: string): boolean {
  for (let size = 3; size <= word.length / 2; size++) {
    if (word.length % size !== 0) continue;
    const unit = word.slice(0, size);
    if (unit.repeat(word.length / size) === word && isCommonPassword(unit)) return true;
  }
  return false;
}
