import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScreeningList } from './index';
import { ScreeningParseError, ScreeningRecord, entityTypeFromText } from './screening-record';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/screening');

const parseCsv = (text: string) => parseScreeningList('csv', Buffer.from(text, 'utf8'));
const byName = (records: ScreeningRecord[], name: string) => records.find((record) => record.name === name);

describe('csv (our upload format)', () => {
  const list = parseScreeningList('csv', readFileSync(join(FIXTURES, 'partners.simple.csv')));

  it('reads every row of the fixture as a sanctions list by default', () => {
    expect(list.format).toBe('csv');
    expect(list.kind).toBe('sanctions');
    expect(list.records).toHaveLength(8);
    expect(list.records.map((record) => record.entityType)).toEqual([
      'organization',
      'organization',
      'organization',
      'organization',
      'organization',
      'person',
      'vessel',
      'aircraft',
    ]);
  });

  it('splits aliases on ";" and keeps native-script names', () => {
    expect(byName(list.records, 'Harbin Institute of Technology')).toEqual({
      externalId: expect.stringMatching(/^[0-9a-f]{16}$/),
      name: 'Harbin Institute of Technology',
      aliases: ['哈尔滨工业大学', 'HIT'],
      countries: ['CN'],
      entityType: 'organization',
      programs: [],
    });
    expect(byName(list.records, 'Sharif University of Technology')?.aliases).toEqual([
      'Sharif University',
      'دانشگاه صنعتی شریف',
    ]);
  });

  it('handles quoted commas, doubled quotes, duplicate aliases, lower-case codes and country names', () => {
    expect(byName(list.records, 'Rosoboronexport, JSC')).toMatchObject({
      aliases: ['Рособоронэкспорт'],
      countries: ['RU'],
    });
    expect(byName(list.records, 'Malek Ashtar University of Technology')).toMatchObject({
      aliases: ['MUT', '"Malek-e Ashtar" University'],
      countries: ['IR'],
    });
    expect(byName(list.records, 'Bauman Moscow State Technical University')).toMatchObject({
      aliases: ['МГТУ им. Н. Э. Баумана', 'Bauman MSTU'],
      countries: ['RU'],
    });
    expect(byName(list.records, 'Kim Jong Un')).toMatchObject({
      aliases: ['김정은'],
      countries: ['KP'],
      entityType: 'person',
    });
    expect(byName(list.records, 'Ocean 28')).toMatchObject({ countries: [], entityType: 'vessel' });
  });

  it('gives rows a stable id from the name, unique within the list', () => {
    const text = 'name,country\nAcme Ltd,NL\nAcme  Ltd,DE\nOther,\n';
    const [first, second, other] = parseCsv(text).records;
    expect(first.externalId).toBe(parseCsv('name\nAcme Ltd\n').records[0].externalId);
    expect(second.externalId).toBe(`${first.externalId}#2`);
    expect(other.externalId).not.toBe(first.externalId);
  });

  it('accepts the columns in any order and without the optional ones', () => {
    expect(parseCsv('aliases,name\nA1;A2,Acme\n').records[0]).toMatchObject({
      name: 'Acme',
      aliases: ['A1', 'A2'],
      countries: [],
    });
  });

  it.each([
    ['Person', 'person'],
    ['individual', 'person'],
    ['Ship', 'vessel'],
    ['airplane', 'aircraft'],
    ['other', 'other'],
    ['university', 'organization'],
    ['', 'organization'],
    ['Unknown', 'organization'],
  ])('maps type %j to %s', (text, type) => {
    expect(entityTypeFromText(text)).toBe(type);
  });

  describe('malformed input', () => {
    it('names the line with the wrong number of columns', () => {
      const rows = Array.from({ length: 15 }, (_, i) => `Partner ${i},NL,company,`);
      const text = ['name,country,type,aliases', ...rows, 'Broken, Inc,NL,company,'].join('\r\n');
      expect(() => parseCsv(text)).toThrow(new ScreeningParseError('expected 4 columns, found 5', 'line 17'));
    });

    it('rejects a row without a name', () => {
      expect(() => parseCsv('name,country\nAcme,NL\n  ,DE\n')).toThrow(
        new ScreeningParseError('name is empty', 'line 3'),
      );
    });

    it('rejects a country it cannot resolve instead of dropping it', () => {
      expect(() => parseCsv('name,country\nAcme,XX\n')).toThrow(
        new ScreeningParseError('unknown country "XX"', 'line 2'),
      );
    });

    it('rejects unknown columns and a header without name', () => {
      expect(() => parseCsv('name,country,kind\nAcme,NL,x\n')).toThrow(expect.objectContaining({ location: 'line 1' }));
      expect(() => parseCsv('name;country;type;aliases\nAcme;NL;;\n')).toThrow(
        expect.objectContaining({ location: 'line 1' }),
      );
    });

    it('rejects a file that is not UTF-8, naming the line', () => {
      const latin1 = Buffer.from('name,country\nAcme,NL\nSociété Générale,FR\n', 'latin1');
      expect(() => parseScreeningList('csv', latin1)).toThrow(
        new ScreeningParseError('input is not valid UTF-8', 'line 3'),
      );
    });

    it('rejects an unclosed quote', () => {
      expect(() => parseCsv('name\n"Acme\n')).toThrow(expect.objectContaining({ location: 'line 2' }));
    });
  });
});
