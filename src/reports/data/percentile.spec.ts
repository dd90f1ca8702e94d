import { interpolate, percentile, percentileRanks } from './percentile';

/** The textbook definition, for comparison: h = (n - 1) p, between the closest ranks. */
function reference(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h + 1e-9);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

describe('percentile', () => {
  it('gives the median of an odd and an even count', () => {
    expect(percentile([1, 2, 3], 5)).toBe(2);
    expect(percentile([1, 2, 3, 10], 5)).toBe(2.5);
  });

  it('interpolates the 90th percentile between the closest ranks', () => {
    expect(percentile([10, 20], 9)).toBeCloseTo(19, 10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 9)).toBe(10);
  });

  it('is the one value of a single case, and null for none', () => {
    expect(percentile([7], 5)).toBe(7);
    expect(percentile([7], 9)).toBe(7);
    expect(percentile([], 5)).toBeNull();
  });

  it.each([5, 9])('agrees with the textbook definition for every count up to 60 (p = 0.%i)', (tenths) => {
    for (let n = 1; n <= 60; n++) {
      const values = Array.from({ length: n }, (_, i) => i * i + 0.5);
      expect(percentile(values, tenths)).toBeCloseTo(reference(values, tenths / 10), 9);
    }
  });

  it('names the two ranks (1-based) and the weight of the upper one', () => {
    expect(percentileRanks(4, 5)).toEqual({ lower: 2, upper: 3, fraction: 0.5 });
    expect(percentileRanks(5, 5)).toEqual({ lower: 3, upper: 3, fraction: 0 });
    expect(percentileRanks(4, 9)).toEqual({ lower: 3, upper: 4, fraction: 0.7 });
    expect(interpolate({ lower: 1, upper: 2, fraction: 0.25 }, 10, 20)).toBe(12.5);
    expect(() => percentileRanks(0, 5)).toThrow();
  });
});
