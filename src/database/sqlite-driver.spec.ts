import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'sqlite3';
import { sqliteDriver } from './sqlite-driver';

describe('the SQLite connection with kept statements', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sqlite-driver-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = () =>
    new Promise<Database>((resolve, reject) => {
      const db: Database = new sqliteDriver.Database(join(dir, 'db.sqlite'), (e) => (e ? reject(e) : resolve(db)));
    });
  const all = (db: Database, sql: string, params: unknown[]) =>
    new Promise<unknown[]>((resolve, reject) => db.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows))));
  const close = (db: Database) => new Promise<Error | null>((resolve) => db.close((e) => resolve(e)));

  it('answers a kept SELECT with new parameters, and closes with its statements finalized', async () => {
    const db = await open();
    await new Promise<void>((resolve, reject) =>
      db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)', (e) => (e ? reject(e) : resolve())),
    );
    const sql = 'SELECT n FROM t WHERE n >= ? ORDER BY n';
    expect(await all(db, sql, [2])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(await all(db, sql, [3])).toEqual([{ n: 3 }]);
    expect(await all(db, sql, [1])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(await close(db)).toBeNull();
  });

  it('closes while a statement is still being prepared to be kept', async () => {
    const db = await open();
    // The first run of a SELECT prepares a statement to keep; close before that is done.
    const first = all(db, 'SELECT ? AS n', [1]);
    const closed = close(db);
    expect(await first).toEqual([{ n: 1 }]);
    expect(await closed).toBeNull();
  });

  it('closes while a SELECT that does not prepare is being prepared to be kept', async () => {
    const db = await open();
    const failed = all(db, 'SELECT n FROM missing WHERE n = ?', [1]).catch((error: Error) => error.message);
    const closed = close(db);
    expect(await failed).toMatch(/no such table/);
    expect(await closed).toBeNull();
  });
});
