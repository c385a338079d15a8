// Structured JSON logs. Fields are ids, codes, counts and durations only: the type admits no
// objects, and callers never pass addresses, names, IPs, user agents or message text.

export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

type Level = 'debug' | 'info' | 'warn' | 'error';

export function log(level: Level, event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, event, at: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

/**
 * Error messages may quote their input (`"anna@example.org" is not valid JSON`): quoted text,
 * addresses, IPs and long digit runs are cut out before a message reaches a log line.
 */
export function scrubMessage(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|`[^`]*`|«[^»]*»|“[^”]*”/g, '<quoted>')
    .replace(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+/g, '<address>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '<ip>')
    .replace(/\b(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}\b/gi, '<ip>')
    .replace(/\d{6,}/g, '<digits>')
    .slice(0, 200);
}

/** The class and scrubbed message of a thrown value, for logs (stack traces stay out: they quote input). */
export function describeError(err: unknown): LogFields {
  if (err instanceof Error) return { error: err.name, message: scrubMessage(err.message) };
  return { error: typeof err };
}
