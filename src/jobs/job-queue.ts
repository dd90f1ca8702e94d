import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { Job } from './job.entity';

export interface NewJob {
  /** The handler that runs it (JobWorker.register). */
  type: string;
  /** What the handler is given; JSON. */
  payload?: Record<string, unknown>;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Attempts before the job fails for good (default 3). */
  maxAttempts?: number;
  /**
   * An idempotency key: while a job with this key exists (in any status, also done or failed), adding
   * another with the same key adds nothing and answers the existing job. Name the work in it
   * (`screening-refresh:<list>:<date>`), so that a retried request or a second instance cannot queue
   * it twice.
   */
  uniqueKey?: string;
}

export interface RecurringJob {
  type: string;
  /** Names the schedule; one job row per key (see NewJob.uniqueKey). */
  key: string;
  /** Seconds from the end of one run (done or failed) to the next. */
  everySeconds: number;
  payload?: Record<string, unknown>;
  /** The first run, when the schedule is created (default: now). */
  firstRunAt?: Date;
  /** Attempts of one run before it counts as failed and waits for the next (default 1). */
  maxAttempts?: number;
}

const INSERT_CHUNK = 200;

/**
 * Puts jobs in the `jobs` table; the JobWorker of any instance runs them (docs/jobs.md). Every method
 * that takes an EntityManager works inside the caller's transaction, so the job exists exactly when
 * the work that caused it commits; the others open their own.
 */
@Injectable()
export class JobQueue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Adds jobs inside the caller's transaction, and answers them in the same order. A job whose
   * `uniqueKey` exists already is not added: its existing row is answered instead.
   */
  enqueue(manager: EntityManager, jobs: readonly NewJob[]): Promise<Job[]> {
    const now = this.clock.now();
    return this.insert(
      manager,
      jobs.map((job) => this.rowOf(job, now, null)),
    );
  }

  private async insert(manager: EntityManager, rows: Job[]): Promise<Job[]> {
    const plain = rows.filter((row) => row.uniqueKey === null);
    // JSON columns are typed loosely by TypeORM's insert; the entity instances are complete.
    for (let i = 0; i < plain.length; i += INSERT_CHUNK)
      await manager.insert(Job, plain.slice(i, i + INSERT_CHUNK) as never);
    const keyed = rows.filter((row) => row.uniqueKey !== null);
    if (keyed.length === 0) return rows;
    // ON CONFLICT DO NOTHING: a key taken (also by a transaction still running elsewhere, which it
    // waits for on PostgreSQL) leaves the caller's transaction intact.
    await manager
      .createQueryBuilder()
      .insert()
      .into(Job)
      .values(keyed as never)
      .orIgnore()
      .execute();
    const stored = await manager.find(Job, { where: { uniqueKey: In(keyed.map((row) => row.uniqueKey)) } });
    const byKey = new Map(stored.map((job) => [job.uniqueKey, job]));
    return rows.map((row) => (row.uniqueKey === null ? row : byKey.get(row.uniqueKey)!));
  }

  /** Adds one job in a transaction of its own (see enqueue). */
  add(job: NewJob): Promise<Job> {
    return this.transactions.run(async (manager) => (await this.enqueue(manager, [job]))[0]);
  }

  /**
   * Creates the recurring job `key`, or, when it exists, sets its interval, payload and attempts
   * (its next run time stays). After each run, successful or not, it is queued again `everySeconds`
   * later. Safe to call at every start of every instance.
   */
  async schedule(recurring: RecurringJob, manager?: EntityManager): Promise<Job> {
    if (!manager) return this.transactions.run((own) => this.schedule(recurring, own));
    if (!Number.isInteger(recurring.everySeconds) || recurring.everySeconds < 1)
      throw new Error(`A recurring job needs everySeconds >= 1 (got ${recurring.everySeconds})`);
    const row = this.rowOf(
      {
        type: recurring.type,
        payload: recurring.payload,
        runAt: recurring.firstRunAt,
        maxAttempts: recurring.maxAttempts ?? 1,
        uniqueKey: recurring.key,
      },
      this.clock.now(),
      recurring.everySeconds,
    );
    const [job] = await this.insert(manager, [row]);
    const wanted = {
      repeatSeconds: recurring.everySeconds,
      payload: recurring.payload ?? {},
      maxAttempts: recurring.maxAttempts ?? 1,
    };
    if (
      job.type !== recurring.type ||
      job.repeatSeconds !== wanted.repeatSeconds ||
      job.maxAttempts !== wanted.maxAttempts ||
      JSON.stringify(job.payload) !== JSON.stringify(wanted.payload)
    ) {
      await manager.update(Job, { id: job.id }, { ...wanted, type: recurring.type } as never);
      Object.assign(job, wanted, { type: recurring.type });
    }
    return job;
  }

  /** Ends the recurring job `key` (a run in progress finishes); answers whether there was one. */
  async unschedule(key: string): Promise<boolean> {
    const result = await this.transactions.run((manager) => manager.delete(Job, { uniqueKey: key }));
    return (result.affected ?? 0) > 0;
  }

  find(id: string): Promise<Job | null> {
    return this.dataSource.getRepository(Job).findOneBy({ id });
  }

  findByKey(key: string): Promise<Job | null> {
    return this.dataSource.getRepository(Job).findOneBy({ uniqueKey: key });
  }

  private rowOf(job: NewJob, now: Date, repeatSeconds: number | null): Job {
    return Object.assign(new Job(), {
      id: randomUUID(),
      type: job.type,
      payload: job.payload ?? {},
      status: 'queued',
      progressDone: 0,
      progressTotal: 0,
      attempts: 0,
      maxAttempts: job.maxAttempts ?? 3,
      runAt: job.runAt ?? now,
      repeatSeconds,
      lockedBy: null,
      lockedUntil: null,
      error: null,
      result: null,
      uniqueKey: job.uniqueKey ?? null,
      createdAt: now,
      finishedAt: null,
    } satisfies Omit<Job, 'assignId'>);
  }
}
