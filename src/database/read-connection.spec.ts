import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ReadConnection } from './read-connection';
import { sqliteDriver } from './sqlite-driver';

describe('the read connection on a SQLite file', () => {
  let dir: string;
  let dataSource: DataSource;
  let reads: ReadConnection;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-connection-'));
    dataSource = new DataSource({
      type: 'sqlite',
      driver: sqliteDriver,
      database: join(dir, 'db.sqlite'),
      enableWAL: true,
    });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE t (n INTEGER)');
    await dataSource.query('INSERT INTO t VALUES (1), (2), (3)');
    reads = new ReadConnection(dataSource);
  });

  afterEach(async () => {
    await reads.onApplicationShutdown();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a query of a new shape while a steady stream of requests reads with a kept statement', async () => {
    // Eight requests at a time read the same page, each replaced by a new one as it ends, as under
    // load. Its statement is kept, so its runs follow each other without a pause.
    const streamLength = 2000;
    let started = 0;
    let ended = 0;
    const reader = async () => {
      while (started < streamLength) {
        started++;
        await reads.query('SELECT n FROM t WHERE n >= :least ORDER BY n', { least: 2 });
        ended++;
      }
    };
    const stream = Promise.all(Array.from({ length: 8 }, reader));
    while (ended < 50) await new Promise((resolve) => setImmediate(resolve));

    // A statement prepared for the first time waits for the reads asked before it, not for the stream to end.
    const rows = await reads.query('SELECT COUNT(*) AS "count" FROM t WHERE n >= :least', { least: 2 });
    const endedWhenAnswered = ended;
    await stream;

    expect(rows).toEqual([{ count: 2 }]);
    expect(endedWhenAnswered).toBeLessThan(100);
  });

  it('reads one stamp for the calls made while another is read, and never joins one started before a call', async () => {
    const before = await reads.stamp();
    const statements = jest.spyOn(reads as unknown as { run: () => Promise<unknown> }, 'run');
    const burst = Array.from({ length: 20 }, () => reads.stamp());
    await dataSource.query('INSERT INTO t VALUES (5)');
    const afterCommit = reads.stamp();
    const stamps = await Promise.all(burst);

    // The first call reads at once; the 19 made meanwhile share the read after it.
    expect(new Set(stamps.slice(1)).size).toBe(1);
    // A call made after the commit sees it, whether it waited for a read or started one.
    expect(await afterCommit).not.toBe(before);
    expect(statements.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('gives the same stamp until another connection commits, then a new one', async () => {
    const before = await reads.stamp();
    expect(await reads.stamp()).toBe(before);
    await dataSource.query('INSERT INTO t VALUES (4)');
    const after = await reads.stamp();
    expect(after).not.toBe(before);
    expect(await reads.query('SELECT COUNT(*) AS "count" FROM t')).toEqual([{ count: 4 }]);
  });
});
