/**
 * Small statistics of the timeliness figures: median and 90th percentile by the nearest-rank method
 * (the smallest value with at least p% of the values at or below it; for the median of an even count
 * this is the lower middle value), so that every figure is a day count that really occurred.
 */

/** Nearest-rank percentile (0 < p ≤ 100) of the values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

/** n, median and 90th percentile (nearest rank). */
export function distribution(values: readonly number[]): { n: number; median: number | null; p90: number | null } {
  return { n: values.length, median: percentile(values, 50), p90: percentile(values, 90) };
}

/**
 * The same figures from a histogram (value → count), as the database returns it: nearest rank over the
 * cumulative counts, so that the result equals distribution() of the expanded values.
 */
export function distributionOfHistogram(buckets: readonly { value: number; n: number }[]): { n: number; median: number | null; p90: number | null } {
  const sorted = buckets.filter((b) => b.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  const at = (p: number): number | null => {
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * total));
    let cum = 0;
    for (const b of sorted) {
      cum += b.n;
      if (cum >= rank) return b.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  return { n: total, median: at(50), p90: at(90) };
}
