import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MailDelivery } from '../../src/mail/mail-delivery.entity';
import { CaseWorld } from '../support/case-world';
import { PageSession } from '../support/page-session';
import { ADMIN, TestApp } from '../support/test-app';

/** The administrators' page of mail deliveries: what GET /api/admin/mail lists, failed ones first. */
describe('pages: mail deliveries (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A delivery as the outbox and the sender leave it in the table. */
  const delivery = (status: 'failed' | 'sent', subject: string, lastError: string | null) =>
    Object.assign(new MailDelivery(), {
      id: randomUUID(),
      notificationId: null,
      userId: w.io.id,
      recipient: w.io.email,
      language: 'en',
      subject,
      text: 'the message',
      html: '<p>the message</p>',
      messageId: `<${randomUUID()}@test.example>`,
      status,
      attempts: status === 'failed' ? 8 : 1,
      lastError,
      createdAt: t.now(),
      sentAt: status === 'sent' ? t.now() : null,
    });

  it('shows the admin the failed deliveries with their last error as text, the others by their filter', async () => {
    const hostile = '550 <script>alert("smtp")</script> mailbox unavailable';
    await t.app
      .get(DataSource)
      .getRepository(MailDelivery)
      .insert([
        delivery('failed', '[IRR-2026-00001] New case to triage', hostile),
        delivery('sent', '[IRR-2026-00002] Sent fine', null),
      ]);
    const admin = await PageSession.signIn(t, ADMIN.email, ADMIN.password);
    expect((await admin.get('/')).text).toContain('href="/mail"');
    const page = await admin.get('/mail');
    expect(page.status).toBe(200);
    expect(page.text).toContain('[IRR-2026-00001] New case to triage');
    expect(page.text).not.toContain('Sent fine');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).toContain('550 &lt;script&gt;alert(&quot;smtp&quot;)&lt;/script&gt; mailbox unavailable');
    // The message itself is not shown.
    expect(page.text).not.toContain('the message');
    expect((await admin.get('/mail?status=sent')).text).toContain('[IRR-2026-00002] Sent fine');
    // The API lists the same failed delivery.
    const api = (await w.get(w.admin, '/admin/mail?status=failed')).body;
    expect(api.items.map((m: { lastError: string }) => m.lastError)).toEqual([hostile]);
  });

  it('is the administrators’: others get 403 and no navigation entry', async () => {
    for (const user of [w.io, w.researcher, w.council]) {
      const session = await PageSession.signIn(t, user.email);
      expect((await session.get('/mail')).status).toBe(403);
      expect((await session.get('/')).text).not.toContain('href="/mail"');
    }
  });
});
