import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { Job } from './job.entity';

/** How long a claim holds without renewal; a running job renews it every third of that. */
export const JOB_LEASE_MS = 60_000;

export interface JobContext<P> {
  job: Job;
  payload: P;
  /** 1 for the first attempt. */
  attempt: number;
  /** Reports progress (`done` of `total` units), visible at GET /api/jobs/:id. */
  progress: (done: number, total: number) => Promise<void>;
  /** Aborted when this instance lost the job's lease or is shutting down: stop as soon as it is safe. */
  signal: AbortSignal;
}

export interface JobHandler<P = Record<string, unknown>> {
  /** Does the work; what it returns is kept as the job's result. Throwing fails this attempt. */
  run(context: JobContext<P>): Promise<Record<string, unknown> | void>;
  /** The wait before the next attempt after attempt `attempt` failed (default 30 s doubling). */
  backoffMs?(attempt: number): number;
  /**
   * Called in the transaction that marks the job done (with what `run` returned), so the handler's
   * own records (a mail marked sent) change together with the job.
   */
  onSuccess?(manager: EntityManager, job: Job, result: Record<string, unknown> | null): Promise<void>;
  /**
   * Called in the transaction that records a failed attempt (`final`: no attempt follows), so the
   * handler's own records (a mail's last error) change together with the job.
   */
  onFailure?(manager: EntityManager, job: Job, error: string, final: boolean): Promise<void>;
}

const defaultBackoff = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);

