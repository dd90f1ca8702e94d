/**
 * `npm run screening:import -- --format FORMAT --name NAME [--kind KIND] FILE`
 * Imports a screening list file (for --format uk: the folder with subjects.csv and
 * subject_names.csv) as a new version of the named list, then waits for the background job that
 * screens open cases again (run here, or by a server on the same database) and reports it.
 */
process.env.TZ = 'UTC';

import { NestFactory } from '@nestjs/core';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { DomainError } from '../src/common/domain-error';
import { Job } from '../src/jobs/job.entity';
import { JobQueue } from '../src/jobs/job-queue';
import { JobWorker } from '../src/jobs/job-worker';
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
  try {
    content = await readInput(values.format, path);
  } catch (error) {
    console.error(`Import refused: cannot read ${path} (${oneLine(error)}). The version in force is unchanged.`);
    return 1;
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
      if (result.rescreenJobId) {
        console.log(`  screening open cases again: job ${result.rescreenJobId}`);
        const job = await waitFor(app.get(JobQueue), app.get(JobWorker), result.rescreenJobId);
        if (job.status === 'failed') {
          console.error(`  re-screening job ${job.id} failed: ${job.error ?? 'unknown error'}`);
          return 1;
        }
        const summary = (job.result ?? {}) as { screened?: number; casesWithNewHits?: number };
        console.log(
          `  open cases screened again: ${summary.screened ?? 0}, with new hits: ${summary.casesWithNewHits ?? 0} (job ${job.id})`,
        );
      }
    }
    console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    // A refusal is one line, never a stack trace: the transaction was rolled back, nothing changed.
    const verdict = error instanceof DomainError ? 'refused' : 'failed';
    console.error(`Import ${verdict}: ${oneLine(error)}. The version in force is unchanged.`);
    return 1;
  } finally {
    await app.close();
  }
}

async function readInput(format: string, path: string): Promise<Buffer | Map<string, Buffer>> {
  if (format !== 'uk') return readFile(path);
  const folder = (await stat(path)).isDirectory() ? path : dirname(path);
  return new Map(
    await Promise.all(
      [UK_SUBJECTS_FILE, UK_NAMES_FILE].map(async (file) => [file, await readFile(join(folder, file))] as const),
    ),
  );
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

/**
 * Waits until the job is done or failed: this process's job runner takes it (or a server on the same
 * database does); with JOBS_POLL_MS=0 here, this process runs the due jobs itself.
 */
async function waitFor(jobs: JobQueue, worker: JobWorker, id: string): Promise<Job> {
  let reported = '';
  for (;;) {
    if (!worker.polls) await worker.drain();
    const job = await jobs.find(id);
    if (!job) throw new Error(`job ${id} is gone`);
    if (job.status === 'done' || job.status === 'failed') return job;
    const line = `  ${job.status}: ${job.progressDone} of ${job.progressTotal} open cases`;
    if (line !== reported) console.log((reported = line));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Import failed: ${oneLine(error)}`);
    process.exit(1);
  },
);
