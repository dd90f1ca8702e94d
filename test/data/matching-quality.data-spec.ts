import { join, resolve } from 'node:path';
import { loadCases, metricsAt } from '../../bench/screening-quality';
import { compareNames } from '../../src/screening/matching';

const DATA = resolve(process.env.SHARED_DATA_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'data'));

/** Matching quality on OpenSanctions' labelled pairs; README.md reports the full figures (npm run bench:screening). */
describe('matching quality on ../shared/data/name_bench', () => {
  it('keeps F1 at the 0.7 review threshold above 0.85 (watchman-style JW 0.695, logic-v2 0.773)', () => {
    const cases = loadCases(join(DATA, 'name_bench', 'cases.csv'));
    expect(cases.length).toBe(826);
    const scores = cases.map((c) => compareNames(c.name1, c.name2).score);
    const metrics = metricsAt(scores, cases.map((c) => c.isMatch), 0.7);
    expect(metrics.f1).toBeGreaterThan(0.85);
    expect(metrics.precision).toBeGreaterThan(0.85);
  });
});
