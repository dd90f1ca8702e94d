import { StringTable } from './compact-store';
import { NameStore } from './name-store';
import { normalizeName } from './normalize';

const NAMES = [
  'National University of Defense Technology (NUDT)',
  'PUTIN, Vladimir Vladimirovich',
  'Bill Gates',
  'Islamic Revolutionary Guard Corps',
  'Bank of China (Hong Kong) Limited',
  '中国人民解放军国防科技大学',
  'Сколковский институт науки и технологий',
  'Ινστιτούτο της Ρωσικής Διασποράς',
  '53. Gardeflugabwehrraketenbrigade',
  'A.B.C. Trading Co., Ltd.',
];

describe('NameStore', () => {
  it('gives back the normalised names it keeps as numbers', () => {
    const store = new NameStore(new StringTable());
    NAMES.forEach((name, id) => store.put(id, normalizeName(name)));
    NAMES.forEach((name, id) => {
      expect(store.get(id, name)).toEqual(normalizeName(name));
      expect(store.tokenCount(id)).toBe(normalizeName(name).tokens.length);
    });
  });

  it('reclaims the space of deleted names and keeps the others intact', () => {
    const store = new NameStore(new StringTable());
    const name = (i: number) => `Entity ${i} of the ${i % 7} Trading Group (ETG${i % 3})`;
    for (let round = 0; round < 6; round++) {
      for (let id = 0; id < 5_000; id++) {
        if (round > 0) store.delete(id);
        store.put(id, normalizeName(name(id + round)));
      }
    }
    for (const id of [0, 1_234, 4_999]) expect(store.get(id, name(id + 5))).toEqual(normalizeName(name(id + 5)));
  });
});
