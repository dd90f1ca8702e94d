import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScreeningList } from './index';
import { ScreeningParseError } from './screening-record';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/screening');

const parseFtm = (text: string) => parseScreeningList('ftm', Buffer.from(text, 'utf8'));
const line = (entity: object) => JSON.stringify(entity);

describe('ftm (FollowTheMoney JSON lines)', () => {
  const list = parseScreeningList('ftm', readFileSync(join(FIXTURES, 'opensanctions.ftm.jsonl')));
  const record = (id: string) => list.records.find((r) => r.externalId === id);

  it('keeps the parties and skips Address, Sanction, Ownership and blank lines', () => {
    expect(list.kind).toBe('sanctions');
    expect(list.records.map((r) => r.externalId)).toEqual([
      'eu-fsf-eu-10132-45',
      'un-sc-kpe-021',
      'ofac-36',
      'aspi-hit',
      'ofac-13152',
      'ofac-15036',
      'ofac-15432',
      'un-sc-iqi-001',
      'un-sc-qde-002',
    ]);
  });

  it('reads a person with Cyrillic names, nationality and programme', () => {
    expect(record('eu-fsf-eu-10132-45')).toEqual({
      externalId: 'eu-fsf-eu-10132-45',
      name: 'Oleg Mikhailovich SVIRIDENKO',
      aliases: [
        'Олег Михайлович СВИРИДЕНКО',
        'Oleg Michajlovič SVIRIDENKO',
        'Oleg Michajlovitj SVIRIDENKO',
        'Oleg Sviriděnko',
      ],
      countries: ['RU'],
      entityType: 'person',
      programs: ['HR', 'eu_fsf'],
    });
  });

  it('maps the schemata to entity types', () => {
    expect(record('un-sc-kpe-021')).toMatchObject({
      entityType: 'organization',
      aliases: ['국방과학원', 'ANDS'],
      countries: ['KP'],
    });
    expect(record('ofac-36')).toMatchObject({ entityType: 'organization', countries: ['CU'] });
    expect(record('aspi-hit')).toMatchObject({ entityType: 'organization', aliases: ['哈尔滨工业大学', 'HIT'] });
    expect(record('ofac-15036')).toMatchObject({ entityType: 'vessel', aliases: ['ABADAN', 'SHONA'], countries: [] });
    expect(record('ofac-15432')).toMatchObject({ entityType: 'aircraft', name: 'EP-GOL' });
  });

  it('merges alias, weakAlias and previousName without case duplicates, and dedupes countries', () => {
    expect(record('ofac-13152')).toMatchObject({
      aliases: ['MALEK ASHTAR UNIVERSITY', 'MALEK-E ASHTAR UNIVERSITY', "DANESHGAH-E SANA'TI-YE MALEK-E ASHTAR"],
      countries: ['IR'],
      programs: ['NPWMD', 'IFSR', 'us_ofac_sdn'],
    });
  });

  it('drops country values that are not ISO codes (suhh, zz)', () => {
    expect(record('un-sc-iqi-001')).toMatchObject({ countries: ['IQ'], aliases: ['صدام حسين التكريتي', 'Abu Ali'] });
  });

  it('takes the caption as the primary name when there is one', () => {
    expect(record('un-sc-qde-002')).toMatchObject({
      name: 'AL-ITIHAAD AL-ISLAMIYA / AIAI',
      aliases: ['AL-ITIHAAD AL-ISLAMIYA', 'الاتحاد الاسلامي', 'AIAI'],
    });
  });

  describe('malformed input', () => {
    const ok = line({ id: 'a', schema: 'Company', properties: { name: ['Acme'] } });

    it('names the line that is not JSON', () => {
      expect(() => parseFtm(`${ok}\n\n{"id": "b", "schema": "Company",\n`)).toThrow(
        new ScreeningParseError('not a JSON object', 'line 3'),
      );
    });

    it('rejects a line without a schema', () => {
      expect(() => parseFtm(`${ok}\n${line({ id: 'b', properties: {} })}\n`)).toThrow(
        expect.objectContaining({ location: 'line 2' }),
      );
    });

    it('rejects a party without a name or without an id', () => {
      expect(() => parseFtm(`${ok}\n${line({ id: 'b', schema: 'Person', properties: { name: [] } })}`)).toThrow(
        new ScreeningParseError('Person b has no name', 'line 2'),
      );
      expect(() => parseFtm(line({ schema: 'Company', properties: { name: ['X'] } }))).toThrow(
        expect.objectContaining({ location: 'line 1' }),
      );
    });

    it('does not demand a name from skipped schemata', () => {
      expect(parseFtm(`${ok}\n${line({ id: 's', schema: 'Sanction', properties: {} })}`).records).toHaveLength(1);
    });
  });
});
