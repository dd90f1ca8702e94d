import { Column, Entity, Index } from 'typeorm';
import { TimestampColumn, UuidEntity } from '../common/columns';

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * One mail to one person, rendered when the notification was made and stored with it (so every
 * attempt sends the same message, with the same Message-ID). A `mail` job delivers it.
 */
@Entity('mail_deliveries')
@Index('IDX_mail_deliveries_status', ['status', 'createdAt'])
export class MailDelivery extends UuidEntity {
  @Column({ type: 'uuid', nullable: true })
  notificationId: string | null;

  @Column('uuid')
  userId: string;

  /** The address it goes to. */
  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ type: 'varchar', length: 2 })
  language: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  /** `<id@host>`, the same on every attempt, so a receiver can recognise a repeat. */
  @Column({ type: 'varchar', length: 200 })
  messageId: string;

  @Column({ type: 'varchar', length: 16 })
  status: MailStatus;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  sentAt: Date | null;
}