/**
 * Runs durable jobs from the `jobs` table. Every `JOBS_POLL_MS` (and whenever a job ends) it claims
 * as many due jobs as it has free slots (`JOBS_CONCURRENCY`): on PostgreSQL with `FOR UPDATE SKIP
 * LOCKED`, so instances never claim the same job; on SQLite by a conditional update whose affected
 * rows say who won. A claim is a lease that the worker renews while the job runs; a job whose lease
 * expired (its instance died) is claimed again. A failed attempt is retried after a backoff until the
 * job's `maxAttempts`; then the job is `failed`. Handlers are idempotent: a job that was interrupted
 * after its effect but before it was marked done runs again.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorker.name);
  /** Who holds a claim: this process. */
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** The poll under way, if any: shutdown waits for it, so no claim runs on a closed database. */
  private pollRun: Promise<void> | null = null;
  private pollAgain = false;
  private started = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  register<P>(type: string, handler: JobHandler<P>): void {
    if (this.handlers.has(type)) throw new Error(`Job type ${type} has a handler already`);
    this.handlers.set(type, handler);
  }

  onApplicationBootstrap(): void {
    if (this.config.jobsPollMs === 0) {
      this.logger.warn('JOBS_POLL_MS=0: this instance runs no background jobs');
      return;
    }
    this.started = true;
    this.kick();
  }

  /** Before the database closes: no new claims, running jobs told to stop and awaited. */
  async beforeApplicationShutdown(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    this.stopping.abort();
    // A claim under way finishes first; what it claimed is started and, told to stop, awaited.
    await this.pollRun;
    await Promise.allSettled([...this.running]);
  }

  /** Whether this instance polls for jobs (JOBS_POLL_MS > 0). */
  get polls(): boolean {
    return this.started;
  }

  /** Claims and runs due jobs until none is left (scripts and tests; the poller does this by itself). */
  async drain(): Promise<void> {
    for (;;) {
      const jobs = await this.claim(this.config.jobsConcurrency);
      if (jobs.length === 0 && this.running.size === 0) return;
      for (const job of jobs) this.start(job);
      if (this.running.size) await Promise.race(this.running);
    }
  }

  /** Looks for due jobs now rather than at the next poll. */
  kick(): void {
    if (!this.started) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.pollRun = this.poll();
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      do {
        this.pollAgain = false;
        const free = this.config.jobsConcurrency - this.running.size;
        if (free > 0) for (const job of await this.claim(free)) this.start(job);
      } while (this.pollAgain && this.started);
    } catch (error) {
      this.logger.error(`Looking for jobs failed: ${messageOf(error)}`);
    } finally {
      this.polling = false;
      if (this.started)
        this.timer = setTimeout(() => {
          this.pollRun = this.poll();
        }, this.config.jobsPollMs);
    }
  }

  private start(job: Job): void {
    const run: Promise<void> = this.execute(job)
      .catch((error: unknown) => this.logger.error(`Job ${job.id} (${job.type}): ${messageOf(error)}`))
      .finally(() => {
        this.running.delete(run);
        this.kick();
      });
    this.running.add(run);
  }

  /** Claims up to `limit` due jobs of the types this instance handles. */
  private async claim(limit: number): Promise<Job[]> {
    const types = [...this.handlers.keys()];
    if (types.length === 0 || limit <= 0) return [];
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const lockedUntil = new Date(now.getTime() + JOB_LEASE_MS);
      const ids =
        this.dataSource.options.type === 'postgres'
          ? await this.claimOnPostgres(manager, types, now, lockedUntil, limit)
          : await this.claimByConditionalUpdate(manager, types, now, lockedUntil, limit);
      if (ids.length === 0) return [];
      const jobs = await manager.getRepository(Job).find({ where: ids.map((id) => ({ id })) });
      return jobs.sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
    });
  }

  private async claimOnPostgres(
    manager: EntityManager,
    types: string[],
    now: Date,
    lockedUntil: Date,
    limit: number,
  ): Promise<string[]> {
    const raw: unknown = await manager.query(
      `UPDATE jobs SET status = 'running', "lockedBy" = $1, "lockedUntil" = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM jobs
         WHERE type = ANY($3) AND ((status = 'queued' AND "runAt" <= $4) OR (status = 'running' AND "lockedUntil" < $4))
         ORDER BY "runAt" LIMIT $5
         FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [this.id, lockedUntil, types, now, limit],
    );
    // TypeORM answers an UPDATE ... RETURNING on PostgreSQL with [rows, affected].
    const rows = (Array.isArray(raw) && Array.isArray(raw[0]) ? raw[0] : raw) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** SQLite (one writer at a time): an update that only succeeds while the job is still claimable. */
  private async claimByConditionalUpdate(
    manager: EntityManager,
    types: string[],
    now: Date,
    lockedUntil: Date,
    limit: number,
  ): Promise<string[]> {
    const claimable = new Brackets((qb) =>
      qb
        .where('(status = :queued AND "runAt" <= :now)', { queued: 'queued', now })
        .orWhere('(status = :running AND "lockedUntil" < :now)', { running: 'running', now }),
    );
    const candidates = await manager
      .createQueryBuilder(Job, 'j')
      .select('j.id')
      .where('j.type IN (:...types)', { types })
      .andWhere(claimable)
      .orderBy('j.runAt', 'ASC')
      .limit(limit)
      .getMany();
    const claimed: string[] = [];
    for (const { id } of candidates) {
      const result = await manager
        .createQueryBuilder()
        .update(Job)
        .set({ status: 'running', lockedBy: this.id, lockedUntil, attempts: () => 'attempts + 1' })
        .where('id = :id', { id })
        .andWhere(claimable)
        .execute();
      if (result.affected === 1) claimed.push(id);
    }
    return claimed;
  }

  private async execute(job: Job): Promise<void> {
    const handler = this.handlers.get(job.type);
    if (!handler) return;
    if (job.attempts > job.maxAttempts) {
      await this.failed(job, handler, 'the instance running the last attempt stopped (its lease expired)');
      return;
    }
    const lost = new AbortController();
    const signal = AbortSignal.any([lost.signal, this.stopping.signal]);
    const heartbeat = setInterval(() => {
      void this.renew(job).then(
        (held) => held || lost.abort(),
        (error: unknown) => this.logger.warn(`Renewing the lease of job ${job.id} failed: ${messageOf(error)}`),
      );
    }, JOB_LEASE_MS / 3);
    try {
      const result = await handler.run({
        job,
        payload: job.payload,
        attempt: job.attempts,
        signal,
        progress: (done, total) => this.progress(job, done, total),
      });
      await this.succeeded(job, handler, result ?? null);
    } catch (error) {
      await this.failed(job, handler, messageOf(error)).catch((e: unknown) =>
        this.logger.error(`Recording the failure of job ${job.id} failed: ${messageOf(e)}`),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async renew(job: Job): Promise<boolean> {
    const lockedUntil = new Date(this.clock.now().getTime() + JOB_LEASE_MS);
    return this.transactions.run(async (manager) => {
      const result = await manager.update(Job, { id: job.id, lockedBy: this.id, status: 'running' }, { lockedUntil });
      return result.affected === 1;
    });
  }

  private progress(job: Job, done: number, total: number): Promise<void> {
    return this.transactions.run(async (manager) => {
      await manager.update(
        Job,
        { id: job.id, lockedBy: this.id, status: 'running' },
        { progressDone: done, progressTotal: total },
      );
    });
  }

  private async succeeded(job: Job, handler: JobHandler<unknown>, result: Record<string, unknown> | null) {
    const now = this.clock.now();
    const held = await this.transactions.run(async (manager) => {
      const outcome = job.repeatSeconds
        ? { status: 'queued' as const, runAt: nextRun(job, now), attempts: 0, error: null, finishedAt: now }
        : { status: 'done' as const, finishedAt: now, error: null };
      const updated = await manager.update(
        Job,
        { id: job.id, lockedBy: this.id, status: 'running' },
        { ...outcome, result: result as never, lockedBy: null, lockedUntil: null },
      );
      if (updated.affected === 1) await handler.onSuccess?.(manager, job, result);
      return updated.affected === 1;
    });
    if (!held) this.logger.warn(`Job ${job.id} (${job.type}) finished after its lease had passed to another instance`);
  }

  private async failed(job: Job, handler: JobHandler<unknown>, error: string): Promise<void> {
    const now = this.clock.now();
    const final = job.attempts >= job.maxAttempts;
    // A recurring job's run that failed for good waits for its next turn; its error stays visible.
    const outcome = !final
      ? {
          status: 'queued' as const,
          runAt: new Date(now.getTime() + (handler.backoffMs ?? defaultBackoff)(job.attempts)),
        }
      : job.repeatSeconds
        ? { status: 'queued' as const, runAt: nextRun(job, now), attempts: 0, finishedAt: now }
        : { status: 'failed' as const, finishedAt: now };
    await this.transactions.run(async (manager) => {
      const updated = await manager.update(
        Job,
        { id: job.id, lockedBy: this.id, status: 'running' },
        { ...outcome, error: error.slice(0, 2000), lockedBy: null, lockedUntil: null },
      );
      if (updated.affected === 1) await handler.onFailure?.(manager, job, error, final);
    });
    if (final && job.repeatSeconds)
      this.logger.error(`Recurring job ${job.id} (${job.type}) failed this run: ${error}`);
    else if (final) this.logger.error(`Job ${job.id} (${job.type}) failed for good: ${error}`);
    else this.logger.warn(`Job ${job.id} (${job.type}) attempt ${job.attempts} failed: ${error}`);
  }
}

const nextRun = (job: Job, now: Date) => new Date(now.getTime() + job.repeatSeconds! * 1000);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
