import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/**
 * A fresh, empty database for one test file: a new SQLite file by default, or the PostgreSQL
 * database named by DATABASE_URL with its schema dropped (suites then run --runInBand).
 */
export async function freshDatabaseUrl(): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const dataSource = new DataSource({ type: 'postgres', url });
    await dataSource.initialize();
    try {
      await dataSource.query('DROP SCHEMA IF EXISTS public CASCADE');
      await dataSource.query('CREATE SCHEMA public');
    } finally {
      await dataSource.destroy();
    }
    return url;
  }
  return `sqlite:${join(mkdtempSync(join(tmpdir(), 'partnership-review-')), 'test.sqlite')}`;
}
