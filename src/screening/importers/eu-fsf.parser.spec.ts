import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScreeningList } from './index';
import { ScreeningParseError } from './screening-record';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/screening');

const parseEu = (text: string) => parseScreeningList('eu-fsf', Buffer.from(text, 'utf8'));

describe('eu-fsf (EU financial sanctions, JSON lines)', () => {
  const list = parseScreeningList('eu-fsf', readFileSync(join(FIXTURES, 'eu-fsf.excerpt.jsonl')));
  const record = (id: string) => list.records.find((r) => r.externalId === id);

  it('reads every line of the excerpt: persons, enterprises and vessels', () => {
    expect(list.kind).toBe('sanctions');
    expect(list.records).toHaveLength(57);
    expect(list.records.filter((r) => r.entityType === 'person')).toHaveLength(37);
    expect(list.records.filter((r) => r.entityType === 'organization')).toHaveLength(12);
    expect(list.records.filter((r) => r.entityType === 'vessel')).toHaveLength(8);
    expect(list.records.reduce((n, r) => n + r.aliases.length, 0)).toBe(225);
  });

  it('takes the English name as primary and every other spelling as an alias', () => {
    expect(record('EU.10132.45')).toEqual({
      externalId: 'EU.10132.45',
      name: 'Oleg Mikhailovich SVIRIDENKO',
      aliases: [
        'Oleg Michajlovič SVIRIDENKO',
        'Олег Михайлович СВИРИДЕНКО',
        'Oleg Michajlovitj SVIRIDENKO',
        'Oleg Sviriděnko',
      ],
      countries: ['RU'],
      entityType: 'person',
      programs: ['HR'],
    });
    expect(record('EU.12586.92')).toMatchObject({
      name: 'Sophia Lee',
      aliases: ['Sofya Li', 'Sophia Li', 'Cофья ЛИ', '李晓翠', 'Xiaocui LI'],
      countries: ['CN'],
    });
  });

  it('reads an enterprise with its Chinese name and address country', () => {
    expect(record('EU.12559.85')).toEqual({
      externalId: 'EU.12559.85',
      name: 'Xiamen Limbach Aircraft Engine Co., Ltd.',
      aliases: ['Xiamen Limbach Aviation Engine Co., Ltd', '厦门林巴贺航空发动机股份有限公司', 'Limbach Aviation'],
      countries: ['CN'],
      entityType: 'organization',
      programs: ['UKR'],
    });
  });

  it('leaves out codes that are not ISO countries ("00" unknown, "CS" Serbia and Montenegro)', () => {
    expect(record('EU.10957.50')).toMatchObject({ name: 'LLC MirTelecom', countries: [] });
    expect(record('EU.8330.21')).toMatchObject({
      name: 'Bogoljub KARIĆ',
      aliases: ['Богољуб КАРИЋ', 'Боголюб КАРИЧ'],
      countries: [],
    });
  });

  it('identifies vessels by IMO number', () => {
    expect(record('IMO9293002')).toEqual({
      externalId: 'IMO9293002',
      name: 'Argent (formerly Jaguar)',
      aliases: [],
      countries: [],
      entityType: 'vessel',
      programs: [],
    });
  });

  describe('malformed input', () => {
    const ok = JSON.stringify({
      eu_reference_number: 'EU.1.1',
      subject_type: 'person',
      programmes: ['X'],
      names: [{ whole_name: 'A B' }],
    });

    it('names the line that is not JSON', () => {
      expect(() => parseEu(`${ok}\n${ok}\n{"eu_reference_number": "EU.2.2",\n`)).toThrow(
        new ScreeningParseError('not a JSON object', 'line 3'),
      );
    });

    it('names the line of a subject without names', () => {
      const nameless = JSON.stringify({ eu_reference_number: 'EU.3.3', subject_type: 'enterprise', names: [] });
      expect(() => parseEu(`${ok}\n\n${nameless}\n`)).toThrow(new ScreeningParseError('EU.3.3 has no name', 'line 3'));
    });

    it('rejects a subject without any id', () => {
      expect(() => parseEu(JSON.stringify({ names: [{ whole_name: 'A B' }] }))).toThrow(
        expect.objectContaining({ location: 'line 1' }),
      );
    });
  });
});
