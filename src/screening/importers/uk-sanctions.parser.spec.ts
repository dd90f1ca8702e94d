import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScreeningList, readScreeningListFile } from './index';
import { ScreeningParseError } from './screening-record';

const UK_FIXTURES = resolve(__dirname, '../../../test/fixtures/screening/uk-sanctions');

const SUBJECTS_HEADER = 'unique_id,subject_type,un_reference_number,ofsi_group_id,date_designated,last_updated';
const NAMES_HEADER = 'name_id,unique_id,name_type,alias_strength,full_name,name_6,name_1,name_2,name_3,name_4,name_5';

const tables = (subjects: string[], names: string[]) =>
  new Map([
    ['subjects.csv', Buffer.from([SUBJECTS_HEADER, ...subjects, ''].join('\n'))],
    ['subject_names.csv', Buffer.from([NAMES_HEADER, ...names, ''].join('\n'))],
  ]);

describe('uk (UK Sanctions List tables)', () => {
  const list = parseScreeningList(
    'uk',
    new Map(
      ['subjects.csv', 'subject_names.csv', 'subject_dobs.csv'].map((file) => [
        file,
        readFileSync(join(UK_FIXTURES, file)),
      ]),
    ),
  );
  const record = (id: string) => list.records.find((r) => r.externalId === id);

  it('reads the 65 subjects of the excerpt with their types', () => {
    expect(list.kind).toBe('sanctions');
    expect(list.records).toHaveLength(65);
    expect(list.records.filter((r) => r.entityType === 'person')).toHaveLength(31);
    expect(list.records.filter((r) => r.entityType === 'organization')).toHaveLength(28);
    expect(list.records.filter((r) => r.entityType === 'vessel')).toHaveLength(6);
  });

  it('makes 175 aliases of the 241 name rows: 65 are primary names, one ("Zhi CHEN") differs from its primary only in case', () => {
    expect(list.records.reduce((n, r) => n + r.aliases.length, 0)).toBe(175);
    expect(record('GHR0179')).toMatchObject({ name: 'Zhi Chen', aliases: ['Vincent'] });
  });

  it('reads a subject field by field, with the regime as programme', () => {
    expect(record('AFG0002')).toEqual({
      externalId: 'AFG0002',
      name: 'ROSHAN MONEY EXCHANGE',
      aliases: [
        'Haji Ahmad Shah Hawala',
        'Maulawi Ahmed Shah Hawala',
        'Mullah Ahmed Shah Hawala',
        'Roshan Sarafi',
        'Roshan Shirkat',
        'Roshan Trading Company',
        'Rushaan Trading Company',
      ],
      countries: [],
      entityType: 'organization',
      programs: ['AFG'],
    });
    expect(record('RUS2176')).toMatchObject({ name: 'KOROLEV PROSPECT', entityType: 'vessel', programs: ['RUS'] });
  });

  it('keeps the first primary name and turns a second one into an alias, collapsing runs of spaces', () => {
    expect(record('AFG0038')).toMatchObject({
      name: 'DIN MOHAMMAD HANIF',
      aliases: ['IADENA MOHAMMAD', 'IADENAMOHAMMAD NAZRI MOHAMMAD', 'QARI DIN MOHAMMAD'],
      entityType: 'person',
    });
  });

  it('reads the folder from disk', async () => {
    await expect(readScreeningListFile('uk', UK_FIXTURES)).resolves.toEqual(list);
  });

  describe('malformed input', () => {
    it('needs both tables', () => {
      const onlySubjects = new Map([['subjects.csv', Buffer.from(`${SUBJECTS_HEADER}\n`)]]);
      expect(() => parseScreeningList('uk', onlySubjects)).toThrow(
        new ScreeningParseError('table is missing', 'subject_names.csv'),
      );
      expect(() => parseScreeningList('uk', Buffer.from(''))).toThrow(expect.objectContaining({ location: 'input' }));
    });

    it('names the line of a name whose subject does not exist', () => {
      const input = tables(
        ['AFG0001,entity,,1,,'],
        ['00000,AFG0001,primary,,ACME,,,,,,', '00001,AFG9999,alias,,GHOST,,,,,,'],
      );
      expect(() => parseScreeningList('uk', input)).toThrow(
        new ScreeningParseError('name of unknown subject "AFG9999"', 'subject_names.csv line 3'),
      );
    });

    it('names the subject without a primary name', () => {
      const input = tables(
        ['AFG0001,entity,,1,,', 'AFG0002,individual,,2,,'],
        ['00000,AFG0001,primary,,ACME,,,,,,', '00001,AFG0002,alias,,NOBODY,,,,,,'],
      );
      expect(() => parseScreeningList('uk', input)).toThrow(
        new ScreeningParseError('subject AFG0002 has no primary name', 'subjects.csv line 3'),
      );
    });

    it('names the line with the wrong number of columns', () => {
      const input = tables(
        ['AFG0001,entity,,1,,'],
        ['00000,AFG0001,primary,,ACME,,,,,,', '00001,AFG0001,alias,,"ACME, LTD",,,'],
      );
      expect(() => parseScreeningList('uk', input)).toThrow(
        new ScreeningParseError('expected 11 columns, found 8', 'subject_names.csv line 3'),
      );
    });
  });
});
