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

/** The class and message of an unknown thrown value, for logs (stack traces stay out: they may quote input). */
export function describeError(err: unknown): LogFields {
  if (err instanceof Error) return { error: err.name, message: err.message.slice(0, 200) };
  return { error: typeof err };
}
