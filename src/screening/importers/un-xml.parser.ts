import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { countryCodeFromName } from './country-codes';
import {
  EntityType,
  NameSet,
  ParsedList,
  RecordSource,
  ScreeningParseError,
  ScreeningRecord,
  collectRecords,
  uniqueStrings,
} from './screening-record';
import { isObject } from './text-input';

const REPEATED_TAGS = new Set([
  'INDIVIDUAL',
  'ENTITY',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'VALUE',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  // Names such as "1" or "007" must stay text.
  parseTagValue: false,
  trimValues: true,
  // Without it fast-xml-parser 5 leaves numeric character references (&#1054;) undecoded.
  htmlEntities: true,
  isArray: (tagName) => REPEATED_TAGS.has(tagName),
});

type XmlNode = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function nodes(value: unknown): XmlNode[] {
  return Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : [];
}

/** The UN Security Council Consolidated List in its official XML. */
export function parseUnXml(xml: string): ParsedList {
  return { format: 'un-xml', kind: 'sanctions', records: collectRecords(unXmlRecords(xml)) };
}

export function* unXmlRecords(xml: string): RecordSource {
  const valid = readXml(() => XMLValidator.validate(xml));
  if (valid !== true) {
    throw new ScreeningParseError(`XML is not well-formed: ${valid.err.msg}`, `line ${valid.err.line}`);
  }
  const document = readXml((): unknown => parser.parse(xml));
  const list = isObject(document) ? document.CONSOLIDATED_LIST : undefined;
  if (!isObject(list)) {
    throw new ScreeningParseError('not a UN consolidated list (no CONSOLIDATED_LIST element)', 'document');
  }
  const individuals = nodes(isObject(list.INDIVIDUALS) ? list.INDIVIDUALS.INDIVIDUAL : undefined);
  const entities = nodes(isObject(list.ENTITIES) ? list.ENTITIES.ENTITY : undefined);

  let position = 0;
  for (const individual of individuals) {
    position++;
    const fullName = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
      .map((tag) => text(individual[tag]))
      .join(' ');
    const countries = [
      ...nodes(individual.NATIONALITY).flatMap((nationality) => (nationality.VALUE as unknown[] | undefined) ?? []),
      ...nodes(individual.INDIVIDUAL_ADDRESS).map((address) => address.COUNTRY),
    ];
    yield toRecord(individual, fullName, 'person', individual.INDIVIDUAL_ALIAS, countries, position);
  }
  for (const entity of entities) {
    position++;
    const countries = nodes(entity.ENTITY_ADDRESS).map((address) => address.COUNTRY);
    yield toRecord(entity, text(entity.FIRST_NAME), 'organization', entity.ENTITY_ALIAS, countries, position);
  }
}

/**
 * fast-xml-parser throws plain errors for what it refuses (external entities, entity expansion beyond its
 * limits, deep nesting); they become a refusal of the document like any other malformed file.
 */
function readXml<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ScreeningParseError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ScreeningParseError(`XML refused: ${message}`, 'document');
  }
}

function toRecord(
  node: XmlNode,
  fullName: string,
  entityType: EntityType,
  aliases: unknown,
  countryNames: unknown[],
  position: number,
): ScreeningRecord {
  const reference = text(node.REFERENCE_NUMBER).trim() || text(node.DATAID).trim();
  const location = `record ${position}`;
  if (!reference) throw new ScreeningParseError('no REFERENCE_NUMBER or DATAID', location);
  const names = new NameSet(location, fullName);
  if (!names.name) throw new ScreeningParseError(`${reference} has no name`, location);
  names.add(text(node.NAME_ORIGINAL_SCRIPT));
  for (const alias of nodes(aliases)) names.add(text(alias.ALIAS_NAME));

  const countries = countryNames
    .map((name) => countryCodeFromName(text(name)))
    .filter((code): code is string => code !== undefined);
  return {
    externalId: reference,
    name: names.name,
    aliases: names.aliases,
    countries: uniqueStrings(countries),
    entityType,
    programs: uniqueStrings([text(node.UN_LIST_TYPE)]),
  };
}
