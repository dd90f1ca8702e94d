import {
  NameSet,
  ParsedList,
  RecordSource,
  ScreeningParseError,
  collectRecords,
  nameHash,
  uniqueStrings,
} from './screening-record';
import { isObject, parseJsonDocument, scalarText, stringList } from './text-input';

/** "Air Force Engineering University (中国人民解放军空军工程大学)": the trailing parenthesis holds the Chinese name. */
const TRAILING_CJK_NAME = /^(.*\S)\s*[(（]([^()（）]*\p{Script=Han}[^()（）]*)[)）]\s*$/u;

/**
 * ASPI's China Defence Universities Tracker as a MISP galaxy. Every institution is in China.
 * The ASPI category (Civilian, Military, Security, Seven sons of national defence, Defence
 * industry conglomerate) is kept as the programme; this copy has no risk rating.
 */
export function parseAspiUnitracker(text: string): ParsedList {
  return { format: 'aspi', kind: 'assessment', records: collectRecords(aspiRecords(text)) };
}

export function* aspiRecords(text: string): RecordSource {
  const galaxy = parseJsonDocument(text);
  if (!isObject(galaxy) || !Array.isArray(galaxy.values)) {
    throw new ScreeningParseError('not a MISP galaxy (no "values" array)', 'document');
  }

  for (const [index, value] of (galaxy.values as unknown[]).entries()) {
    const location = `record ${index + 1}`;
    if (!isObject(value)) throw new ScreeningParseError('not a JSON object', location);
    const label = scalarText(value.value);
    const split = TRAILING_CJK_NAME.exec(label);
    const names = new NameSet(location, split ? split[1] : label);
    if (!names.name) throw new ScreeningParseError(`${scalarText(value.uuid) || 'value'} has no name`, location);
    if (split) names.add(split[2]);
    const meta = isObject(value.meta) ? value.meta : {};
    names.addAll(stringList(meta.aliases));

    yield {
      externalId: scalarText(value.uuid) || nameHash(names.name),
      name: names.name,
      aliases: names.aliases,
      countries: ['CN'],
      entityType: 'organization',
      programs: uniqueStrings(stringList(meta.categories)),
    };
  }
}
