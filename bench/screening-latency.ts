// Search latency of ScreeningIndex with the real lists loaded (~60,000 names).
//
//   npm run bench:screening   (or: node --expose-gc dist/bench/screening-latency.js [data dir, default ../shared/data] [--queries N] [--recall N])
//
// Prints index build time and the heap the index takes (the entries it is built from are loaded
// before the measurement), then median and p95 wall time per query and CPU time per query per 10,000
// names over a mix of listed names with typos, reordered words, and unrelated institution names. With
// --recall N it also checks, for N queries, that the index finds the same best entry as a full scan.
import { join, resolve } from 'node:path';
import { compareNormalized } from '../src/screening/matching/compare';
import { NormalizedName, normalizeName } from '../src/screening/matching/normalize';
import { readScreeningListFile, ScreeningFormat } from '../src/screening/importers';
import { IndexEntry, ScreeningIndex } from '../src/screening/matching/screening-index';

/** Every shipped list, read with the project's importers (the same code the import command uses). */
const SHIPPED_LISTS: [ScreeningFormat, string, string][] = [
  ['ofac-csv', 'OFAC SDN', 'ofac_sdn/ofac-sdn.csv'],
  ['un-xml', 'UN consolidated', 'un_consolidated/UN_consolidated.xml'],
  ['eu-fsf', 'EU FSF', 'eu_fsf/eu_fsf_entities.jsonl'],
  ['uk', 'UK sanctions', 'uk_sanctions'],
  ['restricted-parties', 'Restricted parties', 'restricted_parties/restricted_parties.json'],
  ['aspi', 'ASPI tracker', 'aspi_unitracker/china-defence-universities.misp-galaxy.json'],
];

export async function loadListEntries(dataDir: string): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  for (const [format, listName, path] of SHIPPED_LISTS) {
    const parsed = await readScreeningListFile(format, join(dataDir, path));
    for (const r of parsed.records) {
      entries.push({
        id: `${format}:${r.externalId}`,
        listName,
        listKind: parsed.kind,
        entityName: r.name,
        names: [r.name, ...r.aliases],
        countries: r.countries,
      });
    }
  }
  return entries;
}

// Deterministic pseudo-random numbers so runs are comparable.
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function typo(name: string, random: () => number): string {
  const chars = [...name];
  const letters = chars.map((c, i) => (/\p{L}/u.test(c) ? i : -1)).filter((i) => i > 0);
  if (letters.length === 0) return name;
  const at = letters[Math.floor(random() * letters.length)];
  const kind = random();
  if (kind < 0.33) chars.splice(at, 1);
  else if (kind < 0.66) chars.splice(at, 0, chars[at]);
  else if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
  return chars.join('');
}

const UNRELATED = [
  'University of Oxford',
  'Delft University of Technology',
  'Technical University of Munich',
  'ETH Zurich',
  'KU Leuven',
  'Universiteit van Amsterdam',
  'Sorbonne Université',
  'Massachusetts Institute of Technology',
  'University of Tokyo',
  'Seoul National University',
  'University of Cape Town',
  'Universidade de São Paulo',
  'Max Planck Institute for Intelligent Systems',
  'Fraunhofer Society',
  'Karolinska Institutet',
  'Indian Institute of Science',
  'University of Melbourne',
  'McGill University',
  'Tsinghua University',
  'Peking University',
  'National University of Singapore',
  'Universität Heidelberg',
  'Politecnico di Milano',
  'Université de Montréal',
  'Weizmann Institute of Science',
  'University of Nairobi',
  'Universidad de Chile',
];

export function makeQueries(entries: IndexEntry[], count: number): string[] {
  const random = rng(42);
  const queries: string[] = [];
  while (queries.length < count) {
    const kind = random();
    if (kind < 0.25) {
      queries.push(UNRELATED[Math.floor(random() * UNRELATED.length)]);
      continue;
    }
    const entry = entries[Math.floor(random() * entries.length)];
    const name = entry.names[Math.floor(random() * entry.names.length)] ?? entry.entityName;
    if (kind < 0.55) queries.push(typo(name, random));
    else if (kind < 0.8) queries.push(name.split(/\s+/).reverse().join(' '));
    else queries.push(name);
  }
  return queries;
}

/** Heap in use after a full garbage collection (with --expose-gc; otherwise as it stands). */
function settledHeap(): number {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function bruteForceBest(
  index: ScreeningIndex,
  names: Array<[string, NormalizedName]>,
  query: string,
): { id: string; score: number } | null {
  const q = normalizeName(query);
  let best: { id: string; score: number } | null = null;
  for (const [id, name] of names) {
    const score = compareNormalized(q, name, index.weights).score;
    if (score >= 0.5 && (!best || score > best.score)) best = { id, score };
  }
  return best;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number): number => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const dataDir = resolve(
    args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))) ?? '../shared/data',
  );
  const queryCount = option('--queries', 2000);
  const recallCount = option('--recall', 0);

  const entries = await loadListEntries(dataDir);
  const heapBefore = settledHeap();
  const buildStart = process.hrtime.bigint();
  const index = new ScreeningIndex();
  for (const entry of entries) index.add(entry);
  const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
  const indexMb = (settledHeap() - heapBefore) / 2 ** 20;
  console.log(
    `index: ${index.size} entries, ${index.nameCount} names, built in ${(buildMs / 1000).toFixed(2)} s; ` +
      `index heap ${indexMb.toFixed(1)} MB${global.gc ? '' : ' (approximate: run node with --expose-gc)'}, ` +
      `process heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
  );

  const queries = makeQueries(entries, queryCount);
  for (const q of queries.slice(0, 50)) index.search(q);
  const wall: number[] = [];
  let hits = 0;
  const cpuStart = process.cpuUsage();
  for (const q of queries) {
    const t0 = process.hrtime.bigint();
    hits += index.search(q).length > 0 ? 1 : 0;
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMsPerQuery = (cpu.user + cpu.system) / 1000 / queries.length;
  wall.sort((x, y) => x - y);
  const per10k = (cpuMsPerQuery * 1000) / (index.nameCount / 10_000);
  console.log(`${queries.length} queries (${hits} with a hit >= 0.5)`);
  console.log(
    `median ${percentile(wall, 50).toFixed(2)} ms, p95 ${percentile(wall, 95).toFixed(2)} ms, max ${wall[wall.length - 1].toFixed(2)} ms`,
  );
  console.log(
    `CPU ${(cpuMsPerQuery * 1000).toFixed(0)} µs per query = ${per10k.toFixed(0)} µs per query per 10,000 names`,
  );

  if (recallCount > 0) {
    const names = entries.flatMap((e) => e.names.map((n): [string, NormalizedName] => [e.id, normalizeName(n)]));
    let same = 0;
    const sample = makeQueries(entries, recallCount + 7).slice(7);
    for (const q of sample) {
      const found = index.search(q, { limit: 1 })[0];
      const scanned = bruteForceBest(index, names, q);
      // Entries with the same best score are equally good answers.
      if ((found?.score ?? null) === (scanned ? Math.round(scanned.score * 1000) / 1000 : null)) same++;
      else
        console.log(
          `  differs: ${JSON.stringify(q)} index=${found?.entryId}:${found?.score} scan=${scanned?.id}:${scanned?.score.toFixed(3)}`,
        );
    }
    console.log(`index finds the best score of a full scan for ${same} of ${sample.length} queries`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) void main();
