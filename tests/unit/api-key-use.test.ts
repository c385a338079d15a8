// A key's use is noted at most once a minute: the request skips the write when the key it read was
// noted within the minute, the same bound the note's own condition holds in SQL.

import { describe, expect, it } from 'vitest';
import { useNeedsNoting } from '../../db/api-keys';

describe('useNeedsNoting', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const usedAgo = (ms: number) => ({ lastUsedAt: new Date(now.getTime() - ms) });

  it('notes a key never used, or last noted more than a minute ago', () => {
    expect(useNeedsNoting({ lastUsedAt: null }, now)).toBe(true);
    expect(useNeedsNoting(usedAgo(60_001), now)).toBe(true);
    expect(useNeedsNoting(usedAgo(86_400_000), now)).toBe(true);
  });

  it('skips a key noted within the minute, the minute itself included, or noted ahead of this clock', () => {
    expect(useNeedsNoting(usedAgo(60_000), now)).toBe(false);
    expect(useNeedsNoting(usedAgo(1), now)).toBe(false);
    expect(useNeedsNoting(usedAgo(0), now)).toBe(false);
    expect(useNeedsNoting(usedAgo(-5_000), now)).toBe(false);
  });
});
