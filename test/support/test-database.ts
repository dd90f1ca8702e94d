import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/**
 * A fresh, empty database for one test file: a new SQLite file by default. With a PostgreSQL
 * DATABASE_URL, each Jest worker gets its own database beside the named one (`<name>_w<worker>`,
 * created when missing) with its schema dropped, so test files can run in parallel workers.
 */
export async function freshDatabaseUrl(): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return freshPostgresDatabase(url);
  return `sqlite:${join(mkdtempSync(join(tmpdir(), 'partnership-review-')), 'test.sqlite')}`;
}

async function freshPostgresDatabase(url: string): Promise<string> {
  const workerUrl = new URL(url);
  const name = `${workerUrl.pathname.slice(1) || 'postgres'}_w${process.env.JEST_WORKER_ID ?? '1'}`;
  if (!/^\w{1,63}$/.test(name)) throw new Error(`Cannot derive a worker database name from ${url}`);
  workerUrl.pathname = `/${name}`;

  const server = new DataSource({ type: 'postgres', url });
  await server.initialize();
  try {
    const existing = await server.query<unknown[]>('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.length === 0) {
      try {
        await server.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        // Another worker process may have created it in the meantime (duplicate_database).
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await server.destroy();
  }

  const database = new DataSource({ type: 'postgres', url: workerUrl.toString() });
  await database.initialize();
  try {
    await database.query('DROP SCHEMA IF EXISTS public CASCADE');
    await database.query('CREATE SCHEMA public');
  } finally {
    await database.destroy();
  }
  return workerUrl.toString();
}
