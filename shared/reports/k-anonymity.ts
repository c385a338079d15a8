// Cells of people that may be shown without singling anyone out: every cell shown counts at least
// k people. Smaller cells are merged into "other"; when "other" would still count fewer than k,
// the smallest shown cells join it until it does, and when even everything together is fewer
// than k, nothing is shown. Totals are the sum of what is shown, so nothing hidden can be
// recovered by subtraction.

export type Cell = { label: string; n: number };
export type KAnonymousCells = {
  cells: Cell[];
  /** People in merged cells (at least k), or 0 when nothing was merged. */
  other: number;
  /** Everything counted fewer than k people together: no count is shown at all. */
  suppressed: boolean;
};

export function kAnonymousCells(input: readonly Cell[], k: number): KAnonymousCells {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be an integer of at least 2');
  const sorted = input.filter((c) => c.n > 0).sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
  const cells = sorted.filter((c) => c.n >= k);
  let other = sorted.filter((c) => c.n < k).reduce((sum, c) => sum + c.n, 0);
  while (other > 0 && other < k && cells.length > 0) other += cells.pop()!.n;
  if (other > 0 && other < k) return { cells: [], other: 0, suppressed: true };
  return { cells, other, suppressed: false };
}
