import { DataSource } from 'typeorm';
import { MailCatcher } from '../../scripts/mail-catcher';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { Job } from '../../src/jobs/job.entity';
import { MailDelivery } from '../../src/mail/mail-delivery.entity';
import { MAIL_MAX_ATTEMPTS, MailOutbox } from '../../src/mail/mail-outbox';
import { Notification } from '../../src/notifications/notification.entity';
import { benignPartnership, CaseWorld } from '../support/case-world';
import { eventually } from '../support/jobs';
import { TestApp, TestUser } from '../support/test-app';

/**
 * Delivery with a real SMTP server that is down, comes back, refuses, and with a sender that died
 * holding a mail: nothing is lost, and in normal operation nothing is sent twice.
 */
describe('durable mail delivery (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  let catcher: MailCatcher;
  let port: number;
  let applicant: TestUser;
  let io: TestUser;

  const mails = () => t.app.get(DataSource).getRepository(MailDelivery);
  const jobs = () => t.app.get(DataSource).getRepository(Job);
  const jobOf = async (mail: MailDelivery) =>
    (await jobs().find({ where: { type: 'mail' } })).find((j) => j.payload.mailId === mail.id)!;
  /** The backoff before a retry is over: the job may run now. */
  const backoffOver = (job: Job, change: Pick<Partial<Job>, 'attempts'> = {}) =>
    jobs().update({ id: job.id }, { runAt: new Date(t.now().getTime() - 1), ...change });

  /** Submits a new case: the International Office gets one mail about it. */
  async function submitCase(): Promise<MailDelivery> {
    const draft = await w.draft(benignPartnership(), applicant);
    await w.expectOk(await w.post(applicant, `/cases/${draft.id}/submit`));
    const [notification] = await t.app
      .get(DataSource)
      .getRepository(Notification)
      .findBy({ caseId: draft.id, userId: io.id });
    return mails().findOneByOrFail({ notificationId: notification.id });
  }

  beforeAll(async () => {
    catcher = new MailCatcher();
    // A port where nothing listens yet: the SMTP server is down at first.
    port = await catcher.start();
    await catcher.stop();
    t = await TestApp.start({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    w = new CaseWorld(t);
    w.admin = await t.adminToken();
    [applicant, io] = await Promise.all([t.createUser(['researcher']), t.createUser(['international_office'])]);
  });

  afterAll(async () => {
    await t?.close();
    await catcher?.stop();
  });

  it('keeps mail while the SMTP server is down, and delivers it once when it is back', async () => {
    const mail = await submitCase();
    expect(mail).toMatchObject({ recipient: io.email, status: 'pending', attempts: 0 });
    await eventually(async () => (await mails().findOneByOrFail({ id: mail.id })).attempts >= 1, 'a failed attempt');
    const waiting = await w.expectOk(await w.get(w.admin, '/admin/mail?status=pending'));
    expect(waiting.items).toEqual([
      expect.objectContaining({
        id: mail.id,
        to: io.email,
        status: 'pending',
        attempts: 1,
        lastError: expect.any(String),
      }),
    ]);
    const job = await jobOf(mail);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, maxAttempts: MAIL_MAX_ATTEMPTS });
    // The next attempt waits out a backoff (30 s after the first failure).
    expect(job.runAt.getTime()).toBeGreaterThan(t.now().getTime() + 20_000);

    await catcher.start(port);
    await backoffOver(job);
    await eventually(async () => catcher.mails.length === 1, 'the delivery');
    await eventually(async () => (await mails().findOneByOrFail({ id: mail.id })).status === 'sent', 'sent');
    expect(await mails().findOneByOrFail({ id: mail.id })).toMatchObject({ attempts: 2, lastError: null });
    expect(await jobOf(mail)).toMatchObject({ status: 'done', finishedAt: expect.any(Date) });
    expect(catcher.mails[0]).toMatchObject({ messageId: mail.messageId, to: [io.email] });
    // Two more polls: nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(catcher.mails.filter((m) => m.messageId === mail.messageId)).toHaveLength(1);
  });

  it('leaves a mail to the sender holding it, and takes it over once that sender’s lease has run out', async () => {
    const before = catcher.mails.length;
    // As if another instance had claimed the mail's job and died while sending it: the outbox row,
    // its job and that claim are written together, so this instance never saw the job free.
    const { mail, job } = await t.app.get(TransactionRunner).run(async (manager) => {
      const [written] = await t.app.get(MailOutbox).enqueue(manager, [
        {
          userId: io.id,
          notificationId: null,
          recipient: io.email,
          language: 'en',
          subject: 'IRR-TEST: stale claim',
          text: 'text',
          html: '<p>html</p>',
        },
      ]);
      const claimed = (await manager.find(Job, { where: { type: 'mail' } })).find(
        (j) => j.payload.mailId === written.id,
      )!;
      const lease = { status: 'running' as const, lockedBy: 'dead-instance', attempts: 1 };
      await manager.update(Job, { id: claimed.id }, { ...lease, lockedUntil: new Date(t.now().getTime() + 60_000) });
      return { mail: written, job: claimed };
    });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(catcher.mails.length).toBe(before);
    expect(await jobs().findOneByOrFail({ id: job.id })).toMatchObject({
      status: 'running',
      lockedBy: 'dead-instance',
    });

    await jobs().update({ id: job.id }, { lockedUntil: new Date(t.now().getTime() - 1) });
    await eventually(async () => (await mails().findOneByOrFail({ id: mail.id })).status === 'sent', 'the takeover');
    expect(await jobs().findOneByOrFail({ id: job.id })).toMatchObject({ status: 'done', attempts: 2, lockedBy: null });
    expect(catcher.mails.filter((m) => m.messageId === mail.messageId)).toHaveLength(1);
  });

  it('gives up after the last attempt when the server refuses, and lists the mail as failed with its error', async () => {
    catcher.refuseRecipients = 'Mailbox unavailable';
    try {
      const mail = await submitCase();
      await eventually(async () => (await mails().findOneByOrFail({ id: mail.id })).attempts >= 1, 'a refusal');
      expect((await mails().findOneByOrFail({ id: mail.id })).lastError).toMatch(/550/);
      // Skip to the last attempt (the earlier ones would take an hour).
      await backoffOver(await jobOf(mail), { attempts: MAIL_MAX_ATTEMPTS - 1 });
      await eventually(async () => (await mails().findOneByOrFail({ id: mail.id })).status === 'failed', 'failed');
      expect(await jobOf(mail)).toMatchObject({ status: 'failed', attempts: MAIL_MAX_ATTEMPTS });
      const failed = await w.expectOk(await w.get(w.admin, '/admin/mail?status=failed'));
      expect(failed.items).toEqual([
        expect.objectContaining({
          id: mail.id,
          status: 'failed',
          attempts: MAIL_MAX_ATTEMPTS,
          lastError: expect.stringMatching(/550/),
        }),
      ]);
      expect((await w.expectOk(await w.get(w.admin, '/admin/mail?status=pending'))).total).toBe(0);
      expect(catcher.mails.filter((m) => m.messageId === mail.messageId)).toHaveLength(0);
    } finally {
      catcher.refuseRecipients = null;
    }
  });
});

describe('without SMTP_URL (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ SMTP_URL: '' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps notifications in the app and writes no mail', async () => {
    const w = new CaseWorld(t);
    const [applicant, io] = await Promise.all([t.createUser(['researcher']), t.createUser(['international_office'])]);
    const draft = await w.draft(benignPartnership(), applicant);
    await w.expectOk(await w.post(applicant, `/cases/${draft.id}/submit`));
    const inbox = await w.expectOk(await w.get(io, '/notifications'));
    expect(inbox.items).toEqual([expect.objectContaining({ type: 'case_submitted', caseId: draft.id })]);
    expect(await t.app.get(DataSource).getRepository(MailDelivery).count()).toBe(0);
    expect(await t.app.get(DataSource).getRepository(Job).countBy({ type: 'mail' })).toBe(0);
  });
});
