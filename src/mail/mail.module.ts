import { Module } from '@nestjs/common';
import { AdminMailController } from './admin-mail.controller';
import { MailDeliveriesService } from './mail-deliveries.service';
import { MailOutbox } from './mail-outbox';
import { MailSender } from './mail-sender';
import { MailTransport } from './mail-transport';

/** Durable mail: an outbox written in the caller's transaction, a job per mail, SMTP through nodemailer. */
@Module({
  controllers: [AdminMailController],
  providers: [MailTransport, MailOutbox, MailSender, MailDeliveriesService],
  exports: [MailOutbox, MailDeliveriesService],
})
export class MailModule {}
