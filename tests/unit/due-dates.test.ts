import { describe, expect, it } from 'vitest';
import { addCalendarMonths, dueDates } from '../../shared/due-dates';

const d = (s: string) => new Date(s);

describe('due dates', () => {
  it.each([
    ['2026-01-15T10:00:00Z', '2026-02-15T10:00:00.000Z'],
    ['2026-01-31T10:00:00Z', '2026-02-28T10:00:00.000Z'],
    ['2028-01-31T10:00:00Z', '2028-02-29T10:00:00.000Z'],
    ['2026-03-31T00:00:00Z', '2026-04-30T00:00:00.000Z'],
    ['2026-12-20T23:59:59Z', '2027-01-20T23:59:59.000Z'],
  ])('one calendar month after %s is %s', (from, to) => {
    expect(addCalendarMonths(d(from), 1).toISOString()).toBe(to);
  });

  it('gives the 45-day date and the month date', () => {
    const { dueAt, monthDueAt } = dueDates(d('2026-11-29T12:00:00Z'), 45);
    expect(dueAt.toISOString()).toBe('2027-01-13T12:00:00.000Z');
    expect(monthDueAt.toISOString()).toBe('2026-12-29T12:00:00.000Z');
  });
});
