import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScreeningList } from './index';
import { ScreeningParseError } from './screening-record';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/screening');

const parseUn = (xml: string) => parseScreeningList('un-xml', Buffer.from(xml, 'utf8'));

const smallList = (individuals: string, entities = '') =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<CONSOLIDATED_LIST>',
    '  <INDIVIDUALS>',
    individuals,
    '  </INDIVIDUALS>',
    '  <ENTITIES>',
    entities,
    '  </ENTITIES>',
    '</CONSOLIDATED_LIST>',
  ].join('\n');

describe('un-xml (UN Security Council Consolidated List)', () => {
  const list = parseScreeningList('un-xml', readFileSync(join(FIXTURES, 'un-consolidated.excerpt.xml')));
  const record = (reference: string) => list.records.find((r) => r.externalId === reference);

  it('reads the 32 individuals and 28 entities of the excerpt', () => {
    expect(list.kind).toBe('sanctions');
    expect(list.records.filter((r) => r.entityType === 'person')).toHaveLength(32);
    expect(list.records.filter((r) => r.entityType === 'organization')).toHaveLength(28);
    expect(list.records.reduce((n, r) => n + r.aliases.length, 0)).toBe(146);
  });

  it("joins an individual's name parts and keeps the original-script name as an alias", () => {
    expect(record('IQi.001')).toEqual({
      externalId: 'IQi.001',
      name: 'SADDAM HUSSEIN AL-TIKRITI',
      aliases: ['صدام حسين التكريتي', 'Abu Ali'],
      countries: ['IQ'],
      entityType: 'person',
      programs: ['Iraq'],
    });
    expect(record('QDi.397')?.aliases).toContain('Айрат Насимович Вахитов');
  });

  it('takes countries from nationality and addresses, leaving out what it cannot resolve', () => {
    expect(record('CDi.001')?.countries).toEqual(['CD', 'RW']);
    // "Russian Federation" + "former Soviet Union"
    expect(record('QDi.290')?.countries).toEqual(['RU']);
    // nationality "na", address Sudan
    expect(record('SDi.001')?.countries).toEqual(['SD']);
    expect(record('QDe.109')?.countries).toEqual(['BA']);
  });

  it('reads entities with their aliases, decoding XML entities and trimming references', () => {
    expect(record('KPe.055')).toEqual({
      externalId: 'KPe.055',
      name: 'CHANG AN SHIPPING & TECHNOLOGY',
      aliases: ['長安海連技術有限公司', 'CHANG AN SHIPPING AND TECHNOLOGY'],
      countries: ['CN'],
      entityType: 'organization',
      programs: ['DPRK'],
    });
    expect(record('KPe.041')).toMatchObject({ name: 'KOREA TAESONG TRADING COMPANY', countries: ['KP'] });
  });

  describe('malformed input', () => {
    const individual = (reference: string, first: string) =>
      `    <INDIVIDUAL><REFERENCE_NUMBER>${reference}</REFERENCE_NUMBER><FIRST_NAME>${first}</FIRST_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE></INDIVIDUAL>`;

    it('parses a minimal well-formed list', () => {
      expect(parseUn(smallList(individual('CDi.900', 'ALPHA'))).records).toEqual([
        { externalId: 'CDi.900', name: 'ALPHA', aliases: [], countries: [], entityType: 'person', programs: ['DRC'] },
      ]);
    });

    it('decodes character references and escaped ampersands once', () => {
      const xml = smallList(individual('CDi.900', 'IVAN &#1048;&#x432;&#x430;&#1085; &amp;#38; CO'));
      expect(parseUn(xml).records[0].name).toBe('IVAN Иван &#38; CO');
    });

    it('names the line where the XML stops being well-formed', () => {
      const xml = smallList(
        `${individual('CDi.900', 'ALPHA')}\n    <INDIVIDUAL><FIRST_NAME>BETA</FIRST_NAM></INDIVIDUAL>`,
      );
      expect(() => parseUn(xml)).toThrow(expect.objectContaining({ name: 'ScreeningParseError', location: 'line 5' }));
    });

    it('names the record without a name', () => {
      const xml = smallList(`${individual('CDi.900', 'ALPHA')}\n${individual('CDi.901', '')}`);
      expect(() => parseUn(xml)).toThrow(new ScreeningParseError('CDi.901 has no name', 'record 2'));
    });

    it('rejects XML that is not the consolidated list', () => {
      expect(() => parseUn('<?xml version="1.0"?><sdnList></sdnList>')).toThrow(
        expect.objectContaining({ location: 'document' }),
      );
    });

    it('finds a broken tag in the real excerpt', () => {
      const xml = readFileSync(join(FIXTURES, 'un-consolidated.excerpt.xml'), 'utf8');
      const at = xml.indexOf('<SECOND_NAME>IYAMUREMYE</SECOND_NAME>');
      const broken = `${xml.slice(0, at)}<SECOND_NAME>IYAMUREMYE</SECOND_NAMES>${xml.slice(at + '<SECOND_NAME>IYAMUREMYE</SECOND_NAME>'.length)}`;
      const line = xml.slice(0, at).split('\n').length;
      expect(() => parseUn(broken)).toThrow(expect.objectContaining({ location: `line ${line}` }));
    });

    describe('refuses hostile XML as a malformed document, never with a plain error', () => {
      const withDoctype = (doctype: string, name: string) =>
        smallList(
          '',
          `<ENTITY><REFERENCE_NUMBER>E1</REFERENCE_NUMBER><FIRST_NAME>${name}</FIRST_NAME></ENTITY>`,
        ).replace('?>\n', `?>\n<!DOCTYPE CONSOLIDATED_LIST [${doctype}]>\n`);
      it.each([
        ['an external entity', withDoctype('<!ENTITY x SYSTEM "file:///etc/passwd">', '&x;')],
        [
          'an entity expanded beyond the parser limits',
          withDoctype(`<!ENTITY a "${'A'.repeat(10_000)}">`, '&a;'.repeat(2_000)),
        ],
        [
          '50,000 nested elements',
          `<CONSOLIDATED_LIST>${'<a>'.repeat(50_000)}x${'</a>'.repeat(50_000)}</CONSOLIDATED_LIST>`,
        ],
      ])('%s', (_label, xml) => {
        expect(() => parseUn(xml)).toThrow(ScreeningParseError);
        expect(() => parseUn(xml)).toThrow(expect.objectContaining({ location: 'document' }));
      });
    });
  });
});
