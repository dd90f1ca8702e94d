import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MailCatcher } from '../../scripts/mail-catcher';
import { Job } from '../../src/jobs/job.entity';
import { MailDelivery } from '../../src/mail/mail-delivery.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { benignPartnership, CaseWorld } from '../support/case-world';
import { eventually } from '../support/jobs';
import { TestApp } from '../support/test-app';
import { freshDatabaseUrl } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');

/**
 * A real kill: the application in a second process takes the mail's job and is killed (SIGKILL, no
 * shutdown) while the SMTP server is still reading the mail; the mail is delivered once after a
 * restart, with the same Message-ID.
 */
describe('a sender killed while sending (e2e, a second process)', () => {
  let t: TestApp | undefined;
  let child: ChildProcess | undefined;
  const catcher = new MailCatcher();

  afterAll(async () => {
    child?.kill('SIGKILL');
    await t?.close();
    await catcher.stop();
  });

  // The second process compiles the sources at start: slow on a busy machine.
  jest.setTimeout(600_000);

  it('delivers the mail after a restart, exactly once', async () => {
    const smtpUrl = `smtp://127.0.0.1:${await catcher.start()}`;
    const DATABASE_URL = await freshDatabaseUrl();
    // This instance stores the mail with the case action, but sends nothing.
    t = await TestApp.start({ DATABASE_URL, SMTP_URL: smtpUrl, JOBS_POLL_MS: '0' });
    const w = new CaseWorld(t);
    w.admin = await t.adminToken();
    const [applicant, io] = await Promise.all([t.createUser(['researcher']), t.createUser(['international_office'])]);
    const draft = await w.draft(benignPartnership(), applicant);
    await w.expectOk(await w.post(applicant, `/cases/${draft.id}/submit`));
    const dataSource = t.app.get(DataSource);
    const notification = await dataSource
      .getRepository(Notification)
      .findOneByOrFail({ caseId: draft.id, userId: io.id });
    const mail = await dataSource.getRepository(MailDelivery).findOneByOrFail({ notificationId: notification.id });
    const jobOf = async () =>
      (await dataSource.getRepository(Job).findBy({ type: 'mail' })).find((j) => j.payload.mailId === mail.id)!;
    expect(await jobOf()).toMatchObject({ status: 'queued', attempts: 0 });

    // The sender: another process on the same database, whose SMTP conversation stalls in the mail's data.
    const arrived = new Promise<void>((resolve) => (catcher.stallData = resolve));
    const sender = spawn(process.execPath, ['-r', './test/support/ts-require.js', 'test/support/app-process.ts'], {
      cwd: ROOT,
      // On this instance's time: a shifted clock (TEST_CLOCK_START) starts when its process starts,
      // so the new process, given the same start, would run behind by this one's age and wait that
      // long before the mail's job is due.
      env: {
        ...process.env,
        DATABASE_URL,
        SMTP_URL: smtpUrl,
        JOBS_POLL_MS: '100',
        TEST_CLOCK_START: t.now().toISOString(),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = sender;
    let stderr = '';
    sender.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => sender.once('exit', resolve));
    await Promise.race([
      arrived,
      exited.then((code) => Promise.reject(new Error(`the sender exited with ${code}: ${stderr}`))),
    ]);
    const claimed = await jobOf();
    expect(claimed).toMatchObject({ status: 'running', attempts: 1 });
    expect(claimed.lockedBy).toMatch(/:\d+:/);

    sender.kill('SIGKILL');
    await exited;
    child = undefined;
    catcher.stallData = null;
    expect(catcher.mails).toHaveLength(0);
    expect(await dataSource.getRepository(MailDelivery).findOneByOrFail({ id: mail.id })).toMatchObject({
      status: 'pending',
    });

    // The restart: an instance that sends, started after the dead sender's lease ran out.
    await t.close();
    t = undefined;
    t = await TestApp.start({
      DATABASE_URL,
      SMTP_URL: smtpUrl,
      JOBS_POLL_MS: '100',
      TEST_CLOCK_START: new Date(claimed.lockedUntil!.getTime() + 1000).toISOString(),
    });
    const mails = t.app.get(DataSource).getRepository(MailDelivery);
    await eventually(async () => (await mails.findOneByOrFail({ id: mail.id })).status === 'sent', 'the delivery');
    const job = await t.app.get(DataSource).getRepository(Job).findOneByOrFail({ id: claimed.id });
    expect(job).toMatchObject({ status: 'done', attempts: 2, lockedBy: null });
    expect(catcher.mails.map((m) => [m.messageId, m.to])).toEqual([[mail.messageId, [io.email]]]);
  });
});
