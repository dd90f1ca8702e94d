import { Column, Entity, Index } from 'typeorm';
import { TimestampColumn, UuidEntity } from '../common/columns';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A unit of background work, durable in the database: re-screening after a list import, one mail's
 * delivery, the periodic reminder run. An instance claims a job by setting `lockedBy` and a lease
 * (`lockedUntil`) that it renews while it works; a job whose lease ran out (its instance died) is
 * claimed again. See docs/jobs.md.
 */
@Entity('jobs')
@Index('IDX_jobs_claim', ['status', 'runAt'])
export class Job extends UuidEntity {
  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16 })
  status: JobStatus;

  @Column({ type: 'integer' })
  progressDone: number;

  @Column({ type: 'integer' })
  progressTotal: number;

  /** Claims so far (a claim whose instance died counts too). */
  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'integer' })
  maxAttempts: number;

  /** Not before this time (a retry waits out its backoff; a periodic job its interval). */
  @TimestampColumn()
  runAt: Date;

  /** A recurring job: queued again this many seconds after each run ends (JobQueue.schedule). */
  @Column({ type: 'integer', nullable: true })
  repeatSeconds: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  lockedBy: string | null;

  @TimestampColumn({ nullable: true })
  lockedUntil: Date | null;

  /** The last failure. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** What a finished job reports (re-screening: cases screened and with new hits). */
  @Column({ type: 'simple-json', nullable: true })
  result: Record<string, unknown> | null;

  /** An idempotency key: a job that exists once (a recurring job's name; JobQueue.enqueue adds no second). */
  @Index('UQ_jobs_unique_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  uniqueKey: string | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  finishedAt: Date | null;
}
