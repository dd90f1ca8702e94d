/**
 * Percentiles by linear interpolation between closest ranks (h = (n - 1) * p; the "R-7" definition
 * that spreadsheets call PERCENTILE.INC). p is given in tenths so that the ranks are integer
 * arithmetic, which SQL computes the same way (see `percentileRankSql`).
 */
export interface PercentileRanks {
  /** 1-based ranks of the two values to interpolate between (equal when h is whole). */
  lower: number;
  upper: number;
  /** Weight of the upper value. */
  fraction: number;
}

export function percentileRanks(n: number, tenths: number): PercentileRanks {
  if (!Number.isInteger(n) || n < 1) throw new Error('percentile of an empty set');
  const scaled = (n - 1) * tenths;
  return { lower: Math.floor(scaled / 10) + 1, upper: Math.floor((scaled + 9) / 10) + 1, fraction: (scaled % 10) / 10 };
}

/** The two rank expressions for SQL, given the row count expression `n` (integer division in both databases). */
export function percentileRankSql(n: string, tenths: number): [string, string] {
  return [`((${n} - 1) * ${tenths}) / 10 + 1`, `((${n} - 1) * ${tenths} + 9) / 10 + 1`];
}

export function interpolate(ranks: PercentileRanks, lowerValue: number, upperValue: number): number {
  return lowerValue + ranks.fraction * (upperValue - lowerValue);
}

/** The percentile of ascending `sorted` values; null for none. */
export function percentile(sorted: readonly number[], tenths: number): number | null {
  if (sorted.length === 0) return null;
  const ranks = percentileRanks(sorted.length, tenths);
  return interpolate(ranks, sorted[ranks.lower - 1], sorted[ranks.upper - 1]);
}
