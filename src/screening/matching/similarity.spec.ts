import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  jaro,
  jaroWinkler,
  osaDistance,
  phoneticKey,
  tokenSimilarity,
  watchmanBestPairsJaroWinkler,
} from './similarity';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'matching');

function readGoldenCases(): Array<{ indexed: string; search: string; expected: number }> {
  const lines = readFileSync(join(FIXTURES, 'watchman_jw_golden_cases.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const cells = [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
    return { indexed: cells[0], search: cells[1], expected: Number(cells[2]) };
  });
}

describe('jaro and jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.944, 3);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
});

describe('osaDistance', () => {
  it('counts substitutions, insertions, deletions and adjacent transpositions', () => {
    expect(osaDistance('scholz', 'schloz')).toBe(1);
    expect(osaDistance('kitten', 'sitting')).toBe(3);
    expect(osaDistance('', 'abc')).toBe(3);
  });

  it('stops early past the limit', () => {
    expect(osaDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });
});

describe('tokenSimilarity', () => {
  it('is 1 for equal words and 0 for unrelated ones', () => {
    expect(tokenSimilarity('oxford', 'oxford')).toBe(1);
    expect(tokenSimilarity('oxford', 'tehran')).toBe(0);
  });

  it('tolerates typos in proportion to word length', () => {
    expect(tokenSimilarity('scholze', 'scholz')).toBeGreaterThan(0.75);
    expect(tokenSimilarity('sergei', 'sergey')).toBeGreaterThan(0.7);
    expect(tokenSimilarity('tom', 'tim')).toBe(0);
  });

  it('catches spelling variants by sound, doubled letters and digits for letters', () => {
    expect(tokenSimilarity('mohamed', 'muhammad')).toBeGreaterThanOrEqual(0.8);
    expect(tokenSimilarity('uun', 'un')).toBeGreaterThanOrEqual(0.9);
    expect(tokenSimilarity('sech1n', 'sechin')).toBeGreaterThanOrEqual(0.9);
    expect(tokenSimilarity('zurich', 'shargh')).toBe(0);
  });

  it('compares numbers exactly', () => {
    expect(tokenSimilarity('2004', '2005')).toBe(0);
  });
});

describe('phoneticKey', () => {
  it('merges similar sounds', () => {
    expect(phoneticKey('usama')).toBe(phoneticKey('osama'));
    expect(phoneticKey('wladimir')).toBe(phoneticKey('vladimir'));
    expect(phoneticKey('husayn')).toBe(phoneticKey('hussein'));
  });
});

describe('watchmanBestPairsJaroWinkler (baseline for the quality benchmark)', () => {
  const cases = readGoldenCases();

  it('has the 94 golden cases', () => {
    expect(cases).toHaveLength(94);
  });

  it.each(cases)('$indexed vs $search → $expected', ({ indexed, search, expected }) => {
    expect(Math.abs(watchmanBestPairsJaroWinkler(search, indexed) - expected)).toBeLessThanOrEqual(0.01);
  });
});
