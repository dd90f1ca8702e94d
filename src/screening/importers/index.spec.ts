import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  SCREENING_FORMATS,
  ScreeningFormat,
  ScreeningParseError,
  isScreeningFormat,
  parseScreeningList,
  readScreeningListFile,
} from './index';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/screening');

const FIXTURE_OF: Record<ScreeningFormat, string> = {
  csv: 'partners.simple.csv',
  ftm: 'opensanctions.ftm.jsonl',
  'ofac-csv': 'ofac-sdn.excerpt.csv',
  'un-xml': 'un-consolidated.excerpt.xml',
  'eu-fsf': 'eu-fsf.excerpt.jsonl',
  uk: 'uk-sanctions',
  'restricted-parties': 'restricted-parties.excerpt.json',
  aspi: 'aspi-unitracker.excerpt.json',
};

describe('parseScreeningList', () => {
  it('knows exactly the formats it has fixtures for', () => {
    expect([...SCREENING_FORMATS].sort()).toEqual(Object.keys(FIXTURE_OF).sort());
    expect(isScreeningFormat('un-xml')).toBe(true);
    expect(isScreeningFormat('xlsx')).toBe(false);
  });

  describe.each(SCREENING_FORMATS.map((format) => [format]))('%s', (format) => {
    let records: Awaited<ReturnType<typeof readScreeningListFile>>['records'];

    beforeAll(async () => {
      const list = await readScreeningListFile(format, join(FIXTURES, FIXTURE_OF[format]));
      expect(list.format).toBe(format);
      records = list.records;
    });

    it('gives every record a name, unique id, clean aliases and upper-case ISO codes', () => {
      expect(records.length).toBeGreaterThan(0);
      expect(new Set(records.map((r) => r.externalId)).size).toBe(records.length);
      for (const record of records) {
        expect(record.name).not.toBe('');
        expect(record.name).toBe(record.name.trim());
        expect(record.aliases.map((a) => a.toLowerCase())).not.toContain(record.name.toLowerCase());
        expect(new Set(record.aliases.map((a) => a.toLowerCase())).size).toBe(record.aliases.length);
        expect(record.aliases.every((alias) => alias !== '' && !/\s{2}/.test(alias))).toBe(true);
        expect(record.countries.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
        expect(new Set(record.countries).size).toBe(record.countries.length);
      }
    });
  });

  it('parses a buffer the same way as the file reader', async () => {
    const path = join(FIXTURES, FIXTURE_OF['eu-fsf']);
    expect(parseScreeningList('eu-fsf', readFileSync(path))).toEqual(await readScreeningListFile('eu-fsf', path));
  });

  it('ignores a UTF-8 byte-order mark', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name,country\nAcme,NL\n')]);
    expect(parseScreeningList('csv', withBom).records[0]).toMatchObject({ name: 'Acme', countries: ['NL'] });
  });

  it('rejects a folder of tables for a one-file format and an unknown format', () => {
    expect(() => parseScreeningList('csv', new Map())).toThrow(expect.objectContaining({ location: 'input' }));
    expect(() => parseScreeningList('xlsx' as ScreeningFormat, Buffer.from(''))).toThrow(ScreeningParseError);
  });
});
