import { normalizeCountryCode } from './country-codes';
import {
  EntityType,
  NameSet,
  ParsedList,
  RecordSource,
  ScreeningParseError,
  ScreeningRecord,
  cleanName,
  collectRecords,
  uniqueStrings,
} from './screening-record';
import { isObject, nonBlankLines, scalarText, stringList } from './text-input';

const ENTITY_TYPES: Readonly<Record<string, EntityType>> = {
  person: 'person',
  enterprise: 'organization',
};

/**
 * The EU consolidated financial sanctions list, one subject per line (snake_case of the official
 * XML's fields). Lines with only `vessel_name`/`imo_number` are vessels (no reference, programme
 * or names). The primary name is the first English one, else the first without a language,
 * else the first; every other spelling (Cyrillic, Arabic, …) is an alias.
 */
export function parseEuFsf(text: string): ParsedList {
  return { format: 'eu-fsf', kind: 'sanctions', records: collectRecords(euFsfRecords(text)) };
}

export function* euFsfRecords(text: string): RecordSource {
  for (const { line, text: json } of nonBlankLines(text)) {
    const location = `line ${line}`;
    let subject: unknown;
    try {
      subject = JSON.parse(json);
    } catch {
      throw new ScreeningParseError('not a JSON object', location);
    }
    if (!isObject(subject)) throw new ScreeningParseError('not a JSON object', location);
    yield subjectRecord(subject, location);
  }
}

function subjectRecord(subject: Record<string, unknown>, location: string): ScreeningRecord {
  const entries = Array.isArray(subject.names) ? subject.names.filter(isObject) : [];
  const wholeNames = entries
    .map((entry) => ({ name: cleanName(entry.whole_name), language: entry.name_language }))
    .filter((entry) => entry.name !== '');
  const primary =
    wholeNames.find((entry) => entry.language === 'EN') ??
    wholeNames.find((entry) => entry.language === undefined || entry.language === null) ??
    wholeNames[0];

  const vesselName = cleanName(subject.vessel_name);
  const names = new NameSet(location, primary?.name ?? vesselName);
  names.addAll(wholeNames.map((entry) => entry.name));
  names.add(vesselName);

  const reference = scalarText(subject.eu_reference_number) || scalarText(subject.logical_id);
  const imo = scalarText(subject.imo_number);
  const externalId = reference || (imo ? `IMO${imo}` : '');
  if (!externalId) throw new ScreeningParseError('no eu_reference_number, logical_id or imo_number', location);
  if (!names.name) throw new ScreeningParseError(`${externalId} has no name`, location);

  const addresses = Array.isArray(subject.addresses) ? subject.addresses.filter(isObject) : [];
  const countries = [...stringList(subject.citizenships), ...addresses.map((address) => address.country_iso2_code)]
    .map((code) => normalizeCountryCode(typeof code === 'string' ? code : undefined))
    .filter((code): code is string => code !== undefined);

  const subjectType = typeof subject.subject_type === 'string' ? subject.subject_type : '';
  return {
    externalId,
    name: names.name,
    aliases: names.aliases,
    countries: uniqueStrings(countries),
    entityType: ENTITY_TYPES[subjectType] ?? (vesselName ? 'vessel' : 'other'),
    programs: uniqueStrings(stringList(subject.programmes)),
  };
}
