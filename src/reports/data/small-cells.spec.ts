import { suppressSmallCells } from './small-cells';

describe('suppressSmallCells', () => {
  it('names countries with at least the threshold of cases and merges the others per region', () => {
    const result = suppressSmallCells(
      [
        { region: 'europe', country: 'DE', cases: 5 },
        { region: 'europe', country: 'UA', cases: 4 },
        { region: 'europe', country: 'FR', cases: 1 },
        { region: 'asia', country: 'CN', cases: 2 },
        { region: 'asia', country: 'JP', cases: 9 },
      ],
      5,
    );
    expect(result.shown.map((c) => c.country)).toEqual(['DE', 'JP']);
    expect(Object.fromEntries(result.mergedByRegion)).toEqual({ europe: ['FR', 'UA'], asia: ['CN'] });
  });

  it('merges nothing when every cell is large enough, and everything when none is', () => {
    expect(suppressSmallCells([{ region: 'europe', country: 'DE', cases: 7 }], 5).mergedByRegion.size).toBe(0);
    expect(suppressSmallCells([{ region: 'europe', country: 'DE', cases: 4 }], 5).shown).toEqual([]);
  });

  it('refuses "other" as a country code', () => {
    expect(() => suppressSmallCells([{ region: 'europe', country: 'other', cases: 7 }], 5)).toThrow();
  });
});
