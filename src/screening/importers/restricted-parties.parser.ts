import { countryCodeFromName } from './country-codes';
import {
  NameSet,
  ParsedList,
  RecordSource,
  ScreeningParseError,
  collectRecords,
  entityTypeFromText,
  nameHash,
  uniqueStrings,
} from './screening-record';
import { isObject, parseJsonDocument, scalarText, stringList } from './text-input';

/** Countries whose native script is Hangul: only for them is the database's Korean name a native name. */
const HANGUL_COUNTRIES = new Set(['KR', 'KP']);

/**
 * casslab-kaist/restricted-parties-db: a JSON array mixing export-control and military end-user
 * lists (BIS Entity List, METI End User List, DoD §1260H/§1286, …). Countries are Korean names,
 * several joined by "/" ("홍콩/중국"). The source list id is kept as the programme. Every entry's
 * type is "Unknown" in this release; as in our own CSV, an unknown type counts as an organisation.
 */
export function parseRestrictedParties(text: string): ParsedList {
  return {
    format: 'restricted-parties',
    kind: 'export_control',
    records: collectRecords(restrictedPartyRecords(text)),
  };
}

export function* restrictedPartyRecords(text: string): RecordSource {
  const document = parseJsonDocument(text);
  if (!Array.isArray(document)) throw new ScreeningParseError('expected a JSON array of parties', 'document');

  for (const [index, party] of (document as unknown[]).entries()) {
    const location = `record ${index + 1}`;
    if (!isObject(party)) throw new ScreeningParseError('not a JSON object', location);
    const name = isObject(party.name) ? party.name : {};

    const names = new NameSet(location, scalarText(name.english) || scalarText(name.native));
    if (!names.name) throw new ScreeningParseError(`${scalarText(party.id) || 'party'} has no name`, location);
    names.add(name.native);
    names.addAll(stringList(party.aliases));

    const countries = stringList(party.countries)
      .flatMap((value) => value.split('/'))
      .map((value) => countryCodeFromName(value))
      .filter((code): code is string => code !== undefined);
    if (countries.some((code) => HANGUL_COUNTRIES.has(code))) names.add(name.korean);

    const source = isObject(party.source) ? party.source : {};
    yield {
      externalId: scalarText(party.id) || nameHash(names.name),
      name: names.name,
      aliases: names.aliases,
      countries: uniqueStrings(countries),
      entityType: entityTypeFromText(scalarText(party.entity_type)),
      programs: uniqueStrings([scalarText(source.list_id)]),
    };
  }
}
