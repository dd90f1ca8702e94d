import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareNormalized, round } from './compare';
import { normalizeName } from './normalize';
import {
  IndexEntry,
  MAX_CANDIDATE_WORDS,
  MAX_POSTINGS_VISITED,
  MAX_QUERY_WORDS,
  MAX_SCORED,
  MAX_WORD_PAIRS,
  ScreeningIndex,
  SearchStats,
} from './screening-index';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'matching');
const entries: IndexEntry[] = JSON.parse(readFileSync(join(FIXTURES, 'screening-entries.json'), 'utf8'));

function buildIndex(): ScreeningIndex {
  const index = new ScreeningIndex();
  for (const entry of entries) index.add(entry);
  return index;
}

describe('ScreeningIndex', () => {
  const index = buildIndex();

  it('holds the fixture entries', () => {
    expect(index.size).toBe(entries.length);
    expect(index.nameCount).toBeGreaterThan(entries.length);
  });

  it('finds a listed name exactly, best first, with list details and reasons', () => {
    const hits = index.search('National University of Defense Technology');
    expect(
      hits
        .slice(0, 2)
        .map((h) => h.entryId)
        .sort(),
    ).toEqual(['rpl-d347cf122fea38cac703', 'rpl-eea6644adc340c0258e7']);
    expect(hits[0]).toMatchObject({ score: 1, listKind: 'export_control', country: 'CN' });
    expect(hits[0].reasons).toContain('words in common: national, university, defense, technology');
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('reports which alias matched', () => {
    const [hit] = index.search('Hunan Guofang Keji University');
    expect(hit).toMatchObject({
      entryId: 'rpl-d347cf122fea38cac703',
      matchedName: 'Hunan Guofang Keji University',
      score: 1,
    });
    expect(hit.entityName).toBe('National University of Defense Technology (NUDT)');
    expect(hit.reasons[0]).toBe('matched alias "Hunan Guofang Keji University"');
  });

  it('finds names with typos, reordered words and abbreviations', () => {
    expect(index.search('Harbin Institue of Technolgy')[0]).toMatchObject({ entryId: 'rpl-ef60871a6830379fd363' });
    expect(index.search('Technology Institute Harbin')[0]).toMatchObject({
      entryId: 'rpl-ef60871a6830379fd363',
      score: 1,
    });
    expect(index.search('Natl. Univ. of Defence Technology')[0].score).toBe(1);
    expect(index.search('LAVROV, Sergey')[0]).toMatchObject({ entryId: 'ofac-35233', score: 1 });
    expect(index.search('Sergei Lavrov')[0].entryId).toBe('ofac-35233');
  });

  it('compares original-script queries with original-script aliases', () => {
    const [nudt] = index.search('中国人民解放军国防科技大学');
    expect(nudt).toMatchObject({
      entryId: 'rpl-eea6644adc340c0258e7',
      matchedName: '中国人民解放军国防科技大学',
      score: 1,
    });
    expect(nudt.reasons).toContain('original script match');
    expect(index.search('Ινστιτούτο της Ρωσικής Διασποράς')[0]).toMatchObject({ entryId: 'EU.10503.76', score: 1 });
    expect(index.search('Институт русского зарубежья')[0]).toMatchObject({ entryId: 'EU.10503.76', score: 1 });
    expect(index.search('Сколковский институт науки и технологий')[0]).toMatchObject({
      entryId: 'rpl-8fe01c4effb7b43d88ab',
      matchedName: 'Skolkovskiy Institut Nauki I Tekhnologii',
    });
  });

  it('transliterates when the scripts differ', () => {
    const [hit] = index.search('Анна Евгеньевна Цивилёва');
    expect(hit.entryId).toBe('EU.10913.81');
    expect(hit.score).toBe(1);
  });

  it('returns nothing for unrelated institutions', () => {
    expect(index.search('University of Oxford')).toEqual([]);
    expect(index.search('Technical University of Munich')).toEqual([]);
    expect(index.search('')).toEqual([]);
  });

  it('applies limit and minScore', () => {
    expect(index.search('Harbin', { minScore: 0, limit: 2 })).toHaveLength(2);
    expect(index.search('Harbin Institute of Technology', { minScore: 0.95 }).every((h) => h.score >= 0.95)).toBe(true);
  });

  it('uses the country as a small bonus and reports it', () => {
    const plain = index.search('Harbin Institute of Technology Shenzhen')[0];
    const withCountry = index.search('Harbin Institute of Technology Shenzhen', { country: 'CN' })[0];
    expect(withCountry.score).toBeCloseTo(Math.min(1, plain.score + 0.05), 3);
    expect(withCountry.reasons).toContain('country agrees (CN)');
    expect(withCountry.country).toBe('CN');
  });

  it('removes and replaces entries', () => {
    const local = buildIndex();
    expect(local.remove('ofac-35233')).toBe(true);
    expect(local.remove('ofac-35233')).toBe(false);
    expect(local.search('Sergei Viktorovich Lavrov').map((h) => h.entryId)).not.toContain('ofac-35233');
    local.add({
      id: 'x-1',
      listName: 'Test',
      listKind: 'assessment',
      entityName: 'Example Photonics Institute',
      names: [],
      countries: [],
    });
    expect(local.search('Example Photonics Institute')[0]).toMatchObject({ entryId: 'x-1', score: 1 });
    local.add({
      id: 'x-1',
      listName: 'Test',
      listKind: 'assessment',
      entityName: 'Renamed Optics Institute',
      names: [],
      countries: [],
    });
    expect(local.search('Example Photonics Institute')).toEqual([]);
    expect(local.size).toBe(entries.length);
  });

  it('answers as a fresh index after every entry is replaced several times', () => {
    const local = buildIndex();
    for (let round = 0; round < 3; round++) for (const entry of entries) local.add({ ...entry });
    const fresh = buildIndex();
    expect(local.size).toBe(fresh.size);
    expect(local.nameCount).toBe(fresh.nameCount);
    for (const query of ['Harbin Institue of Technolgy', 'Sergei Lavrov', '中国人民解放军国防科技大学', 'NUDT']) {
      expect(local.search(query, { minScore: 0 })).toEqual(fresh.search(query, { minScore: 0 }));
    }
  });

  describe('returns the same best hit as comparing the query with every name', () => {
    const unrelated = [
      'University of Oxford',
      'Delft University of Technology',
      'ETH Zurich',
      'Tsinghua University',
      'Vladimir Pudin',
      'Sergey Ivanov',
      '北京大学',
      'Politecnico di Milano',
    ];
    const variants = (name: string): string[] => {
      const words = name.split(/\s+/);
      const chars = [...name];
      const dropped = chars.length > 4 ? [...chars.slice(0, 3), ...chars.slice(4)].join('') : name;
      const swapped = chars.length > 5 ? [...chars.slice(0, 4), chars[5], chars[4], ...chars.slice(6)].join('') : name;
      return [
        name,
        [...words].reverse().join(' '),
        dropped,
        swapped,
        words.slice(0, Math.max(1, words.length - 1)).join(' '),
      ];
    };
    const queries = [...new Set([...entries.flatMap((e) => e.names.flatMap(variants)), ...unrelated])];
    const names = entries.flatMap((e) => e.names.map((n) => ({ entryId: e.id, norm: normalizeName(n) })));

    it.each(queries.map((q) => [q]))('%s', (query) => {
      const q = normalizeName(query);
      let best = 0;
      for (const name of names) best = Math.max(best, round(compareNormalized(q, name.norm, index.weights).score));
      const [hit] = index.search(query, { minScore: 0.5 });
      expect(hit?.score ?? 0).toBe(best >= 0.5 ? best : 0);
    });
  });

  describe('bounds the work of indexing and searching, whatever the names', () => {
    it('indexes and finds a name that is one 100,000-letter word', () => {
      const local = buildIndex();
      const word = 'q'.repeat(100_000);
      local.add({ id: 'long', listName: 'Test', listKind: 'sanctions', entityName: word, names: [], countries: [] });
      expect(local.search(word)[0]).toMatchObject({ entryId: 'long', score: 1 });
      expect(local.search(`${word.slice(0, 40)}x Harbin Institute of Technology`)[0].entryId).toBe(
        'rpl-ef60871a6830379fd363',
      );
      expect(local.remove('long')).toBe(true);
    });

    // 6,000 names made of the same 40 frequent words: every posting is long, every name shares words
    // with a query made of them.
    const frequent = Array.from({ length: 40 }, (_, i) => `common${String.fromCharCode(97 + (i % 26))}${i}`);
    const crowded = new ScreeningIndex();
    for (let i = 0; i < 6_000; i++) {
      const words = [0, 1, 2, 3, 4].map((k) => frequent[(i * 7 + k * 13) % frequent.length]);
      crowded.add({
        id: `c${i}`,
        listName: 'Crowded',
        listKind: 'sanctions',
        entityName: words.join(' '),
        names: [],
        countries: [],
      });
    }
    const worstCase = Array.from({ length: 60 }, (_, i) => frequent[i % frequent.length])
      .join(' ')
      .slice(0, 300);

    it('counts a worst-case query within fixed bounds', () => {
      const stats = {} as SearchStats;
      crowded.search(worstCase, { stats, minScore: 0 });
      expect(stats.queryWords).toBeLessThanOrEqual(MAX_QUERY_WORDS);
      expect(stats.candidateWords).toBeLessThanOrEqual(MAX_CANDIDATE_WORDS);
      expect(stats.postingsVisited).toBeLessThanOrEqual(MAX_POSTINGS_VISITED);
      expect(stats.candidatesScored).toBeLessThanOrEqual(MAX_SCORED);
      expect(stats.wordPairs).toBeLessThanOrEqual(MAX_WORD_PAIRS);
      // Without the bounds this query would read every posting of 40 words (30,000 name ids) and score
      // every name sharing a fifth of its words.
      expect(stats.postingsVisited).toBeLessThan(30_000);
    });

    it('counts an ordinary query far below the bounds', () => {
      const stats = {} as SearchStats;
      const [hit] = crowded.search(`${frequent[0]} ${frequent[13]} ${frequent[26]} ${frequent[39]} ${frequent[12]}`, {
        stats,
      });
      expect(hit.score).toBe(1);
      expect(stats.queryWords).toBe(5);
      expect(stats.candidatesScored).toBeLessThanOrEqual(MAX_SCORED);
    });
  });
});
