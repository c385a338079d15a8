// kAnonymousCells: whatever the counts, no cell shown and no "other" counts fewer than k people,
// nothing is lost when it shows anything, and a k below 2 is refused.

import { describe, expect, it } from 'vitest';
import { kAnonymousCells } from '../../shared/reports/k-anonymity';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

describe('kAnonymousCells', () => {
  it('never shows a cell or an "other" under k, over 2,000 random inputs', () => {
    const next = random(7);
    for (let run = 0; run < 2000; run++) {
      const k = 2 + Math.floor(next() * 9);
      const cells = Array.from({ length: Math.floor(next() * 12) }, (_, i) => ({
        label: `v${i}`,
        n: Math.floor(next() * 3 * k),
      }));
      const out = kAnonymousCells(cells, k);
      for (const c of out.cells) expect(c.n).toBeGreaterThanOrEqual(k);
      expect(out.other === 0 || out.other >= k).toBe(true);
      const total = cells.reduce((n, c) => n + c.n, 0);
      if (out.suppressed) expect(total).toBeLessThan(k);
      else expect(out.cells.reduce((n, c) => n + c.n, 0) + out.other).toBe(total);
    }
  });

  it('merges small cells, and suppresses everything when all together are fewer than k', () => {
    expect(
      kAnonymousCells(
        [
          { label: 'a', n: 9 },
          { label: 'b', n: 1 },
          { label: 'c', n: 1 },
        ],
        5,
      ),
    ).toEqual({
      cells: [],
      other: 11,
      suppressed: false,
    });
    expect(
      kAnonymousCells(
        [
          { label: 'a', n: 2 },
          { label: 'b', n: 1 },
        ],
        5,
      ),
    ).toEqual({
      cells: [],
      other: 0,
      suppressed: true,
    });
  });

  it('refuses a k below 2', () => {
    expect(() => kAnonymousCells([], 1)).toThrow(RangeError);
  });
});
