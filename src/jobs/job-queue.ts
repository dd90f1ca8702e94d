import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Job } from './job.entity';

export interface NewJob {
  type: string;
  payload: Record<string, unknown>;
  /** Not before (default: now). */
  runAt?: Date;
  /** Attempts before the job fails for good (default 3). */
  maxAttempts?: number;
  /** A job that may exist only once (see Job.uniqueKey). */
  uniqueKey?: string;
}

const INSERT_CHUNK = 200;

/** Puts jobs in the `jobs` table. The job worker (job-worker.ts) runs them. */
@Injectable()
export class JobQueue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Adds jobs inside the caller's transaction, so they exist exactly when the work that caused them
   * commits (a mail with its notification, a re-screening with the list version).
   */
  async enqueue(manager: EntityManager, jobs: readonly NewJob[]): Promise<Job[]> {
    const now = this.clock.now();
    const rows = jobs.map((job) =>
      Object.assign(new Job(), {
        id: randomUUID(),
        type: job.type,
        payload: job.payload,
        status: 'queued',
        progressDone: 0,
        progressTotal: 0,
        attempts: 0,
        maxAttempts: job.maxAttempts ?? 3,
        runAt: job.runAt ?? now,
        lockedBy: null,
        lockedUntil: null,
        error: null,
        result: null,
        uniqueKey: job.uniqueKey ?? null,
        createdAt: now,
        finishedAt: null,
      } satisfies Omit<Job, 'assignId'>),
    );
    // JSON columns are typed loosely by TypeORM's insert; the entity instances are complete.
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await manager.insert(Job, rows.slice(i, i + INSERT_CHUNK) as never);
    return rows;
  }

  find(id: string): Promise<Job | null> {
    return this.dataSource.getRepository(Job).findOneBy({ id });
  }
}
