import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageCounts, PageQuery } from '../../common/pagination';
import { NOTIFICATION_TYPES, NotificationType } from '../notification-types';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only the notifications not read yet' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: NOTIFICATION_TYPES })
  type: NotificationType;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ example: 'IRR-2026-00042' })
  caseReference: string;

  @ApiProperty({ description: 'What happened and what to do, in your language' })
  text: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt: string | null;
}

export class NotificationPageResponse extends PageCounts {
  @ApiProperty({ type: [NotificationResponse] })
  items: NotificationResponse[];
}

export class ReadAllResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Notifications marked read' })
  updated: number;
}
