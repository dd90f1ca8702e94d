import { join, resolve } from 'node:path';
import { loadListEntries } from '../../bench/screening-latency';
import { falseAlarms, listedByName, loadUnlistedInstitutions } from '../../bench/screening-unlisted';
import { IndexEntry, ScreeningIndex } from '../../src/screening/matching';

const DATA = resolve(process.env.SHARED_DATA_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'data'));

/** Real institutions on no shipped list must rarely reach the review threshold (npm run bench:screening lists them). */
describe('unlisted institutions against the shipped lists', () => {
  const institutions = loadUnlistedInstitutions(
    join(__dirname, '..', 'fixtures', 'matching', 'unlisted-institutions.csv'),
  );
  let entries: IndexEntry[];
  let index: ScreeningIndex;

  beforeAll(async () => {
    entries = await loadListEntries(DATA);
    index = new ScreeningIndex();
    for (const entry of entries) index.add(entry);
  });

  it('holds at least 150 institutions, none of them listed by name', () => {
    expect(institutions.length).toBeGreaterThanOrEqual(150);
    expect(listedByName(institutions, entries)).toEqual([]);
  });

  it('flags at most 1 % of them for review (a score of 0.7 or more)', () => {
    const alarms = falseAlarms(institutions, index);
    expect(alarms.length).toBeLessThanOrEqual(Math.floor(institutions.length / 100));
  });
});
