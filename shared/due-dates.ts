// Due-date arithmetic of privacy requests: the product's N-day rule (45 by default) and the
// GDPR Art. 12(3) "one month" date (same day of the next month, clamped to its last day).

const DAY_MS = 86_400_000;

export const DEFAULT_DUE_DAYS = 45;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** One calendar month later in UTC: 31 Jan → 28/29 Feb, 15 Mar → 15 Apr. */
export function addCalendarMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

export function dueDates(receivedAt: Date, dueDays: number): { dueAt: Date; monthDueAt: Date } {
  return { dueAt: addDays(receivedAt, dueDays), monthDueAt: addCalendarMonths(receivedAt, 1) };
}

/** Art. 12(3): the one-month period may be extended by two further months, once. */
export const EXTENSION_MONTHS = 2;
export const MAX_EXTENSION_DAYS = 60;

export type DueState = { receivedAt: Date; dueAt: Date; monthDueAt: Date; pausedMs: number };

/**
 * Due dates after an extension by `days`: the product's date moves by `days`; the GDPR date
 * becomes three calendar months after receipt, shifted by the time the clock stood still.
 */
export function extendedDueDates(state: DueState, days: number): { dueAt: Date; monthDueAt: Date } {
  const monthDueAt = new Date(
    addCalendarMonths(state.receivedAt, 1 + EXTENSION_MONTHS).getTime() + state.pausedMs,
  );
  return { dueAt: addDays(state.dueAt, days), monthDueAt };
}

/** Due dates when a stopped clock starts again: both move by the time it stood still. */
export function resumedDueDates(
  state: DueState,
  stoppedAt: Date,
  now: Date,
): { dueAt: Date; monthDueAt: Date; pausedMs: number } {
  const stood = Math.max(0, now.getTime() - stoppedAt.getTime());
  return {
    dueAt: new Date(state.dueAt.getTime() + stood),
    monthDueAt: new Date(state.monthDueAt.getTime() + stood),
    pausedMs: state.pausedMs + stood,
  };
}

/**
 * The date a requester is told ("we will answer by"): the earlier of the product's date and the
 * Art. 12(3) date, so the promise never runs past the law (after an extension, the extended date).
 */
export function promisedDate(state: Pick<DueState, 'dueAt' | 'monthDueAt'>): Date {
  return state.dueAt.getTime() <= state.monthDueAt.getTime() ? state.dueAt : state.monthDueAt;
}
