import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageCounts, PageQuery } from '../../common/pagination';
import { MAIL_STATUSES, MailDelivery, MailStatus } from '../mail-delivery.entity';

export class MailDeliveryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MAIL_STATUSES })
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: MailStatus;
}

/** A delivery as the admin sees it: to whom, its state and last error; not the message body. */
export class MailDeliveryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  to: string;

  @ApiProperty({ description: 'Case reference and what is asked, e.g. "[IRR-2026-00042] New case to triage"' })
  subject: string;

  @ApiProperty({ enum: MAIL_STATUSES })
  status: MailStatus;

  @ApiProperty({ type: 'integer', minimum: 0 })
  attempts: number;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty()
  messageId: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt: string | null;
}

export class MailDeliveryPageResponse extends PageCounts {
  @ApiProperty({ type: [MailDeliveryResponse] })
  items: MailDeliveryResponse[];
}

export function toMailDeliveryResponse(mail: MailDelivery): MailDeliveryResponse {
  return {
    id: mail.id,
    to: mail.recipient,
    subject: mail.subject,
    status: mail.status,
    attempts: mail.attempts,
    lastError: mail.lastError,
    messageId: mail.messageId,
    createdAt: mail.createdAt.toISOString(),
    sentAt: mail.sentAt?.toISOString() ?? null,
  };
}
