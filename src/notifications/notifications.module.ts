import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CommitteesModule } from '../committees/committees.module';
import { MailModule } from '../mail/mail.module';
import { UsersModule } from '../users/users.module';
import { CaseActionNotifier } from './case-action-notifier';
import { NotificationRecipients } from './notification-recipients';
import { NotificationRenderer } from './notification-renderer';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { StageReminders } from './stage-reminders';

/** Who is told what about cases: in the app, by mail, and when a stage is overdue. */
@Module({
  imports: [CasesModule, CommitteesModule, UsersModule, MailModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationRecipients, NotificationRenderer, CaseActionNotifier, StageReminders],
  exports: [NotificationsService],
})
export class NotificationsModule {}
