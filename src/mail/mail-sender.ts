import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { Job } from '../jobs/job.entity';
import { JobContext, JobWorker } from '../jobs/job-worker';
import { MailDelivery } from './mail-delivery.entity';
import { MAIL_JOB } from './mail-outbox';
import { MailTransport } from './mail-transport';

/**
 * Delivers one stored mail per `mail` job. A mail marked sent is never sent again; a mail whose
 * sending was interrupted before it was marked (the process died) is sent again by the next
 * attempt, with the same Message-ID. Failures are retried with the job's backoff.
 */
@Injectable()
export class MailSender implements OnModuleInit {
  constructor(
    private readonly worker: JobWorker,
    private readonly transport: MailTransport,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.worker.register<{ mailId: string }>(MAIL_JOB, {
      run: (context) => this.deliver(context),
      onFailure: (manager, job, error, final) => this.recordFailure(manager, job, error, final),
    });
  }

  private async deliver({ payload, attempt }: JobContext<{ mailId: string }>) {
    const mail = await this.transactions.run((manager) => manager.findOneBy(MailDelivery, { id: payload.mailId }));
    if (!mail || mail.status === 'sent') return { sent: false };
    await this.transport.send(mail);
    await this.transactions.run((manager) =>
      manager.update(
        MailDelivery,
        { id: mail.id },
        { status: 'sent', sentAt: this.clock.now(), attempts: attempt, lastError: null },
      ),
    );
    return { sent: true };
  }

  private async recordFailure(manager: EntityManager, job: Job, error: string, final: boolean): Promise<void> {
    const mailId = (job.payload as { mailId: string }).mailId;
    await manager.update(
      MailDelivery,
      { id: mailId, status: 'pending' },
      { attempts: job.attempts, lastError: error.slice(0, 2000), status: final ? 'failed' : 'pending' },
    );
  }
}
