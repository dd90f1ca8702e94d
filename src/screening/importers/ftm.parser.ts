import { normalizeCountryCode } from './country-codes';
import {
  EntityType,
  NameSet,
  ParsedList,
  RecordSource,
  ScreeningParseError,
  collectRecords,
  uniqueStrings,
} from './screening-record';
import { isObject, nonBlankLines, stringList } from './text-input';

/** The FollowTheMoney schemata that are parties; Address, Sanction, Ownership and so on are skipped. */
const SCHEMATA: Readonly<Record<string, EntityType>> = {
  Person: 'person',
  Organization: 'organization',
  Company: 'organization',
  LegalEntity: 'organization',
  PublicBody: 'organization',
  Vessel: 'vessel',
  Airplane: 'aircraft',
};

const ALIAS_PROPERTIES = ['alias', 'weakAlias', 'previousName'];
const COUNTRY_PROPERTIES = ['country', 'jurisdiction', 'nationality', 'citizenship', 'mainCountry'];
const PROGRAM_PROPERTIES = ['program', 'programId'];

/** FollowTheMoney entities, one JSON object per line, as OpenSanctions publishes them. */
export function parseFtm(text: string): ParsedList {
  return { format: 'ftm', kind: 'sanctions', records: collectRecords(ftmRecords(text)) };
}

export function* ftmRecords(text: string): RecordSource {
  for (const { line, text: json } of nonBlankLines(text)) {
    const location = `line ${line}`;
    let entity: unknown;
    try {
      entity = JSON.parse(json);
    } catch {
      throw new ScreeningParseError('not a JSON object', location);
    }
    if (!isObject(entity) || typeof entity.schema !== 'string') {
      throw new ScreeningParseError('not a FollowTheMoney entity (no "schema")', location);
    }
    const entityType = SCHEMATA[entity.schema];
    if (!entityType) {
      yield null;
      continue;
    }
    if (typeof entity.id !== 'string' || !entity.id.trim()) {
      throw new ScreeningParseError(`${entity.schema} has no "id"`, location);
    }
    const properties = isObject(entity.properties) ? entity.properties : {};

    // OpenSanctions puts the display name in "caption"; plain FtM has only the "name" values.
    const allNames = stringList(properties.name);
    const names = new NameSet(
      location,
      typeof entity.caption === 'string' && entity.caption.trim() ? entity.caption : allNames[0],
    );
    if (!names.name) throw new ScreeningParseError(`${entity.schema} ${entity.id} has no name`, location);
    names.addAll(allNames);
    for (const property of ALIAS_PROPERTIES) names.addAll(stringList(properties[property]));

    const countries = COUNTRY_PROPERTIES.flatMap((property) => stringList(properties[property]))
      .map(normalizeCountryCode)
      .filter((code): code is string => code !== undefined);
    const programs = [
      ...PROGRAM_PROPERTIES.flatMap((property) => stringList(properties[property])),
      ...stringList(entity.datasets),
    ];

    yield {
      externalId: entity.id.trim(),
      name: names.name,
      aliases: names.aliases,
      countries: uniqueStrings(countries),
      entityType,
      programs: uniqueStrings(programs),
    };
  }
}
