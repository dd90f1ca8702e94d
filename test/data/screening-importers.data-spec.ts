import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { countryCodeFromName } from '../../src/screening/importers/country-codes';
import { readCsvRows } from '../../src/screening/importers/csv-reader';
import { ParsedList, ScreeningFormat, ScreeningRecord, readScreeningListFile } from '../../src/screening/importers';

// The full public files described in ../shared/data/README.md; its record counts are the truth.
const DATA_DIR = process.env.SHARED_DATA_DIR ?? resolve(__dirname, '../../../shared/data');
const data = (...parts: string[]) => join(DATA_DIR, ...parts);

const countBy = (records: ScreeningRecord[], key: (record: ScreeningRecord) => string) =>
  records.reduce<Record<string, number>>((counts, record) => {
    const value = key(record);
    counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  }, {});
const aliasCount = (records: ScreeningRecord[]) => records.reduce((n, record) => n + record.aliases.length, 0);

async function timedRead(format: ScreeningFormat, path: string): Promise<ParsedList> {
  const started = performance.now();
  const list = await readScreeningListFile(format, path);
  // Linear parsing reads the largest file (7 MB) in well under a second; quadratic work would not.
  // Elapsed time (monotonic), not the wall clock.
  expect(performance.now() - started).toBeLessThan(10_000);
  return list;
}

function expectWellFormed(list: ParsedList): void {
  expect(list.records.filter((record) => record.name.trim() === '')).toEqual([]);
  expect(new Set(list.records.map((record) => record.externalId)).size).toBe(list.records.length);
  expect(list.records.filter((record) => record.countries.some((code) => !/^[A-Z]{2}$/.test(code)))).toEqual([]);
}

