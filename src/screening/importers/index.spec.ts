import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MAX_LISTED_NAME_LENGTH, MAX_WORD_LENGTH } from '../matching/limits';
import {
  SCREENING_FORMATS,
  ScreeningFormat,
  ScreeningParseError,
  isScreeningFormat,
  parseScreeningList,
  parseScreeningListInSlices,
  readScreeningListFile,
} from './index';
import { Slicer } from '../slicer';

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

  describe('refuses a record whose name or alias breaks a bound, naming where', () => {
    const tooLong = 'Name '.repeat(MAX_LISTED_NAME_LENGTH / 5 + 1).trim();
    const longWord = `Acme ${'x'.repeat(MAX_WORD_LENGTH + 1)} Ltd`;
    const json = (value: unknown) => JSON.stringify(value);
    const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    // Each input has one good record, then one with `bad` as its name or an alias.
    const inputs: Record<ScreeningFormat, (bad: string) => [Buffer | Map<string, Buffer>, string]> = {
      csv: (bad) => [Buffer.from(`name,country,type,aliases\nAcme,NL,company,\n"${bad}",NL,company,\n`), 'line 3'],
      ftm: (bad) => [
        Buffer.from(
          [
            json({ id: 'a', schema: 'Company', properties: { name: ['Acme'] } }),
            json({ id: 'b', schema: 'Company', properties: { name: ['Beta'], alias: [bad] } }),
          ].join('\n'),
        ),
        'line 2',
      ],
      'ofac-csv': (bad) => [
        Buffer.from(`uid,name,type,programs,alternate_names\n1,ACME,entity,X,\n2,BETA,entity,X,"A;${bad}"\n`),
        'line 3',
      ],
      'un-xml': (bad) => [
        Buffer.from(
          `<CONSOLIDATED_LIST><ENTITIES><ENTITY><REFERENCE_NUMBER>E1</REFERENCE_NUMBER><FIRST_NAME>ACME</FIRST_NAME></ENTITY>` +
            `<ENTITY><REFERENCE_NUMBER>E2</REFERENCE_NUMBER><FIRST_NAME>${escapeXml(bad)}</FIRST_NAME></ENTITY></ENTITIES></CONSOLIDATED_LIST>`,
        ),
        'record 2',
      ],
      'eu-fsf': (bad) => [
        Buffer.from(
          [
            json({ eu_reference_number: 'EU.1', subject_type: 'enterprise', names: [{ whole_name: 'Acme' }] }),
            json({ eu_reference_number: 'EU.2', subject_type: 'enterprise', names: [{ whole_name: bad }] }),
          ].join('\n'),
        ),
        'line 2',
      ],
      uk: (bad) => [
        new Map([
          ['subjects.csv', Buffer.from('unique_id,subject_type\nRUS1,entity\nRUS2,entity\n')],
          [
            'subject_names.csv',
            Buffer.from(`unique_id,name_type,full_name\nRUS1,primary,ACME\nRUS2,primary,BETA\nRUS2,alias,"${bad}"\n`),
          ],
        ]),
        'subject_names.csv line 4',
      ],
      'restricted-parties': (bad) => [
        Buffer.from(
          json([
            { id: 'p1', name: { english: 'Acme' } },
            { id: 'p2', name: { english: 'Beta' }, aliases: [bad] },
          ]),
        ),
        'record 2',
      ],
      aspi: (bad) => [Buffer.from(json({ values: [{ value: 'Acme University' }, { value: bad }] })), 'record 2'],
    };

    it.each(
      SCREENING_FORMATS.flatMap((format) => [[format, 'name-length'] as const, [format, 'word-length'] as const]),
    )('%s: %s', (format, bound) => {
      const [input, location] = inputs[format](bound === 'name-length' ? tooLong : longWord);
      let error: unknown;
      try {
        parseScreeningList(format, input);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ScreeningParseError);
      expect(error).toMatchObject({ location, bound });
      expect((error as Error).message).toMatch(
        bound === 'name-length'
          ? `longer than ${MAX_LISTED_NAME_LENGTH} characters`
          : `word longer than ${MAX_WORD_LENGTH} characters`,
      );
    });

    it.each(SCREENING_FORMATS.map((format) => [format]))('%s: accepts names at the bounds', (format) => {
      const atBounds = `${'x'.repeat(MAX_WORD_LENGTH)} ${'Name '.repeat(MAX_LISTED_NAME_LENGTH / 5)}`
        .slice(0, MAX_LISTED_NAME_LENGTH)
        .trim();
      expect(parseScreeningList(format, inputs[format](atBounds)[0]).records).toHaveLength(2);
    });
  });

  describe('in slices, for a server that keeps answering', () => {
    const input = (format: ScreeningFormat): Buffer | Map<string, Buffer> =>
      format === 'uk'
        ? new Map(
            ['subjects.csv', 'subject_names.csv'].map((file) => [
              file,
              readFileSync(join(FIXTURES, FIXTURE_OF.uk, file)),
            ]),
          )
        : readFileSync(join(FIXTURES, FIXTURE_OF[format]));

    it.each(SCREENING_FORMATS.map((format) => [format]))('%s: reads what the one-go parser reads', async (format) => {
      expect(await parseScreeningListInSlices(format, input(format))).toEqual(
        parseScreeningList(format, input(format)),
      );
    });

    // Every row repeats, so ids need making unique too; over a megabyte, so decoding is sliced as well.
    const rows = Array.from({ length: 30_000 }, (_, i) => `Entity number ${i % 20_000},RU,company,Alias ${i}`);
    const big = Buffer.from(`name,country,type,aliases\n${rows.join('\n')}\n`);

    it('gives the event loop a turn every 64 names once a slice is used up', async () => {
      const slicer = new Slicer(0);
      let turns = 0;
      let running = true;
      const spin = (): void => {
        if (!running) return;
        turns++;
        setImmediate(spin);
      };
      setImmediate(spin);
      const list = await parseScreeningListInSlices('csv', big, slicer);
      running = false;
      expect(big.length).toBeGreaterThan(1 << 20);
      expect(list).toEqual(parseScreeningList('csv', big));
      expect(list.records.filter((r) => r.externalId.endsWith('#2'))).toHaveLength(10_000);
      // 60,000 names and 30,000 records made unique: at least one pause per 64 of them.
      expect(slicer.pauses).toBeGreaterThanOrEqual(Math.floor(90_000 / 64));
      expect(turns).toBeGreaterThanOrEqual(Math.floor(90_000 / 64) - 1);
    });

    it('refuses what the one-go parser refuses, naming the same line', async () => {
      const broken = Buffer.concat([big, Buffer.from('Acme,NL,company,,extra\n')]);
      await expect(parseScreeningListInSlices('csv', broken)).rejects.toThrow(
        expect.objectContaining({ location: 'line 30002' }),
      );
      const latin1 = Buffer.concat([big, Buffer.from([0x41, 0xe9, 0x0a])]);
      await expect(parseScreeningListInSlices('csv', latin1)).rejects.toThrow(
        expect.objectContaining({ message: 'line 30002: input is not valid UTF-8' }),
      );
    });
  });
});
