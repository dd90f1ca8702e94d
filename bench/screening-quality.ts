// Match quality on OpenSanctions' labelled name pairs (nomenklatura name_bench, MIT).
//
//   npm run bench:screening   (or: node dist/bench/screening-quality.js [cases.csv] [--idf <data dir>] [--errors])
//
// Prints precision, recall and F1 at our fixed 0.7 threshold and at the threshold with the best F1,
// for our matcher and for a watchman-style token Jaro-Winkler baseline. With --idf, word weights come
// from the ~60,000 listed names loaded by the latency benchmark (as in production, where the index
// supplies them); without it every distinctive word weighs the same.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compareNames, CompareOptions, TokenWeights } from '../src/screening/matching/compare';
import { ScreeningIndex } from '../src/screening/matching/screening-index';
import { watchmanBestPairsJaroWinkler } from '../src/screening/matching/similarity';
import { loadListEntries } from './screening-latency';

interface Case {
  schema: string;
  name1: string;
  name2: string;
  isMatch: boolean;
  quality: string;
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function loadCases(file: string): Case[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8')).filter((r) => r.length > 1);
  const col = (name: string): number => header.indexOf(name);
  return rows.map((r) => ({
    schema: r[col('schema')],
    name1: r[col('name1')],
    name2: r[col('name2')],
    isMatch: r[col('is_match')] === 'true',
    quality: r[col('quality')],
  }));
}

interface Metrics {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

export function metricsAt(scores: number[], labels: boolean[], threshold: number): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    if (s >= threshold && labels[i]) tp++;
    else if (s >= threshold) fp++;
    else if (labels[i]) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, precision, recall, f1 };
}

function best(scores: number[], labels: boolean[]): Metrics {
  let top = metricsAt(scores, labels, 0);
  for (let t = 1; t <= 100; t++) {
    const m = metricsAt(scores, labels, t / 100);
    if (m.f1 > top.f1) top = m;
  }
  return top;
}

const fmt = (m: Metrics): string =>
  `F1 ${m.f1.toFixed(3)}  precision ${m.precision.toFixed(3)}  recall ${m.recall.toFixed(3)}  (threshold ${m.threshold.toFixed(2)})`;

// OpenSanctions publishes the scores of its logic-v2 matcher for the pairs it ran; compare on those.
function reportLogicV2(casesFile: string, cases: Case[], ours: number[]): void {
  const file = join(dirname(casesFile), 'logicv2-frozen.csv');
  if (!existsSync(file)) return;
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8')).filter((r) => r.length > 1);
  const col = (name: string): number => header.indexOf(name);
  const theirs = new Map(rows.map((r) => [`${r[col('name1')]}\u0000${r[col('name2')]}`, Number(r[col('score')])]));
  const shared = cases
    .map((c, i) => ({ i, score: theirs.get(`${c.name1}\u0000${c.name2}`) }))
    .filter((x) => x.score !== undefined);
  const labels = shared.map(({ i }) => cases[i].isMatch);
  console.log(`on the ${shared.length} pairs with a stored logic-v2 score:`);
  console.log(
    `  ours      at 0.70: ${fmt(
      metricsAt(
        shared.map(({ i }) => ours[i]),
        labels,
        0.7,
      ),
    )}`,
  );
  console.log(
    `  logic-v2  at 0.70: ${fmt(
      metricsAt(
        shared.map(({ score }) => score!),
        labels,
        0.7,
      ),
    )}`,
  );
}

async function idfWeights(dataDir: string): Promise<TokenWeights> {
  const index = new ScreeningIndex();
  for (const entry of await loadListEntries(dataDir)) index.add(entry);
  console.log(`word weights from ${index.nameCount} listed names`);
  return index.weights;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): boolean => args.includes(name);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--idf'));
  const file = resolve(positional[0] ?? '../shared/data/name_bench/cases.csv');
  const cases = loadCases(file);
  const labels = cases.map((c) => c.isMatch);
  const idfDir = option('--idf');
  const options: CompareOptions = idfDir ? { weights: await idfWeights(resolve(idfDir)) } : {};

  const started = process.hrtime.bigint();
  const ours = cases.map((c) => compareNames(c.name1, c.name2, options).score);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const baseline = cases.map((c) => watchmanBestPairsJaroWinkler(c.name1.toLowerCase(), c.name2.toLowerCase()));

  console.log(`${cases.length} labelled pairs (${labels.filter(Boolean).length} matches) from ${file}`);
  console.log(`ours      at 0.70: ${fmt(metricsAt(ours, labels, 0.7))}`);
  console.log(`ours      best:    ${fmt(best(ours, labels))}`);
  console.log(`watchman  at 0.70: ${fmt(metricsAt(baseline, labels, 0.7))}`);
  console.log(`watchman  best:    ${fmt(best(baseline, labels))}`);
  console.log(`everything a match: ${fmt(metricsAt(ours, labels, -1))}`);
  reportLogicV2(file, cases, ours);
  for (const schema of [...new Set(cases.map((c) => c.schema))]) {
    const idx = cases.map((c, i) => (c.schema === schema ? i : -1)).filter((i) => i >= 0);
    const m = metricsAt(
      idx.map((i) => ours[i]),
      idx.map((i) => labels[i]),
      0.7,
    );
    console.log(`  ${schema.padEnd(12)} ${String(idx.length).padStart(4)} pairs  at 0.70: ${fmt(m)}`);
  }
  console.log(`compareNames: ${((elapsedMs * 1000) / cases.length).toFixed(1)} µs per pair (normalising both names)`);

  if (flag('--errors')) {
    cases.forEach((c, i) => {
      const predicted = ours[i] >= 0.7;
      if (predicted !== c.isMatch) {
        console.log(
          `${c.isMatch ? 'FN' : 'FP'} ${ours[i].toFixed(3)}  ${c.name1}  |  ${c.name2}   [${c.schema} ${c.quality}]`,
        );
      }
    });
  }
}

if (require.main === module) void main();
