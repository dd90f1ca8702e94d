import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue';
import { MailDelivery } from './mail-delivery.entity';
import { MailTransport } from './mail-transport';

export interface MailDraft {
  userId: string;
  notificationId: string | null;
  recipient: string;
  language: string;
  subject: string;
  text: string;
  html: string;
}

export const MAIL_JOB = 'mail';
/** 8 attempts, 30 s after the first failure and doubling: the last about 64 minutes after the first. */
export const MAIL_MAX_ATTEMPTS = 8;

const INSERT_CHUNK = 100;

/** Stores mails to send, with a delivery job each, in the caller's transaction. */
@Injectable()
export class MailOutbox {
  private readonly messageIdHost: string;

  constructor(
    private readonly transport: MailTransport,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.messageIdHost = new URL(config.publicUrl).hostname;
  }

  /** Whether mail is sent at all (SMTP_URL is set). */
  get enabled(): boolean {
    return this.transport.enabled;
  }

  async enqueue(manager: EntityManager, drafts: readonly MailDraft[]): Promise<MailDelivery[]> {
    if (drafts.length === 0) return [];
    const now = this.clock.now();
    const mails = drafts.map((draft) => {
      const id = randomUUID();
      return Object.assign(new MailDelivery(), {
        ...draft,
        id,
        messageId: `<${id}@${this.messageIdHost}>`,
        status: 'pending',
        attempts: 0,
        lastError: null,
        createdAt: now,
        sentAt: null,
      } satisfies Omit<MailDelivery, 'assignId'>);
    });
    for (let i = 0; i < mails.length; i += INSERT_CHUNK)
      await manager.insert(MailDelivery, mails.slice(i, i + INSERT_CHUNK));
    await this.jobs.enqueue(
      manager,
      mails.map((mail) => ({ type: MAIL_JOB, payload: { mailId: mail.id }, maxAttempts: MAIL_MAX_ATTEMPTS })),
    );
    return mails;
  }
}
