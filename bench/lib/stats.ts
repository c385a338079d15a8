// Statistics of the benches: percentiles and medians of samples, a sample's rate and latencies, and
// the median with min–max of per-round ratios (each round's figure divided by its baseline's).

export type Sample = { latencies: number[]; requests: number; seconds: number; errors: number };
export type Stats = { rps: number; p50: number; p99: number; errors: number };
export type Spread = { median: number; min: number; max: number };

export const emptySample = (): Sample => ({ latencies: [], requests: 0, seconds: 0, errors: 0 });

/** Adds `more` into `into` (the slices of one round). */
export function addSample(into: Sample, more: Sample): void {
  into.latencies.push(...more.latencies);
  into.requests += more.requests;
  into.seconds += more.seconds;
  into.errors += more.errors;
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function stats(sample: Sample): Stats {
  const sorted = [...sample.latencies].sort((x, y) => x - y);
  return {
    rps: sample.requests / sample.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: sample.errors,
  };
}

/** Median and min–max of a list of per-round figures. */
export const spread = (xs: number[]): Spread => ({
  median: median(xs),
  min: Math.min(...xs),
  max: Math.max(...xs),
});

/** `1.21x (1.09–1.39)`: a spread of ratios as the benches print it. */
export const formatSpread = (s: Spread, digits = 2) =>
  `${s.median.toFixed(digits)}x (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
