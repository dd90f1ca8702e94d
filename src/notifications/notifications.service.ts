import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuthUser } from '../authorization/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Page, pageOf } from '../common/pagination';
import { Committee } from '../committees/committee.entity';
import { CommitteesRepository } from '../committees/committees.repository';
import { TransactionRunner } from '../database/transaction-runner';
import { MailDraft, MailOutbox } from '../mail/mail-outbox';
import { NotificationQuery, NotificationResponse } from './dto/notification.dto';
import { Notification } from './notification.entity';
import { NotificationErrorCode } from './notification.errors';
import { NotificationEvent } from './notification-events';
import { CaseForRecipients, NotificationRecipients } from './notification-recipients';
import { CommitteeNames, NotificationRenderer } from './notification-renderer';

/** The case a notification is about: what decides who may see it, and what its text may name. */
export type NotifiedCase = CaseForRecipients & { reference: string; title: string };

const INSERT_CHUNK = 100;

/** The in-app inbox, and the one way notifications (and their mails) are made. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly recipients: NotificationRecipients,
    private readonly renderer: NotificationRenderer,
    private readonly outbox: MailOutbox,
    private readonly committees: CommitteesRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Inside the transaction of what happened: a notification for each person each event is for
   * (see NotificationRecipients), and for those who want mail, the mail, rendered in their
   * language and queued for delivery. All of it commits, or rolls back, with the change.
   */
  async notify(manager: EntityManager, kase: NotifiedCase, events: readonly NotificationEvent[], at: Date) {
    if (events.length === 0) return;
    const recipients = await this.recipients.resolve(manager, kase, events);
    const rows: Notification[] = [];
    const mails: MailDraft[] = [];
    const committees = await this.committeeNames(manager, events);
    events.forEach((event, i) => {
      const params = { title: kase.title, ...event.params };
      for (const user of recipients[i]) {
        const id = randomUUID();
        rows.push(
          Object.assign(new Notification(), {
            id,
            userId: user.id,
            type: event.type,
            caseId: kase.id,
            caseReference: kase.reference,
            params,
            createdAt: at,
            readAt: null,
          }),
        );
        if (this.outbox.enabled && user.emailNotifications) {
          const mail = this.renderer.mail(event.type, user.language, kase, params, committees);
          mails.push({ userId: user.id, notificationId: id, recipient: user.email, language: user.language, ...mail });
        }
      }
    });
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await manager.insert(Notification, rows.slice(i, i + INSERT_CHUNK));
    await this.outbox.enqueue(manager, mails);
  }

  async list(actor: AuthUser, query: NotificationQuery): Promise<Page<NotificationResponse>> {
    const [rows, total] = await this.dataSource.getRepository(Notification).findAndCount({
      where: { userId: actor.id, ...(query.unread ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return pageOf(await this.describe(actor, rows), total, query);
  }

  /** How many of the user's notifications are not read yet (the count beside the pages' inbox link). */
  unreadCount(actor: AuthUser): Promise<number> {
    return this.dataSource.getRepository(Notification).count({ where: { userId: actor.id, readAt: IsNull() } });
  }

  async markRead(actor: AuthUser, id: string): Promise<NotificationResponse> {
    const row = await this.transactions.run(async (manager) => {
      const found = await manager.findOneBy(Notification, { id, userId: actor.id });
      if (!found) throw new DomainError(NotificationErrorCode.NotFound);
      if (!found.readAt) {
        found.readAt = this.clock.now();
        await manager.update(Notification, { id, readAt: IsNull() }, { readAt: found.readAt });
      }
      return found;
    });
    return (await this.describe(actor, [row]))[0];
  }

  async markAllRead(actor: AuthUser): Promise<{ updated: number }> {
    const result = await this.transactions.run((manager) =>
      manager.update(Notification, { userId: actor.id, readAt: IsNull() }, { readAt: this.clock.now() }),
    );
    return { updated: result.affected ?? 0 };
  }

  /** Notifications as their owner reads them: the text in the owner's language as it is set now. */
  private async describe(actor: AuthUser, rows: Notification[]): Promise<NotificationResponse[]> {
    if (rows.length === 0) return [];
    const names: CommitteeNames = new Map((await this.committees.all()).map((c) => [c.key, c]));
    const language = actor.language;
    return rows.map((row) => ({
      id: row.id,
      type: row.type,
      caseId: row.caseId,
      caseReference: row.caseReference,
      text: this.renderer.text(row.type, language, row.caseReference, row.params, names),
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    }));
  }

  private async committeeNames(manager: EntityManager, events: readonly NotificationEvent[]): Promise<CommitteeNames> {
    if (!events.some((e) => 'committee' in e.params)) return new Map();
    return new Map((await manager.find(Committee)).map((c) => [c.key, c]));
  }
}
