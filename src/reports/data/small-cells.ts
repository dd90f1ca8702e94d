import { OTHER_COUNTRY } from './report-data';

export interface CountryCount {
  region: string;
  country: string;
  cases: number;
}

export interface SuppressedCells {
  /** Countries shown by name: at least `threshold` cases. */
  shown: CountryCount[];
  /** Per region, the countries merged into "other" (sorted), for which the caller counts distinct cases. */
  mergedByRegion: Map<string, string[]>;
}

/**
 * Small-cell suppression: a country with fewer than `threshold` cases is not named; its cases count
 * under "other" of its region. (Counting "other" is the caller's: a case with two small countries of
 * one region counts once there, which a sum of the cells would not give.)
 */
export function suppressSmallCells(counts: readonly CountryCount[], threshold: number): SuppressedCells {
  const shown: CountryCount[] = [];
  const mergedByRegion = new Map<string, string[]>();
  for (const cell of counts) {
    if (cell.country === OTHER_COUNTRY) throw new Error('"other" is not a country code');
    if (cell.cases >= threshold) {
      shown.push(cell);
    } else {
      const merged = mergedByRegion.get(cell.region) ?? [];
      merged.push(cell.country);
      mergedByRegion.set(cell.region, merged);
    }
  }
  for (const merged of mergedByRegion.values()) merged.sort();
  return { shown, mergedByRegion };
}
