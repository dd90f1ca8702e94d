import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScreeningList } from './index';
import { ScreeningParseError } from './screening-record';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/screening');

const parseParties = (parties: unknown) =>
  parseScreeningList('restricted-parties', Buffer.from(JSON.stringify(parties), 'utf8'));
const party = (id: string, english: string, countries: string[], extra: Record<string, unknown> = {}) => ({
  id,
  entity_type: 'Unknown',
  name: { english, native: '', korean: '' },
  aliases: [],
  countries,
  source: { list_id: 'us-bis-entity-list' },
  ...extra,
});

describe('restricted-parties (export-control and military end-user lists)', () => {
  const list = parseScreeningList(
    'restricted-parties',
    readFileSync(join(FIXTURES, 'restricted-parties.excerpt.json')),
  );
  const record = (id: string) => list.records.find((r) => r.externalId === id);

  it('reads the 117 parties of the excerpt as an export-control list, keeping the source list as programme', () => {
    expect(list.kind).toBe('export_control');
    expect(list.records).toHaveLength(117);
    expect(list.records.reduce((n, r) => n + r.aliases.length, 0)).toBe(122);
    const perList = list.records.reduce<Record<string, number>>(
      (count, r) => ({ ...count, [r.programs[0]]: (count[r.programs[0]] ?? 0) + 1 }),
      {},
    );
    expect(perList).toEqual({
      'us-bis-entity-list': 24,
      'ca-ised-named-research-organizations': 18,
      'jp-meti-end-user-list': 15,
      'us-bis-military-end-user-list': 12,
      'us-dhs-uflpa': 12,
      'us-dod-section-1260h': 12,
      'us-dod-section-1286': 12,
      'us-ofac-ns-cmic': 12,
    });
  });

  it("reads a party with its native Cyrillic name, and not the database's Korean translation", () => {
    expect(record('rpl-402cb5af4cfbeeff71b8')).toEqual({
      externalId: 'rpl-402cb5af4cfbeeff71b8',
      name: '27th Scientific Center of the Russian Ministry of Defense',
      aliases: [
        'Федеральное государственное бюджетное учреждение «27 Научный центр имени академика Н.Д. Зелинского» Министерства обороны Российской Федерации',
      ],
      countries: ['RU'],
      entityType: 'organization',
      programs: ['ca-ised-named-research-organizations'],
    });
    expect(record('rpl-899cdce8b3069711fd2f')).toMatchObject({
      name: 'Academy of National Defense Science',
      aliases: ['국방과학원'],
      countries: ['KP'],
    });
  });

  it('maps Korean country names, "/"-joined ones included', () => {
    expect(record('rpl-bf4ffbec91422000a10f')).toMatchObject({
      name: '3-K Electronics Limited',
      aliases: ['3-K Semiconductors Limited'],
      countries: ['CN', 'HK'],
    });
    expect(record('rpl-1c33e1892da710261dcf')?.countries).toEqual(['AF', 'PK']);
  });

  it('keeps a party listed several times once per listing, with unique ids', () => {
    expect(
      list.records.filter((r) => r.externalId.startsWith('rpl-24e1ef3ba99f95678cdd')).map((r) => r.externalId),
    ).toEqual(['rpl-24e1ef3ba99f95678cdd', 'rpl-24e1ef3ba99f95678cdd#2']);
    expect(list.records.filter((r) => r.externalId.startsWith('rpl-336a9186e2ae6bf7ac79'))).toHaveLength(5);
    expect(new Set(list.records.map((r) => r.externalId)).size).toBe(117);
  });

  it('adds the Korean name only for Korean parties', () => {
    const [korean, chinese] = parseParties([
      party('k', 'Korea Example Trading', ['북한'], {
        name: { english: 'Korea Example Trading', native: '', korean: '조선 예시 무역' },
      }),
      party('c', 'Example Electronics', ['중국'], {
        name: { english: 'Example Electronics', native: '例子电子', korean: '예시 전자' },
      }),
    ]).records;
    expect(korean.aliases).toEqual(['조선 예시 무역']);
    expect(chinese.aliases).toEqual(['例子电子']);
  });

  it('omits a country name it does not know', () => {
    expect(parseParties([party('x', 'Somewhere Ltd', ['아틀란티스/중국'])]).records[0].countries).toEqual(['CN']);
  });

  describe('malformed input', () => {
    it('names the record without a name', () => {
      const input = [party('a', 'Fine Ltd', ['중국']), party('b', '', ['중국'])];
      expect(() => parseParties(input)).toThrow(new ScreeningParseError('b has no name', 'record 2'));
    });

    it('rejects a document that is not JSON, naming the line when JSON.parse says where', () => {
      const text = '[\n  {"id": "a"},\n  {"id": "b"}\n  {"id": "c"}\n]';
      expect(() => parseScreeningList('restricted-parties', Buffer.from(text))).toThrow(
        expect.objectContaining({ location: 'line 4' }),
      );
    });

    it('rejects JSON that is not an array of parties', () => {
      expect(() => parseScreeningList('restricted-parties', Buffer.from('{"parties": []}'))).toThrow(
        expect.objectContaining({ location: 'document' }),
      );
      expect(() => parseParties([party('a', 'Fine Ltd', []), 'oops'])).toThrow(
        new ScreeningParseError('not a JSON object', 'record 2'),
      );
    });
  });
});
