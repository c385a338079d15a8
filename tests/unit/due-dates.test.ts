import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  dueDates,
  extendedDueDates,
  promisedDate,
  resumedDueDates,
} from '../../shared/due-dates';

const d = (s: string) => new Date(s);

describe('due dates', () => {
  it.each([
    ['2026-01-15T10:00:00Z', 45, '2026-03-01T10:00:00Z', '2026-02-15T10:00:00Z'],
    ['2026-01-31T10:00:00Z', 45, '2026-03-17T10:00:00Z', '2026-02-28T10:00:00Z'],
    ['2028-01-31T10:00:00Z', 45, '2028-03-16T10:00:00Z', '2028-02-29T10:00:00Z'],
    ['2026-03-31T23:59:00Z', 30, '2026-04-30T23:59:00Z', '2026-04-30T23:59:00Z'],
    ['2026-12-31T00:00:00Z', 45, '2027-02-14T00:00:00Z', '2027-01-31T00:00:00Z'],
    ['2026-08-31T12:00:00Z', 10, '2026-09-10T12:00:00Z', '2026-09-30T12:00:00Z'],
  ])('received %s, %i days → %s, month rule %s', (received, days, due, month) => {
    const r = dueDates(d(received), days);
    expect(r.dueAt.toISOString()).toBe(d(due).toISOString());
    expect(r.monthDueAt.toISOString()).toBe(d(month).toISOString());
  });

  it('calendar months clamp to the last day, including 29 February of leap years', () => {
    expect(addCalendarMonths(d('2024-01-29T00:00:00Z'), 1).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(addCalendarMonths(d('2100-01-31T00:00:00Z'), 1).toISOString()).toBe('2100-02-28T00:00:00.000Z');
    expect(addCalendarMonths(d('2000-01-31T00:00:00Z'), 1).toISOString()).toBe('2000-02-29T00:00:00.000Z');
    expect(addCalendarMonths(d('2026-11-30T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });

  it('an extension moves the product date by its days and the GDPR date to three months after receipt', () => {
    const receivedAt = d('2026-01-31T08:00:00Z');
    const base = { receivedAt, ...dueDates(receivedAt, 45), pausedMs: 0 };
    const ext = extendedDueDates(base, 60);
    expect(ext.dueAt.toISOString()).toBe('2026-05-16T08:00:00.000Z');
    expect(ext.monthDueAt.toISOString()).toBe('2026-04-30T08:00:00.000Z');
  });

  it('a pause moves both dates by the time the clock stood still, and adds up over pauses', () => {
    const receivedAt = d('2026-01-31T08:00:00Z');
    const base = { receivedAt, ...dueDates(receivedAt, 45), pausedMs: 0 };
    const once = resumedDueDates(base, d('2026-02-10T08:00:00Z'), d('2026-02-13T08:00:00Z'));
    expect(once.dueAt.toISOString()).toBe('2026-03-20T08:00:00.000Z');
    expect(once.monthDueAt.toISOString()).toBe('2026-03-03T08:00:00.000Z');
    const twice = resumedDueDates(
      { receivedAt, ...once },
      d('2026-02-20T00:00:00Z'),
      d('2026-02-21T00:00:00Z'),
    );
    expect(twice.pausedMs).toBe(4 * 86_400_000);
    const ext = extendedDueDates({ receivedAt, ...twice }, 10);
    expect(ext.monthDueAt.toISOString()).toBe('2026-05-04T08:00:00.000Z');
  });

  it('a resume earlier than the pause (clock skew) moves nothing', () => {
    const receivedAt = d('2026-01-01T00:00:00Z');
    const base = { receivedAt, ...dueDates(receivedAt, 45), pausedMs: 0 };
    expect(resumedDueDates(base, d('2026-01-05T00:00:00Z'), d('2026-01-04T00:00:00Z')).dueAt).toEqual(
      base.dueAt,
    );
  });
});

describe('promisedDate', () => {
  const at = (s: string) => new Date(s);
  it.each([
    [
      '45 days against one month: the month',
      '2026-11-15T00:00:00Z',
      '2026-12-30T00:00:00Z',
      '2026-12-15T00:00:00Z',
      '2026-12-15T00:00:00Z',
    ],
    [
      'a tenant rule shorter than a month: its own date',
      '2026-11-15T00:00:00Z',
      '2026-11-25T00:00:00Z',
      '2026-12-15T00:00:00Z',
      '2026-11-25T00:00:00Z',
    ],
    [
      'extended by 20 days: the extended date, before three months',
      '2026-11-15T00:00:00Z',
      '2027-01-19T00:00:00Z',
      '2027-02-15T00:00:00Z',
      '2027-01-19T00:00:00Z',
    ],
  ])('%s', (_what, _received, dueAt, monthDueAt, promised) => {
    expect(promisedDate({ dueAt: at(dueAt), monthDueAt: at(monthDueAt) })).toEqual(at(promised));
  });
});