describe('screening list importers on the full shared data', () => {
  describe('OFAC SDN (ofac_sdn/ofac-sdn.csv)', () => {
    const path = data('ofac_sdn', 'ofac-sdn.csv');
    let list: ParsedList;
    beforeAll(async () => {
      list = await timedRead('ofac-csv', path);
    });

    it('has the 19,249 entries of the README, typed as the publisher counts them', () => {
      expect(list.kind).toBe('sanctions');
      expect(list.records).toHaveLength(19_249);
      expect(countBy(list.records, (r) => r.entityType)).toEqual({ organization: 9_871, person: 7_502, vessel: 1_534, aircraft: 342 });
      expectWellFormed(list);
    });

    it('has the 20,194 alternate names of the README; the 4 that only repeat their own primary name are not aliases', () => {
      const rows = [...readCsvRows(readFileSync(path, 'utf8'))].slice(1);
      const alternateNames = rows.reduce((n, row) => n + row.fields[4].split(';').filter((name) => name.trim() !== '').length, 0);
      expect(alternateNames).toBe(20_194);
      expect(aliasCount(list.records)).toBe(20_190);
      const repeating = rows
        .filter((row) => row.fields[4].split(';').some((name) => name.trim().toLowerCase() === row.fields[1].trim().toLowerCase()))
        .map((row) => row.fields[0]);
      expect(repeating).toEqual(['18282', '35979', '40268', '52913']);
    });
  });

  describe('UN consolidated list (un_consolidated/UN_consolidated.xml)', () => {
    const path = data('un_consolidated', 'UN_consolidated.xml');
    let list: ParsedList;
    beforeAll(async () => {
      list = await timedRead('un-xml', path);
    });

    it('has the 730 individuals and 273 entities of the README', () => {
      expect(list.kind).toBe('sanctions');
      expect(countBy(list.records, (r) => r.entityType)).toEqual({ person: 730, organization: 273 });
      expect(aliasCount(list.records)).toBe(3_113);
      expectWellFormed(list);
    });

    it('resolves every nationality and country name except the two that name no present-day country', () => {
      const xml = readFileSync(path, 'utf8');
      const names = new Set<string>();
      for (const [, block] of xml.matchAll(/<NATIONALITY>([\s\S]*?)<\/NATIONALITY>/g)) {
        for (const [, value] of block.matchAll(/<VALUE>([^<]*)<\/VALUE>/g)) names.add(value.trim());
      }
      for (const [, value] of xml.matchAll(/<COUNTRY>([^<]*)<\/COUNTRY>/g)) names.add(value.trim());
      const unresolved = [...names].filter((name) => name !== '' && countryCodeFromName(name) === undefined);
      expect(unresolved.sort()).toEqual(['former Soviet Union', 'na']);
    });
  });

  describe('EU financial sanctions (eu_fsf/eu_fsf_entities.jsonl)', () => {
    let list: ParsedList;
    beforeAll(async () => {
      list = await timedRead('eu-fsf', data('eu_fsf', 'eu_fsf_entities.jsonl'));
    });

    it('has the 6,457 records of the README', () => {
      expect(list.kind).toBe('sanctions');
      expect(list.records).toHaveLength(6_457);
      expect(countBy(list.records, (r) => r.entityType)).toEqual({ person: 4_341, organization: 1_519, vessel: 597 });
      expect(aliasCount(list.records)).toBe(23_563);
      expectWellFormed(list);
    });
  });

  describe('UK sanctions list (uk_sanctions/)', () => {
    const folder = data('uk_sanctions');
    let list: ParsedList;
    beforeAll(async () => {
      list = await timedRead('uk', folder);
    });

    it('has the 6,046 subjects of the README', () => {
      expect(list.kind).toBe('sanctions');
      expect(list.records).toHaveLength(6_046);
      expect(countBy(list.records, (r) => r.entityType)).toEqual({ person: 3_883, organization: 1_531, vessel: 632 });
      expectWellFormed(list);
    });

    it('has the 15,050 names of the README: 6,046 primary, 8,972 aliases, 32 repeats that differ only in spacing or case', () => {
      const nameRows = [...readCsvRows(readFileSync(join(folder, 'subject_names.csv'), 'utf8'))].length - 1;
      expect(nameRows).toBe(15_050);
      expect(aliasCount(list.records)).toBe(8_972);
      expect(nameRows - list.records.length - aliasCount(list.records)).toBe(32);
    });
  });

  describe('restricted parties (restricted_parties/restricted_parties.json)', () => {
    const path = data('restricted_parties', 'restricted_parties.json');
    let list: ParsedList;
    beforeAll(async () => {
      list = await timedRead('restricted-parties', path);
    });

    it('has the 4,940 parties of the README, per source list', () => {
      expect(list.kind).toBe('export_control');
      expect(list.records).toHaveLength(4_940);
      expect(countBy(list.records, (r) => r.programs[0])).toEqual({
        'us-bis-entity-list': 3_420,
        'jp-meti-end-user-list': 835,
        'us-dod-section-1260h': 188,
        'us-dhs-uflpa': 144,
        'us-dod-section-1286': 130,
        'ca-ised-named-research-organizations': 103,
        'us-ofac-ns-cmic': 64,
        'us-bis-military-end-user-list': 56,
      });
      expect(aliasCount(list.records)).toBe(6_662);
      expectWellFormed(list);
    });

    it('maps every Korean country name in the file, so every party has a country', () => {
      const parties = JSON.parse(readFileSync(path, 'utf8')) as { countries: string[] }[];
      const names = new Set(parties.flatMap((party) => party.countries.flatMap((value) => value.split('/'))));
      expect([...names].filter((name) => countryCodeFromName(name) === undefined)).toEqual([]);
      expect(list.records.filter((record) => record.countries.length === 0)).toEqual([]);
    });
  });

  describe('ASPI China Defence Universities Tracker (aspi_unitracker/)', () => {
    let list: ParsedList;
    beforeAll(async () => {
      list = await timedRead('aspi', data('aspi_unitracker', 'china-defence-universities.misp-galaxy.json'));
    });

    it('has the 159 institutions of the README, all in China', () => {
      expect(list.kind).toBe('assessment');
      expect(list.records).toHaveLength(159);
      expect(list.records.filter((record) => record.countries.join() !== 'CN')).toEqual([]);
      expect(countBy(list.records, (r) => r.programs.join())).toEqual({
        Civilian: expect.any(Number),
        Military: expect.any(Number),
        Security: expect.any(Number),
        'Seven sons of national defence': 7,
        'Defence industry conglomerate': expect.any(Number),
      });
      expect(aliasCount(list.records)).toBe(594);
      expectWellFormed(list);
    });
  });
});
