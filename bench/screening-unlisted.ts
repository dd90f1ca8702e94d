// Look-alike false alarms: real institutions that are on no shipped list, screened against all of them.
//
//   npm run bench:screening   (or: node dist/bench/screening-unlisted.js [data dir, default ../shared/data])
//
// Reads test/fixtures/matching/unlisted-institutions.csv (from the project root: run it there), checks that none of them is a
// listed name (exact normalised name), and prints those that score at or above the 0.7 review threshold
// against the shipped lists, with the hit and its reasons: each would route a harmless partnership to a
// committee.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MatchHit, normalizeName, ScreeningIndex } from '../src/screening/matching';
import { IndexEntry } from '../src/screening/matching/screening-index';
import { loadListEntries } from './screening-latency';

export const REVIEW_THRESHOLD = 0.7;

export interface Institution {
  name: string;
  country: string;
}

export function loadUnlistedInstitutions(
  file = resolve('test', 'fixtures', 'matching', 'unlisted-institutions.csv'),
): Institution[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  if (header !== 'name,country') throw new Error(`${file}: expected the header name,country`);
  return lines.map((line) => {
    const at = line.lastIndexOf(',');
    return { name: line.slice(0, at), country: line.slice(at + 1) };
  });
}

/** Institutions whose normalised name is the normalised name or alias of a listed entry. */
export function listedByName(institutions: Institution[], entries: IndexEntry[]): Institution[] {
  const listed = new Set(entries.flatMap((entry) => entry.names.map((name) => normalizeName(name).key)));
  return institutions.filter((institution) => listed.has(normalizeName(institution.name).key));
}

/** Institutions with a hit at or above the review threshold, and their best hit. */
export function falseAlarms(
  institutions: Institution[],
  index: ScreeningIndex,
): Array<{ institution: Institution; hit: MatchHit }> {
  return institutions.flatMap((institution) => {
    const [hit] = index.search(institution.name, { country: institution.country, minScore: REVIEW_THRESHOLD });
    return hit ? [{ institution, hit }] : [];
  });
}

async function main(): Promise<void> {
  const dataDir = resolve(process.argv[2] ?? '../shared/data');
  const entries = await loadListEntries(dataDir);
  const index = new ScreeningIndex();
  for (const entry of entries) index.add(entry);
  const institutions = loadUnlistedInstitutions();
  const listed = listedByName(institutions, entries);
  const alarms = falseAlarms(institutions, index);
  console.log(
    `unlisted institutions: ${institutions.length}, listed by name: ${listed.length}; ` +
      `scoring >= ${REVIEW_THRESHOLD} against the shipped lists: ${alarms.length} ` +
      `(${((100 * alarms.length) / institutions.length).toFixed(1)} %)`,
  );
  for (const { name } of listed) console.log(`  listed: ${name}`);
  for (const { institution, hit } of alarms) {
    console.log(
      `  ${institution.name} (${institution.country}) ~ ${hit.matchedName} [${hit.list}] ${hit.score}: ${hit.reasons.join('; ')}`,
    );
  }
}

if (require.main === module) void main();
