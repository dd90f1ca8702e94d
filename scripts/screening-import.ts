/**
 * `npm run screening:import -- --format FORMAT --name NAME [--kind KIND] FILE`
 * Imports a screening list file (for --format uk: the folder with subjects.csv and
 * subject_names.csv) as a new version of the named list, then screens open cases again.
 */
process.env.TZ = 'UTC';

import { NestFactory } from '@nestjs/core';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { DomainError } from '../src/common/domain-error';
import {
  isScreeningFormat,
  ListKind,
  SCREENING_FORMATS,
  UK_NAMES_FILE,
  UK_SUBJECTS_FILE,
} from '../src/screening/importers';
import { LIST_KINDS } from '../src/screening/screening.dto';
import { ScreeningListsService } from '../src/screening/screening-lists.service';

const USAGE = `usage: npm run screening:import -- --format <${SCREENING_FORMATS.join('|')}> --name <list name> [--kind <${LIST_KINDS.join('|')}>] <file or folder>`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { format: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } },
    allowPositionals: true,
  });
  const [path] = positionals;
  if (
    !values.format ||
    !isScreeningFormat(values.format) ||
    !values.name ||
    !path ||
    (values.kind && !(LIST_KINDS as readonly string[]).includes(values.kind))
  ) {
    console.error(USAGE);
    return 2;
  }
  let content: Buffer | Map<string, Buffer>;
  if (values.format === 'uk') {
    const folder = (await stat(path)).isDirectory() ? path : dirname(path);
    content = new Map(
      await Promise.all(
        [UK_SUBJECTS_FILE, UK_NAMES_FILE].map(async (file) => [file, await readFile(join(folder, file))] as const),
      ),
    );
  } else {
    content = await readFile(path);
  }

  const app = await NestFactory.createApplicationContext(AppModule.register(loadConfig()), {
    logger: ['error', 'warn'],
  });
  try {
    const started = Date.now();
    const result = await app
      .get(ScreeningListsService)
      .import(
        null,
        { name: values.name, format: values.format, kind: values.kind as ListKind | undefined, source: basename(path) },
        content,
        (message) => console.log(`  ${message}`),
      );
    const v = result.version;
    if (result.unchanged) {
      console.log(
        `${result.name}: this file is version ${v.version} already in force (${v.entries} entries); nothing changed.`,
      );
    } else {
      console.log(
        `${result.name} (${result.kind}): version ${v.version}, ${v.entries} entries, ${v.aliases} aliases; ${v.added} added, ${v.removed} removed; checksum ${v.checksum}`,
      );
      console.log(
        `  open cases screened again: ${result.rescreened?.screened ?? 0}, with new hits: ${result.rescreened?.casesWithNewHits ?? 0}`,
      );
    }
    console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(`Import refused: ${error.message}. The version in force is unchanged.`);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
