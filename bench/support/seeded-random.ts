/**
 * A seeded pseudo-random generator (mulberry32), so that a benchmark makes the same data on every
 * run, with `pick` (one item of a list) and `between` (an integer in [lo, hi]).
 */
export function seededRandom(seed: number) {
  const next = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    between: (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)),
  };
}
