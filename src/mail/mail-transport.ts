import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface OutgoingMail {
  recipient: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/** The SMTP connection (a small pool) to SMTP_URL; without SMTP_URL, mail is off. */
@Injectable()
export class MailTransport implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private transporter: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (!this.config.smtpUrl) {
      this.logger.warn('SMTP_URL is not set: notifications stay in the app, no mail is sent');
      return;
    }
    this.transporter = createTransport({
      url: this.config.smtpUrl,
      pool: true,
      maxConnections: this.config.jobsConcurrency,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }

  get enabled(): boolean {
    return this.transporter !== null;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transporter) throw new Error('SMTP_URL is not set');
    await this.transporter.sendMail({
      from: this.config.mailFrom,
      // One address, never a list that nodemailer would split (an address from an identity provider is not validated here).
      to: { name: '', address: mail.recipient },
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
  }
}
