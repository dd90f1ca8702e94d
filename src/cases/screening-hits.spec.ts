import { ScreeningHit } from '../domain/case.types';
import { ClearedEntry, mergeScreening } from './screening-hits';

const hit = (overrides: Partial<ScreeningHit> = {}): ScreeningHit => ({
  id: 'h1',
  partnerName: 'Acme',
  list: 'List',
  listKind: 'sanctions',
  entityName: 'Acme Ltd',
  matchedName: 'Acme Ltd',
  country: 'RU',
  score: 0.9,
  reasons: [],
  entry: { listId: 'l1', externalId: 'e1', checksum: 'c1' },
  ...overrides,
});
const falsePositive = {
  decision: 'false_positive',
  reason: 'r',
  decidedBy: { id: 'u', name: 'U' },
  decidedAt: '',
} as const;
const cleared: ClearedEntry = { partnerName: 'Acme', listId: 'l1', externalId: 'e1', entryChecksum: 'c1' };

describe('mergeScreening', () => {
  it('adds a new hit and routes on it', () => {
    const merged = mergeScreening([], [hit()], []);
    expect(merged.fresh.map((h) => h.id)).toEqual(['h1']);
    expect(merged.routeHits).toHaveLength(1);
  });

  it('keeps a known hit with its id and decision, and does not count it as new', () => {
    const known = hit({ decision: { ...falsePositive, decision: 'confirmed' } });
    const merged = mergeScreening([known], [hit({ id: 'h2' })], []);
    expect(merged.hits).toEqual([known]);
    expect(merged.fresh).toEqual([]);
    expect(merged.routeHits).toHaveLength(1);
  });

  it('neither raises nor routes on a cleared false positive whose entry is unchanged', () => {
    const known = hit({ decision: falsePositive });
    const merged = mergeScreening([known], [hit({ id: 'h2' })], [cleared]);
    expect(merged).toEqual({ hits: [known], fresh: [], routeHits: [] });
    // Also when the case lost the hit meanwhile (the partner was removed and added again).
    expect(mergeScreening([], [hit({ id: 'h3' })], [cleared]).fresh).toEqual([]);
  });

  it('raises a false positive again, undecided, once its entry changed', () => {
    const known = hit({ decision: falsePositive });
    const changed = hit({ id: 'h2', entry: { listId: 'l1', externalId: 'e1', checksum: 'c2' } });
    const merged = mergeScreening([known], [changed], [cleared]);
    expect(merged.hits).toEqual([changed]);
    expect(merged.fresh).toEqual([changed]);
    expect(merged.routeHits).toEqual([changed]);
  });

  it('does not let a decision for one partner clear another partner matching the same entry', () => {
    const other = hit({ id: 'h2', partnerName: 'Acme Group' });
    expect(mergeScreening([], [other], [cleared]).fresh).toEqual([other]);
  });
});
