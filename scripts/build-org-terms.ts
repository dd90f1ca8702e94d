// Derives src/screening/matching/data/org-terms.json from OpenSanctions' rigour name tables (MIT).
//
//   npm run generate:org-terms -- [../shared/data/rigour_names]
//
// The JSON keeps the raw alias spellings grouped by canonical key; the matcher normalises them at load
// time with its own tokenizer, so changing the tokenizer never needs a regeneration.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

interface OrgType {
  display?: string;
  compare?: string;
  generic?: string;
  aliases?: string[];
}

const SOURCE_DIR = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'shared', 'data', 'rigour_names'));
const TARGET = resolve(__dirname, '..', 'src', 'screening', 'matching', 'data', 'org-terms.json');

// Titles that are also organisation words or common given names stay in the name ("General Motors",
// "Private Bank", "Major", "Lord").
const TITLE_EXCLUDE = new Set([
  'general',
  'private',
  'captain',
  'capt.',
  'colonel',
  'admiral',
  'brigadier',
  'commodore',
  'field marshal',
  'lieutenant general',
  'lieutenant colonel',
  'rear admiral',
  'rear-admiral',
  'pvt.',
  'chair',
  'director',
  'company secretary',
  'the',
  'lord',
  'lady',
  'dame',
  'count',
  'queen',
  'emperor',
  'empress',
  'sr',
  'fr',
]);

function readYaml<T>(file: string): T {
  return parse(readFileSync(join(SOURCE_DIR, file), 'utf8')) as T;
}

function unique(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const trimmed = String(value).trim();
    const key = trimmed.toLowerCase();
    if (trimmed && !seen.has(key)) {
      seen.add(key);
      out.push(trimmed);
    }
  }
  return out;
}

// Symbol keys are abbreviations themselves ("natl", "intl", "co"), so they count as aliases; nickname
// keys are only identifiers ("ted2").
function groups(table: Record<string, unknown[]>, keyIsAlias = true): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, aliases] of Object.entries(table)) {
    out[key] = unique([...(keyIsAlias ? [key] : []), ...aliases.map(String)]);
  }
  return out;
}

function main(): void {
  const orgTypes = readYaml<{ types: OrgType[] }>('org_types.yml').types;
  const symbols = readYaml<Record<string, Record<string, unknown[]>>>('symbols.yml');
  const stopwords = readYaml<Record<string, string[]>>('stopwords.yml');

  const legalForms: Record<string, string[]> = {};
  for (const type of orgTypes) {
    const cls = (type.generic || type.compare || type.display || '').toUpperCase();
    if (!cls) continue;
    const aliases = [type.display, type.compare, ...(type.aliases ?? [])].filter((a): a is string => !!a);
    legalForms[cls] = unique([...(legalForms[cls] ?? []), ...aliases]);
  }

  const out = {
    source:
      'Derived by scripts/build-org-terms.ts from opensanctions/rigour @ 8f4044dd, resources/names/' +
      '{org_types,symbols,stopwords}.yml (copy in ../shared/data/rigour_names).',
    licence: 'MIT License, Copyright (c) 2023-2025: OpenSanctions Datenbanken GmbH',
    legalForms,
    orgSymbols: groups(symbols.org_symbols),
    domainSymbols: groups(symbols.org_domains),
    personSymbols: groups(symbols.person_symbols),
    nicknames: groups(symbols.person_nick, false),
    personTitles: unique(stopwords.PERSON_NAME_PREFIXES.filter((t) => !TITLE_EXCLUDE.has(t.toLowerCase()))),
  };
  writeFileSync(TARGET, JSON.stringify(out) + '\n');
  const count = (g: Record<string, string[]>) => Object.values(g).reduce((n, a) => n + a.length, 0);
  console.log(
    `wrote ${TARGET}: ${count(out.legalForms)} legal-form aliases, ${count(out.orgSymbols)} org symbols, ` +
      `${count(out.domainSymbols)} domain symbols, ${out.personTitles.length} titles`,
  );
}

main();
