/**
 * `npm run mail:catcher [-- --port 1025]`: a local SMTP server for development that accepts every
 * mail and prints it (no authentication, no TLS, loopback only). Point the app at it with
 * `SMTP_URL=smtp://127.0.0.1:1025`. The tests use the same class; the notifications benchmark runs
 * this script as a child process, so the SMTP server does not share the application's event loop.
 */
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
}

/** A real SMTP server in this process that keeps every mail it accepts. */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  /** While set, every recipient is refused with this SMTP reply (a permanent failure). */
  refuseRecipients: string | null = null;
  /**
   * While set, a mail's content is read but never answered (the sender waits, as on a stuck server),
   * and this is called when it has arrived; the mail is not kept.
   */
  stallData: (() => void) | null = null;
  private server: SMTPServer | null = null;

  constructor(private readonly onMail: (mail: CaughtMail) => void = () => undefined) {}

  /** Listens on 127.0.0.1 (port 0: any free port); answers the port. */
  async start(port = 0): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        if (this.refuseRecipients) {
          const error = Object.assign(new Error(this.refuseRecipients), { responseCode: 550 });
          callback(error);
        } else callback();
      },
      onData: (stream, _session, callback) => {
        const stall = this.stallData;
        if (stall) {
          stream.on('end', stall).resume();
          return;
        }
        simpleParser(stream).then(
          (parsed) => {
            const mail = toCaught(parsed);
            this.mails.push(mail);
            this.onMail(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function toCaught(parsed: ParsedMail): CaughtMail {
  const addresses = (value: ParsedMail['to']) =>
    (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
  return {
    messageId: parsed.messageId ?? '',
    from: parsed.from?.text ?? '',
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    headers: parsed.headers,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '1025' } } });
  // Started by another process with an IPC channel (the notifications benchmark): report, do not print.
  const parent = process.send?.bind(process);
  const catcher = new MailCatcher((mail) => {
    if (parent) {
      parent({ messageId: mail.messageId });
      return;
    }
    console.log(`--- ${new Date().toISOString()} ${mail.messageId}`);
    console.log(`From: ${mail.from}\nTo: ${mail.to.join(', ')}\nSubject: ${mail.subject}\n\n${mail.text}`);
  });
  const port = await catcher.start(Number(values.port));
  if (parent) parent({ port });
  else console.log(`Catching mail on smtp://127.0.0.1:${port} (Ctrl-C to stop)`);
}

if (require.main === module) void main();
