import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Job } from '../jobs/job.entity';
import { JobContext, JobWorker } from '../jobs/job-worker';
import { MailDelivery } from './mail-delivery.entity';
import { MAIL_JOB } from './mail-outbox';
import { MailTransport } from './mail-transport';

/**
 * Delivers one stored mail per `mail` job, and marks it sent in the same transaction as the job
 * done. A mail marked sent is never sent again; a mail whose sending was interrupted before it was
 * marked (the process died) is sent again when its lease has expired, with the same Message-ID.
 * Failures are retried with the job's backoff.
 */
@Injectable()
export class MailSender implements OnModuleInit {
  constructor(
    private readonly worker: JobWorker,
    private readonly transport: MailTransport,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Only an instance that can send (SMTP_URL set) takes mail jobs; another leaves them to it. */
  onModuleInit(): void {
    if (!this.config.smtpUrl) return;
    this.worker.register<{ mailId: string }>(MAIL_JOB, {
      run: (context) => this.deliver(context),
      onSuccess: (manager, job, result) => this.recordSent(manager, job, result),
      onFailure: (manager, job, error, final) => this.recordFailure(manager, job, error, final),
    });
  }

  private async deliver({ payload }: JobContext<{ mailId: string }>) {
    // Read outside a transaction: the row is committed (its job exists), and only this job changes it.
    const mail = await this.dataSource.getRepository(MailDelivery).findOneBy({ id: payload.mailId });
    if (!mail || mail.status !== 'pending') return { sent: false };
    await this.transport.send(mail);
    return { sent: true };
  }

  /** Marked sent in the transaction that marks its job done. */
  private async recordSent(manager: EntityManager, job: Job, result: Record<string, unknown> | null) {
    if (result?.sent !== true) return;
    await manager.update(
      MailDelivery,
      { id: mailIdOf(job), status: 'pending' },
      { status: 'sent', sentAt: this.clock.now(), attempts: job.attempts, lastError: null },
    );
  }

  private async recordFailure(manager: EntityManager, job: Job, error: string, final: boolean): Promise<void> {
    await manager.update(
      MailDelivery,
      { id: mailIdOf(job), status: 'pending' },
      { attempts: job.attempts, lastError: error.slice(0, 2000), status: final ? 'failed' : 'pending' },
    );
  }
}

const mailIdOf = (job: Job) => (job.payload as { mailId: string }).mailId;
