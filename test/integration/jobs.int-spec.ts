import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import { databaseOptions } from '../../src/database/database-options';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { Job } from '../../src/jobs/job.entity';
import { JobQueue, NewJob } from '../../src/jobs/job-queue';
import { JobHandler, JobWorker } from '../../src/jobs/job-worker';
import { freshDatabaseUrl } from '../support/test-database';

interface Instance {
  dataSource: DataSource;
  transactions: TransactionRunner;
  worker: JobWorker;
}

/**
 * The job table on the real database (SQLite, or PostgreSQL with DATABASE_URL). Two workers claim
 * from one table: on PostgreSQL each has its own connection pool, as two instances would; on SQLite
 * (one process writes) they share the process's connection. The clock is held still and moved by
 * hand, so backoffs and leases pass without waiting.
 */
describe('durable jobs', () => {
  const clock = new FixedClock(new Date('2026-12-19T22:30:00.000Z'));
  const env = {
    JWT_SECRET: 'a-secret-that-is-long-enough-for-the-test',
    JOBS_POLL_MS: '0',
    JOBS_CONCURRENCY: '4',
  };
  const config = loadConfig(env);
  let url: string;
  let a: Instance;
  let b: Instance;
  const handled: string[] = [];

  async function instance(shared?: Instance): Promise<Instance> {
    let dataSource = shared?.dataSource;
    let transactions = shared?.transactions;
    if (!dataSource || !transactions) {
      dataSource = new DataSource(databaseOptions(url));
      await dataSource.initialize();
      transactions = new TransactionRunner(dataSource);
    }
    return { dataSource, transactions, worker: new JobWorker(dataSource, transactions, clock, config) };
  }

  const queue = () => new JobQueue(a.dataSource, a.transactions, clock);
  const enqueue = (jobs: NewJob[]) => a.transactions.run((manager) => queue().enqueue(manager, jobs));
  const job = (id: string) => a.dataSource.getRepository(Job).findOneByOrFail({ id });
  const bothRegister = (type: string, handler: JobHandler<{ n: number }>) => {
    a.worker.register(type, handler);
    b.worker.register(type, handler);
  };

  beforeAll(async () => {
    url = await freshDatabaseUrl();
    a = await instance();
    await a.dataSource.runMigrations();
    b = await instance(url.startsWith('sqlite:') ? a : undefined);
  });

  afterAll(async () => {
    await a?.dataSource.destroy();
    if (b && b.dataSource !== a?.dataSource) await b.dataSource.destroy();
  });

  it('lets a claim under way finish before shutdown ends, so nothing reads a closed database', async () => {
    const polling = new JobWorker(a.dataSource, a.transactions, clock, loadConfig({ ...env, JOBS_POLL_MS: '1000' }));
    const ran: boolean[] = [];
    polling.register('at-shutdown', {
      run: ({ signal }) => {
        ran.push(signal.aborted);
        return Promise.resolve();
      },
    });
    const [queued] = await enqueue([{ type: 'at-shutdown' }]);
    polling.onApplicationBootstrap(); // starts a claim
    await polling.beforeApplicationShutdown(); // at once, while that claim runs
    // The claim finished and its job ran, told to stop; the database may close now.
    expect(ran).toEqual([true]);
    expect(await job(queued.id)).toMatchObject({ status: 'done', lockedBy: null });
  });

  it('runs every job exactly once while two workers claim at the same time', async () => {
    bothRegister('count', {
      run: async ({ payload }) => {
        handled.push(`count ${payload.n}`);
        await new Promise((resolve) => setTimeout(resolve, payload.n % 3));
      },
    });
    const jobs = await enqueue(Array.from({ length: 60 }, (_, n) => ({ type: 'count', payload: { n } })));
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(handled.filter((h) => h.startsWith('count')).sort()).toEqual(
      Array.from({ length: 60 }, (_, n) => `count ${n}`).sort(),
    );
    for (const { id } of jobs) expect(await job(id)).toMatchObject({ status: 'done', attempts: 1, lockedBy: null });
  });

  it('retries a failing job after a growing backoff, then fails it for good with its last error', async () => {
    let calls = 0;
    bothRegister('flaky', {
      run: () => Promise.reject(new Error(`refused (call ${++calls})`)),
    });
    const [queued] = await enqueue([{ type: 'flaky', payload: { n: 1 }, maxAttempts: 3 }]);
    await a.worker.drain();
    expect(await job(queued.id)).toMatchObject({ status: 'queued', attempts: 1, error: 'refused (call 1)' });
    expect((await job(queued.id)).runAt.getTime() - clock.now().getTime()).toBe(30_000);
    await b.worker.drain();
    expect(calls).toBe(1); // not due yet

    clock.advance(30_000);
    await b.worker.drain();
    expect(await job(queued.id)).toMatchObject({ status: 'queued', attempts: 2, error: 'refused (call 2)' });
    expect((await job(queued.id)).runAt.getTime() - clock.now().getTime()).toBe(60_000);

    clock.advance(60_000);
    await a.worker.drain();
    const failed = await job(queued.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, error: 'refused (call 3)', lockedBy: null });
    expect(failed.finishedAt?.toISOString()).toBe(clock.now().toISOString());
    clock.advance(3_600_000);
    await a.worker.drain();
    expect(calls).toBe(3);
  });

  it('leaves a running job to its worker while the lease holds, and takes it over once the lease expired', async () => {
    bothRegister('survivor', {
      run: async ({ payload, progress }) => {
        handled.push(`survivor ${payload.n}`);
        await progress(1, 1);
        return { ok: true };
      },
    });
    const [queued] = await enqueue([{ type: 'survivor', payload: { n: 7 } }]);
    // An instance claimed it and died (its lease runs another minute).
    await a.dataSource.getRepository(Job).update(
      { id: queued.id },
      {
        status: 'running',
        lockedBy: 'dead-instance',
        attempts: 1,
        lockedUntil: new Date(clock.now().getTime() + 60_000),
      },
    );
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(handled).not.toContain('survivor 7');

    clock.advance(60_001);
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(handled.filter((h) => h === 'survivor 7')).toHaveLength(1);
    expect(await job(queued.id)).toMatchObject({
      status: 'done',
      attempts: 2,
      progressDone: 1,
      progressTotal: 1,
      result: { ok: true },
      lockedBy: null,
      lockedUntil: null,
    });
  });

  it('adds a job with a unique key once: a second add answers the first job and leaves the transaction usable', async () => {
    const [first] = await enqueue([{ type: 'count', payload: { n: 100 }, uniqueKey: 'refresh:list-1:2026-12-20' }]);
    const [again, other] = await a.transactions.run(async (manager) => {
      const added = await queue().enqueue(manager, [
        { type: 'count', payload: { n: 101 }, uniqueKey: 'refresh:list-1:2026-12-20' },
        { type: 'count', payload: { n: 102 } },
      ]);
      // The same transaction goes on (on PostgreSQL a failed insert would have aborted it).
      await manager.update(Job, { id: added[1].id }, { maxAttempts: 5 });
      return added;
    });
    expect(again.id).toBe(first.id);
    expect(again.payload).toEqual({ n: 100 });
    expect(await job(other.id)).toMatchObject({ payload: { n: 102 }, maxAttempts: 5 });
    expect(await a.dataSource.getRepository(Job).countBy({ uniqueKey: 'refresh:list-1:2026-12-20' })).toBe(1);
    // Also once the job is done, the key stays taken.
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(await job(first.id)).toMatchObject({ status: 'done' });
    expect((await queue().add({ type: 'count', payload: { n: 103 }, uniqueKey: 'refresh:list-1:2026-12-20' })).id).toBe(
      first.id,
    );
  });

  it('runs a job added for later no earlier than its run-at time', async () => {
    const later = await queue().add({
      type: 'count',
      payload: { n: 200 },
      runAt: new Date(clock.now().getTime() + 3_600_000),
    });
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(await job(later.id)).toMatchObject({ status: 'queued', attempts: 0 });
    clock.advance(3_600_000);
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(await job(later.id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(handled.filter((h) => h === 'count 200')).toHaveLength(1);
  });

  it('runs a recurring job again after each run, once per turn with two workers; scheduling again only updates it', async () => {
    let runs = 0;
    bothRegister('tick', { run: () => Promise.resolve({ runs: ++runs }) });
    const scheduled = await queue().schedule({ type: 'tick', key: 'tick', everySeconds: 300, payload: { n: 0 } });
    expect(scheduled).toMatchObject({ status: 'queued', repeatSeconds: 300 });
    // Every instance schedules at start: still one row.
    const again = await queue().schedule({ type: 'tick', key: 'tick', everySeconds: 300, payload: { n: 0 } });
    expect(again.id).toBe(scheduled.id);
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(runs).toBe(1);
    expect(await job(scheduled.id)).toMatchObject({ status: 'queued', attempts: 0, result: { runs: 1 } });
    expect((await job(scheduled.id)).runAt.getTime() - clock.now().getTime()).toBe(300_000);
    clock.advance(299_999);
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(runs).toBe(1);
    clock.advance(1);
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(runs).toBe(2);

    // A new interval and payload apply from the next turn on; the row stays the one.
    const changed = await queue().schedule({ type: 'tick', key: 'tick', everySeconds: 60, payload: { n: 1 } });
    expect(changed.id).toBe(scheduled.id);
    expect(await job(scheduled.id)).toMatchObject({ repeatSeconds: 60, payload: { n: 1 } });
    expect(await a.dataSource.getRepository(Job).countBy({ uniqueKey: 'tick' })).toBe(1);

    expect(await queue().unschedule('tick')).toBe(true);
    expect(await queue().findByKey('tick')).toBeNull();
    clock.advance(3_600_000);
    await Promise.all([a.worker.drain(), b.worker.drain()]);
    expect(runs).toBe(2);
  });

  it('retries a failing run of a recurring job with backoff, then waits for its next turn', async () => {
    let calls = 0;
    bothRegister('refresh', { run: () => Promise.reject(new Error(`source down (call ${++calls})`)) });
    const scheduled = await queue().schedule({ type: 'refresh', key: 'refresh', everySeconds: 86_400, maxAttempts: 2 });
    await a.worker.drain();
    expect(await job(scheduled.id)).toMatchObject({ status: 'queued', attempts: 1, error: 'source down (call 1)' });
    clock.advance(30_000);
    await b.worker.drain();
    const waiting = await job(scheduled.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 0, error: 'source down (call 2)' });
    expect(waiting.runAt.getTime() - clock.now().getTime()).toBe(86_400_000);
    expect(calls).toBe(2);
    await queue().unschedule('refresh');
  });
});
