import { CaseWorld, sensitivePartnership } from '../support/case-world';
import { csrfOf, PageSession } from '../support/page-session';
import { TestApp, TestUser } from '../support/test-app';

/** The inbox and the own settings pages: the same services as /api/notifications and PATCH /api/auth/me. */
describe('pages: notifications and settings (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  const submitted = async (title: string) => {
    const draft = await w.draft(sensitivePartnership({ title }));
    await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    return draft as { id: string; reference: string };
  };
  const unreadOf = async (user: TestUser) => (await w.get(user, '/notifications?unread=true')).body.total as number;
  const nav = (html: string) => /<nav aria-label="[^"]+" class="main-nav">[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  const items = (html: string) => [...html.matchAll(/<li class="(unread|read)">([\s\S]*?)<\/li>/g)];

  it('lists the user’s notifications newest first, unread marked, each linking to its case, a hostile title as text', async () => {
    const office = await t.createUser(['international_office']);
    const hostile = '<script>alert("inbox")</script> & <img src=x onerror=alert(1)>';
    const first = await submitted('First radar plan');
    const second = await submitted(hostile);
    const session = await PageSession.signIn(t, office.email);
    const page = await session.get('/notifications');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const listed = items(page.text);
    expect(listed).toHaveLength(2);
    // Newest first: the second submission on top, both unread, each with a link to its case.
    expect(listed.map((m) => m[1])).toEqual(['unread', 'unread']);
    expect(listed[0][2]).toContain(`href="/cases/${second.id}">${second.reference}</a>`);
    expect(listed[1][2]).toContain(`href="/cases/${first.id}">${first.reference}</a>`);
    expect(listed[1][2]).toContain('First radar plan');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img src=x');
    expect(listed[0][2]).toContain(
      '&lt;script&gt;alert(&quot;inbox&quot;)&lt;/script&gt; &amp; &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
    );
    // The count beside the inbox's entry, on every page.
    expect(nav(page.text)).toContain('<span class="count">2 unread</span>');
    expect(nav((await session.get('/')).text)).toContain('href="/notifications"');
    expect(nav((await session.get('/triage')).text)).toContain('<span class="count">2 unread</span>');
    // The API agrees.
    expect(await unreadOf(office)).toBe(2);
  });

  it('marks one notification read, then all, with CSRF forms; a forged post (no token) is 403 and changes nothing', async () => {
    const office = await t.createUser(['international_office']);
    await submitted('Plan one');
    await submitted('Plan two');
    await submitted('Plan three');
    const session = await PageSession.signIn(t, office.email);
    const page = await session.get('/notifications');
    const readForms = [...page.text.matchAll(/<form method="post" action="(\/notifications\/[0-9a-f-]{36}\/read)"/g)];
    expect(readForms).toHaveLength(3);
    expect(page.text).toContain('action="/notifications/read-all"');

    const forged = await session.post(readForms[0][1], {}, false);
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('data-error-code="CSRF_TOKEN_INVALID"');
    expect((await session.post('/notifications/read-all', {}, false)).status).toBe(403);
    expect(await unreadOf(office)).toBe(3);

    const one = await session.post(readForms[0][1], {}, csrfOf(page.text));
    expect(one.status).toBe(303);
    expect(one.headers.location).toBe('/notifications');
    const after = await session.follow(one);
    expect(after.text).toContain('The notification is marked as read.');
    expect(items(after.text).map((m) => m[1])).toEqual(['read', 'unread', 'unread']);
    expect(nav(after.text)).toContain('<span class="count">2 unread</span>');
    expect(await unreadOf(office)).toBe(2);

    const all = await session.follow(await session.post('/notifications/read-all', {}, csrfOf(after.text)));
    expect(all.text).toContain('All notifications are marked as read.');
    expect(items(all.text).map((m) => m[1])).toEqual(['read', 'read', 'read']);
    expect(all.text).not.toContain('action="/notifications/read-all"');
    expect(nav(all.text)).not.toContain('class="count"');
    expect(await unreadOf(office)).toBe(0);
  });

  it('answers someone else’s notification, or no notification, with 404, leaving it unread', async () => {
    const office = await t.createUser(['international_office']);
    await submitted('Not yours to read');
    const theirs = (await w.get(office, '/notifications')).body.items[0].id as string;
    const other = await PageSession.signIn(t, w.researcher.email);
    const res = await other.post(`/notifications/${theirs}/read`, {});
    expect(res.status).toBe(404);
    expect(res.text).toContain('data-error-code="NOTIFICATION_NOT_FOUND"');
    expect((await other.post('/notifications/not-a-uuid/read', {})).status).toBe(404);
    expect(await unreadOf(office)).toBe(1);
    // The researcher's own inbox does not show it.
    expect((await other.get('/notifications')).text).not.toContain('Not yours to read');
  });

  it('is there for every signed-in role, and sends a visitor without a session to sign in', async () => {
    for (const user of [w.researcher, w.council, w.leadership, w.ksMember]) {
      const session = await PageSession.signIn(t, user.email);
      const html = (await session.get('/')).text;
      expect(nav(html)).toContain('href="/notifications"');
      expect(nav(html)).toContain('href="/settings"');
      expect((await session.get('/notifications')).status).toBe(200);
      expect((await session.get('/settings')).status).toBe(200);
    }
    const visitor = await t.http().get('/notifications');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toBe('/login?returnTo=%2Fnotifications');
    expect((await t.http().get('/settings')).headers.location).toBe('/login?returnTo=%2Fsettings');
  });

  it('saves the own language and e-mail setting through the same service as PATCH /api/auth/me, and the inbox follows', async () => {
    const office = await t.createUser(['international_office']);
    const session = await PageSession.signIn(t, office.email, undefined, 'en');
    const form = await session.get('/settings');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/name="language" value="en" checked/);
    expect(form.text).toMatch(/name="emailNotifications" value="yes" checked/);

    const forged = await session.post('/settings', { language: 'nl', emailNotifications: 'no' }, false);
    expect(forged.status).toBe(403);
    expect((await w.get(office, '/auth/me')).body).toMatchObject({ language: 'en', emailNotifications: true });

    const invalid = await session.post('/settings', { language: 'fr', emailNotifications: 'maybe' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('data-error-code="VALIDATION_FAILED"');
    expect((await w.get(office, '/auth/me')).body).toMatchObject({ language: 'en', emailNotifications: true });

    const saved = await session.post('/settings', { language: 'nl', emailNotifications: 'no' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/settings');
    expect((await w.get(office, '/auth/me')).body).toMatchObject({ language: 'nl', emailNotifications: false });
    // The pages speak Dutch at once, the form shows the saved values.
    const page = await session.follow(saved);
    expect(page.text).toContain('<html lang="nl">');
    expect(page.text).toContain('Uw instellingen zijn bewaard.');
    expect(page.text).toMatch(/name="emailNotifications" value="no" checked/);

    // The inbox in Dutch: its texts, and the notification itself in the user's language.
    const kase = await submitted('Radar in het Nederlands');
    const inbox = await session.get('/notifications');
    expect(inbox.text).toContain('<h1>Meldingen</h1>');
    expect(inbox.text).toContain('Markeer alles als gelezen');
    expect(nav(inbox.text)).toContain('<span class="count">1 ongelezen</span>');
    const api = (await w.get(office, '/notifications')).body.items[0];
    expect(api.caseId).toBe(kase.id);
    expect(inbox.text).toContain(api.text);
    expect(api.text).not.toBe(
      (await w.get(w.io, '/notifications')).body.items.find((n: { caseId: string }) => n.caseId === kase.id).text,
    );
  });
});
