import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScreeningList } from './index';
import { ScreeningParseError } from './screening-record';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/screening');

const parseGalaxy = (galaxy: unknown) => parseScreeningList('aspi', Buffer.from(JSON.stringify(galaxy), 'utf8'));

describe('aspi (ASPI China Defence Universities Tracker, MISP galaxy)', () => {
  const list = parseScreeningList('aspi', readFileSync(join(FIXTURES, 'aspi-unitracker.excerpt.json')));
  const record = (name: string) => list.records.find((r) => r.name === name);

  it('reads the 25 institutions of the excerpt as an assessment list, all in China', () => {
    expect(list.kind).toBe('assessment');
    expect(list.records).toHaveLength(25);
    expect(list.records.reduce((n, r) => n + r.aliases.length, 0)).toBe(108);
    expect(list.records.every((r) => r.countries.length === 1 && r.countries[0] === 'CN')).toBe(true);
    expect(list.records.filter((r) => r.programs.includes('Seven sons of national defence'))).toHaveLength(7);
  });

  it('splits the Chinese name off the label and keeps it with the other aliases', () => {
    expect(record('Beihang University')).toEqual({
      externalId: 'ab28c949-60e9-497c-85d6-f90e87d498d6',
      name: 'Beihang University',
      aliases: ['北京航空航天大学', 'Beijing University of Aeronautics and Astronautics', 'BUAA'],
      countries: ['CN'],
      entityType: 'organization',
      programs: ['Seven sons of national defence'],
    });
  });

  it('only splits off a parenthesis that holds Chinese', () => {
    expect(record('China University of Geosciences (Wuhan)')).toMatchObject({
      aliases: ['中国地质大学', '中国地质大学(武汉)', 'CUG'],
      programs: ['Civilian'],
    });
  });

  it('reads military and security institutions with their categories', () => {
    expect(record('National University of Defense Technology')).toMatchObject({
      aliases: expect.arrayContaining(['中国人民解放军国防科技大学', 'NUDT', 'Changsha Institute of Technology']),
      programs: ['Military'],
    });
    expect(record('Jiangnan Social University')?.programs).toEqual(['Security']);
  });

  describe('malformed input', () => {
    it('rejects JSON that is not a galaxy', () => {
      expect(() => parseGalaxy([{ value: 'X' }])).toThrow(expect.objectContaining({ location: 'document' }));
    });

    it('names the value without a name', () => {
      const galaxy = {
        values: [
          { uuid: 'a', value: 'Example University (示例大学)', meta: { aliases: [] } },
          { uuid: 'b', value: '', meta: {} },
        ],
      };
      expect(() => parseGalaxy(galaxy)).toThrow(new ScreeningParseError('b has no name', 'record 2'));
    });

    it('rejects truncated JSON', () => {
      const text = readFileSync(join(FIXTURES, 'aspi-unitracker.excerpt.json'), 'utf8').slice(0, 5000);
      expect(() => parseScreeningList('aspi', Buffer.from(text))).toThrow(ScreeningParseError);
    });
  });
});
