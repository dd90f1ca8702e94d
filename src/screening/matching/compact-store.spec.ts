import { HashMultimap, IntList, StringTable, deletionHashes, hashOf, isDeletionOf } from './compact-store';

describe('compact store', () => {
  it('grows an IntList and sets values by index', () => {
    const list = new IntList(2);
    for (let i = 0; i < 100; i++) list.push(i * 3);
    list.set(150, 7);
    expect(list.length).toBe(151);
    expect([list.at(0), list.at(99), list.at(120), list.at(150)]).toEqual([0, 297, 0, 7]);
  });

  it('numbers strings once', () => {
    const table = new StringTable();
    expect([table.intern('a'), table.intern('b'), table.intern('a')]).toEqual([0, 1, 0]);
    expect([table.find('b'), table.find('c'), table.get(1), table.size]).toEqual([1, -1, 'b', 2]);
  });

  it('hashes the one-letter deletions of a word as the shorter words themselves', () => {
    const hashes: number[] = [];
    deletionHashes('harbin', (hash) => hashes.push(hash));
    expect(hashes).toEqual(['arbin', 'hrbin', 'habin', 'harin', 'harbn', 'harbi'].map(hashOf));
    expect(isDeletionOf('harbin', 'harin')).toBe(true);
    expect(isDeletionOf('harbin', 'harbi')).toBe(true);
    expect(isDeletionOf('harbin', 'harbim')).toBe(false);
    expect(isDeletionOf('harbin', 'hrbn')).toBe(false);
  });

  it('keeps every value of a key, also when keys collide in the table and it grows', () => {
    const map = new HashMultimap(4);
    for (let i = 0; i < 1_000; i++) map.add(i % 10 === 0 ? 42 : i * 1024, i);
    const found: number[] = [];
    map.forEach(42, (value) => found.push(value));
    expect(found.sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i * 10));
    const single: number[] = [];
    map.forEach(7 * 1024, (value) => single.push(value));
    expect(single).toEqual([7]);
    expect(map.size).toBe(1_000);
  });
});
