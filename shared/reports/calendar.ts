// The calendar of reports, in UTC: the day a snapshot belongs to and the ISO week (named by its
// Monday) a home-region resolution is counted in.

const DAY_MS = 86_400_000;

/** `2026-11-29` for any time on that UTC day. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The Monday (UTC) that starts the ISO week of `at`, as `YYYY-MM-DD`. */
export function weekOf(at: Date): string {
  const midnight = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return dayOf(new Date(midnight - sinceMonday * DAY_MS));
}

/** The day `days` before `day` (`YYYY-MM-DD`). */
export function daysBefore(day: string, days: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS));
}
