import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScreeningList } from './index';
import { ScreeningParseError } from './screening-record';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/screening');

const HEADER = 'uid,name,type,programs,alternate_names';
const parseOfac = (text: string) => parseScreeningList('ofac-csv', Buffer.from(text, 'utf8'));

describe('ofac-csv (OFAC SDN flattened to CSV)', () => {
  const list = parseScreeningList('ofac-csv', readFileSync(join(FIXTURES, 'ofac-sdn.excerpt.csv')));
  const record = (uid: string) => list.records.find((r) => r.externalId === uid);

  it('reads all 147 entries of the excerpt with their types', () => {
    expect(list.kind).toBe('sanctions');
    expect(list.records).toHaveLength(147);
    const types = list.records.reduce<Record<string, number>>(
      (count, r) => ({ ...count, [r.entityType]: (count[r.entityType] ?? 0) + 1 }),
      {},
    );
    expect(types).toEqual({ organization: 66, person: 29, vessel: 26, aircraft: 26 });
  });

  it('keeps 118 of the 122 alternate names: 4 only repeat their primary name', () => {
    expect(list.records.reduce((n, r) => n + r.aliases.length, 0)).toBe(118);
    expect(record('18282')).toMatchObject({
      name: 'OJSC NOVOKUYBYSHEV REFINERY',
      aliases: ['NOVOKUIBYSHEVSK REFINERY'],
    });
    expect(record('40268')?.aliases).toEqual([]);
    expect(record('52913')).toMatchObject({
      name: 'AL-MASHAT, Mahdi Mohammed Hussein',
      aliases: [
        'ELMASHAT, Mahdi',
        'ALMASHAT, Mahdi',
        'AL-MASHAT, Mahdi bin Mohammed bin Hussein',
        'MASHAT, Mahdi Mohammed',
        'AL-MASHAT, Mahdi',
      ],
      entityType: 'person',
    });
  });

  it('reads an entity field by field', () => {
    expect(record('4632')).toEqual({
      externalId: '4632',
      name: 'BANK MARKAZI JOMHOURI ISLAMI IRAN',
      aliases: ['CENTRAL BANK OF THE ISLAMIC REPUBLIC OF IRAN', 'BANK MARKAZI IRAN', 'CENTRAL BANK OF IRAN'],
      countries: [],
      entityType: 'organization',
      programs: ['IRAN', 'SDGT', 'IRGC', 'IFSR'],
    });
  });

  it('reads quoted names, vessels and aircraft', () => {
    expect(record('35979')).toMatchObject({
      name: 'KHOTIMSKIY, Sergey Vladimirovich',
      aliases: ['KHOTIMSKI, Sergei Vladimirovich'],
    });
    expect(record('15036')).toMatchObject({
      name: 'ARTAVIL',
      aliases: ['ABADAN', 'SHONA'],
      entityType: 'vessel',
      programs: ['IRAN'],
    });
    expect(record('15432')).toMatchObject({ name: 'EP-GOL', aliases: [], entityType: 'aircraft', programs: ['SDGT'] });
    expect(record('13152')?.aliases).toHaveLength(7);
  });

  describe('malformed input', () => {
    it('names the line with the wrong number of columns', () => {
      const text = readFileSync(join(FIXTURES, 'ofac-sdn.excerpt.csv'), 'utf8').split('\r\n');
      text[16] = '999,BROKEN "ENTRY", LTD,entity,SDGT,';
      expect(() => parseOfac(text.join('\r\n'))).toThrow(
        new ScreeningParseError('expected 5 columns, found 6', 'line 17'),
      );
    });

    it('rejects an entry without a name', () => {
      expect(() => parseOfac(`${HEADER}\n1,ACME,entity,SDGT,\n2,,entity,SDGT,\n`)).toThrow(
        new ScreeningParseError('entry 2 has no name', 'line 3'),
      );
    });

    it('rejects a file without the OFAC columns', () => {
      expect(() => parseOfac('name,country,type,aliases\nAcme,NL,,\n')).toThrow(
        expect.objectContaining({ location: 'line 1' }),
      );
    });
  });
});
