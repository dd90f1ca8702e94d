import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../src/config/app-config';
import { CaseWorld, sensitivePartnership } from '../support/case-world';
import { cookiesOf, csrfOf, PageSession } from '../support/page-session';
import { PASSWORD, TestApp } from '../support/test-app';

/** The server-rendered pages (src/pages): sign-in, redirects, CSRF, 404, escaping, languages, forms, one truth with the API. */
describe('pages (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  const proposalForm = (overrides: Record<string, string | string[]> = {}) => ({
    type: 'partnership',
    title: 'Joint PhD programme in hydrology',
    summary: 'Shared supervision of doctoral candidates.',
    'partners.0.name': 'Technische Universität München',
    'partners.0.country': 'DE',
    'partners.0.type': 'university',
    'dualUse.militaryEndUse': 'no',
    'dualUse.misusePotential': 'no',
    'dualUse.humanRightsConcern': 'no',
    ...overrides,
  });

  describe('signing in', () => {
    it('sends a visitor without a session to the login page, and back where they were going after it', async () => {
      const home = await t.http().get('/');
      expect(home.status).toBe(303);
      expect(home.headers.location).toBe('/login?returnTo=%2F');
      const deep = await t.http().get('/cases/mine?page=2');
      expect(deep.headers.location).toBe('/login?returnTo=%2Fcases%2Fmine%3Fpage%3D2');

      const form = await t.http().get('/login?returnTo=%2Fcases%2Fmine');
      expect(form.status).toBe(200);
      expect(form.headers['content-type']).toMatch(/^text\/html/);
      const token = /name="_login" value="([^"]+)"/.exec(form.text)![1];
      const loginCookie = cookiesOf(form).pr_login;
      const res = await t
        .http()
        .post('/login')
        .type('form')
        .set('Cookie', `pr_login=${loginCookie}`)
        .send({ email: w.researcher.email, password: PASSWORD, _login: token, returnTo: '/cases/mine' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/cases/mine');
      expect(cookiesOf(res).pr_session).toMatch(/^[\w-]{43}$/);
      // Another site may not send people elsewhere after sign-in.
      const away = await PageSession.signIn(t, w.researcher.email);
      expect((await away.get('/login?returnTo=https%3A%2F%2Fevil.example%2F')).headers.location).toBe('/');
    });

    it('shows a wrong password on the login page (401), and refuses a login form from another site (403)', async () => {
      const session = new PageSession(t);
      const form = await session.get('/login');
      const token = /name="_login" value="([^"]+)"/.exec(form.text)![1];
      const wrong = await session.post(
        '/login',
        { email: w.researcher.email, password: 'wrong-password', _login: token },
        false,
      );
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('The e-mail address or the password is not correct.');
      expect(wrong.text).toContain(`value="${w.researcher.email}"`);
      const forged = await t
        .http()
        .post('/login')
        .type('form')
        .send({ email: w.researcher.email, password: PASSWORD, _login: token });
      expect(forged.status).toBe(403);
      expect(cookiesOf(forged).pr_session).toBeUndefined();
    });

    it('signs out with the form (its CSRF token), back to the login page', async () => {
      const session = await PageSession.signIn(t, w.council.email);
      const out = await session.post('/logout', {});
      expect(out.status).toBe(303);
      expect(out.headers.location).toBe('/login');
      expect((await session.follow(out)).text).toContain('You are signed out.');
      expect((await session.get('/reports')).status).toBe(303);
    });
  });

  describe('security', () => {
    it('serves pages with a Content-Security-Policy without unsafe-inline, and keeps the OpenAPI UI working', async () => {
      const page = await t.http().get('/login');
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(page.text).not.toMatch(/<script|style=/);
      const docs = await t.http().get('/api/docs');
      expect(docs.status).toBe(200);
      expect(docs.headers['content-security-policy']).toContain("'unsafe-inline'");
      const css = /href="(\/assets\/app\.css\?v[^"]+)"/.exec(page.text)![1].replace('&#x3D;', '=');
      const asset = await t.http().get(css);
      expect(asset.status).toBe(200);
      expect(asset.headers['content-type']).toMatch(/text\/css/);
      expect(asset.headers['cache-control']).toContain('immutable');
    });

    it('refuses a forged form post (the session cookie without its CSRF token) with 403, changing nothing', async () => {
      const session = await PageSession.signIn(t, w.otherResearcher.email);
      const before = (await w.get(w.otherResearcher, '/cases?mine=true')).body.total;
      const forged = await session.post('/cases/new', proposalForm(), false);
      expect(forged.status).toBe(403);
      expect(forged.text).toContain('data-error-code="CSRF_TOKEN_INVALID"');
      const wrongToken = await session.post('/cases/new', proposalForm(), 'x'.repeat(43));
      expect(wrongToken.status).toBe(403);
      expect((await w.get(w.otherResearcher, '/cases?mine=true')).body.total).toBe(before);
      const real = await session.post('/cases/new', proposalForm());
      expect(real.status).toBe(303);
      expect((await w.get(w.otherResearcher, '/cases?mine=true')).body.total).toBe(before + 1);
    });

    it('answers a case the user may not see with a 404 page, as the API does, never a 403', async () => {
      const kase = await w.draft(sensitivePartnership({ title: 'Somebody else’s secret plan' }));
      for (const user of [w.otherResearcher, w.council, w.io]) {
        const session = await PageSession.signIn(t, user.email);
        const page = await session.get(`/cases/${kase.id}`);
        expect(page.status).toBe(404);
        expect(page.text).toContain('Page not found');
        expect(page.text).not.toContain('secret plan');
        expect((await w.get(user, `/cases/${kase.id}`)).status).toBe(404);
      }
      const session = await PageSession.signIn(t, w.otherResearcher.email);
      expect((await session.get('/cases/not-a-uuid')).status).toBe(404);
      // Posting an action on it is a 404 too, and changes nothing.
      expect((await session.post(`/cases/${kase.id}/submit`, {})).status).toBe(404);
      expect((await w.get(w.researcher, `/cases/${kase.id}`)).body.status).toBe('draft');
    });

    it('shows a page the role may not open as 403, and the navigation only what the role may do', async () => {
      const researcher = await PageSession.signIn(t, w.researcher.email);
      expect((await researcher.get('/triage')).status).toBe(403);
      // Every signed-in person has an inbox and their own settings.
      const everyone = ['/notifications', '/settings'];
      const nav = (html: string) =>
        [...(/<nav aria-label="Main"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '').matchAll(/<li><a href="([^"]+)"/g)].map(
          (m) => m[1],
        );
      expect(nav((await researcher.get('/')).text)).toEqual(['/', '/cases/mine', '/cases/new', ...everyone]);
      const io = await PageSession.signIn(t, w.io.email);
      expect(nav((await io.get('/')).text)).toEqual([
        '/',
        '/triage',
        '/conditions',
        '/countries',
        '/screening',
        '/reports',
        ...everyone,
        '/closures',
      ]);
      const chair = await PageSession.signIn(t, w.ksChair.email);
      expect(nav((await chair.get('/')).text)).toEqual(['/', '/review', '/screening', ...everyone]);
      const leadership = await PageSession.signIn(t, w.leadership.email);
      expect(nav((await leadership.get('/')).text)).toEqual(['/', '/escalated', '/reports', ...everyone]);
      const council = await PageSession.signIn(t, w.council.email);
      expect(nav((await council.get('/')).text)).toEqual(['/', '/reports', ...everyone]);
      expect((await council.get('/users')).status).toBe(403);
    });

    it('shows a case title with a <script> as text', async () => {
      const title = '<script>alert("pwned")</script> & <b>bold</b>';
      const kase = await w.draft(sensitivePartnership({ title }));
      const session = await PageSession.signIn(t, w.researcher.email);
      const page = await session.get(`/cases/${kase.id}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('<script>alert');
      expect(page.text).not.toContain('<b>bold</b>');
      expect(page.text).toContain(
        '&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
      );
      expect((await session.get('/cases/mine')).text).not.toContain('<script>alert');
    });

    it('shows a hostile partner name as text to the applicant, the International Office and the committee', async () => {
      const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> Institute';
      const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt; Institute';
      const kase = await w.inReview(
        sensitivePartnership({ partners: [{ name: hostile, country: 'CN', type: 'university' }] }),
      );
      const draft = await w.draft(
        sensitivePartnership({ partners: [{ name: hostile, country: 'CN', type: 'university' }] }),
      );
      for (const [user, paths] of [
        [w.researcher, [`/cases/${kase.id}`, `/cases/${draft.id}/edit`, '/cases/mine']],
        [w.io, [`/cases/${kase.id}`, '/triage']],
        [w.ksChair, [`/cases/${kase.id}`, '/review']],
      ] as const) {
        const session = await PageSession.signIn(t, user.email);
        for (const path of paths) {
          const page = await session.get(path);
          expect({ path, status: page.status }).toEqual({ path, status: 200 });
          expect(page.text).not.toContain('<script>alert');
          expect(page.text).not.toContain('<img src=x');
          if (path.includes(kase.id) || path.includes(draft.id)) expect(page.text).toContain(escaped);
        }
      }
    });

    it('carries the CSRF token of a file upload form in its URL: the page imports a screening list with it, and refuses it without', async () => {
      const session = await PageSession.signIn(t, w.io.email);
      const page = await session.get('/screening');
      const form = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.text);
      const action = (form?.[1] ?? '').replace(/&#x3D;/g, '=');
      expect(action).toMatch(/^\/screening\/lists\?_csrf=[\w-]+$/);
      const csv = readFileSync(join(__dirname, '..', 'fixtures', 'screening', 'partners.simple.csv'));
      const upload = (url: string) =>
        t
          .http()
          .post(url)
          .set('Cookie', session.cookieHeader)
          .field('name', 'Uploaded from the page')
          .field('format', 'csv')
          .attach('file', csv, 'partners.csv');
      const forged = await upload('/screening/lists');
      expect(forged.status).toBe(403);
      expect(forged.text).toContain('data-error-code="CSRF_TOKEN_INVALID"');
      const imported = await upload(action);
      expect(imported.status).toBe(303);
      expect(imported.headers.location).toBe('/screening');
      const lists = await w.get(w.io, '/screening/lists');
      expect(lists.body.map((l: { name: string }) => l.name)).toContain('Uploaded from the page');
    });
  });

  describe('languages', () => {
    it('speaks English or Dutch: the browser’s choice first, then the switch, remembered in a cookie and as the user’s setting', async () => {
      const session = await PageSession.signIn(t, w.researcher.email);
      const english = await session.get('/cases/mine');
      expect(english.text).toContain('<html lang="en">');
      expect(english.text).toContain('<h1>My cases</h1>');
      const switched = await session.post('/language', { language: 'nl', returnTo: '/cases/mine' });
      expect(switched.status).toBe(303);
      expect(switched.headers.location).toBe('/cases/mine');
      const dutch = await session.follow(switched);
      expect(dutch.text).toContain('<html lang="nl">');
      expect(dutch.text).toContain('<h1>Mijn dossiers</h1>');
      expect(dutch.text).toContain('Afmelden');
      // The choice is the user's own setting too: another browser, without the cookie, starts in Dutch.
      const elsewhere = await PageSession.signIn(t, w.researcher.email);
      expect((await elsewhere.get('/cases/mine')).text).toContain('<html lang="nl">');
      expect((await w.get(w.researcher, '/auth/me')).body.language).toBe('nl');
      await elsewhere.post('/language', { language: 'en', returnTo: '/' });
      expect((await w.get(w.researcher, '/auth/me')).body.language).toBe('en');
      // A browser that prefers Dutch gets the login page in Dutch.
      const login = await t.http().get('/login').set('Accept-Language', 'nl-BE,nl;q=0.9,en;q=0.5');
      expect(login.text).toContain('<h1>Aanmelden</h1>');
    });

    it('writes dates the Belgian way and statuses in the page language', async () => {
      const kase = await w.inReview(sensitivePartnership());
      const session = await PageSession.signIn(t, w.researcher.email, PASSWORD, 'nl');
      const page = await session.get(`/cases/${kase.id}`);
      expect(page.text).toContain('In beoordeling');
      const due = new Date(kase.stages[0].dueAt);
      const brussels = new Intl.DateTimeFormat('en-GB', {
        timeZone: t.app.get(AppConfig).appTimeZone,
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }).format(due);
      expect(page.text).toContain(brussels);
      expect(brussels).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    });
  });

  describe('the proposal form', () => {
    it('shows field errors next to the field (400), translated, and keeps what was typed', async () => {
      const session = await PageSession.signIn(t, w.researcher.email, PASSWORD, 'nl');
      const res = await session.post(
        '/cases/new',
        proposalForm({
          title: '   ',
          summary: 'Kept <summary> text',
          'partners.0.country': '',
          'partners.0.type': 'spaceship',
        }),
      );
      expect(res.status).toBe(400);
      expect(res.text).toContain('data-error-code="VALIDATION_FAILED"');
      expect(res.text).toMatch(/id="f-title-error">[\s\S]*?Vul dit in\./);
      expect(res.text).toMatch(/id="f-partners-0-type-error">[\s\S]*?Kies een van de mogelijkheden\./);
      expect(res.text).toMatch(/id="f-partners-0-country-error">/);
      expect(res.text).toContain('aria-invalid="true"');
      expect(res.text).toContain('Kept &lt;summary&gt; text');
      expect(res.text).toContain('value="Technische Universität München"');
    });

    it('shows the service’s refusals next to the field too (an unknown country, a mobility without destination)', async () => {
      const session = await PageSession.signIn(t, w.researcher.email);
      const unknown = await session.post('/cases/new', proposalForm({ 'partners.0.country': 'XX' }));
      expect(unknown.status).toBe(400);
      expect(unknown.text).toMatch(/id="f-partners-0-country-error">[\s\S]*?Choose a country from the list\./);
      const mobility = await session.post('/cases/new', proposalForm({ type: 'mobility' }));
      expect(mobility.status).toBe(400);
      expect(mobility.text).toContain('A mobility needs at least one destination.');
    });

    it('saves a draft, edits it, adds a row without losing what was typed, and submits it', async () => {
      const session = await PageSession.signIn(t, w.researcher.email);
      const created = await session.post('/cases/new', proposalForm({ title: 'Draft from the form' }));
      expect(created.status).toBe(303);
      const page = await session.follow(created);
      expect(page.text).toContain('The draft is saved.');
      const id = /\/cases\/([0-9a-f-]{36})$/.exec(created.headers.location)![1];
      const stored = (await w.get(w.researcher, `/cases/${id}`)).body;
      expect(stored).toMatchObject({
        status: 'draft',
        title: 'Draft from the form',
        partners: [{ country: 'DE', type: 'university' }],
      });

      const added = await session.post(`/cases/${id}/edit`, proposalForm({ title: 'Changed title', _add: 'partners' }));
      expect(added.status).toBe(200);
      expect(added.text).toContain('value="Changed title"');
      expect(added.text).toContain('id="f-partners-1-name"');
      expect((await w.get(w.researcher, `/cases/${id}`)).body.title).toBe('Draft from the form');

      const submitted = await session.post(
        `/cases/${id}/edit`,
        proposalForm({
          title: 'Changed title',
          'partners.2.name': 'Universiteit Gent',
          'partners.2.country': 'BE',
          'partners.2.type': 'university',
          _submit: 'yes',
        }),
      );
      expect(submitted.status).toBe(303);
      const after = (await w.get(w.researcher, `/cases/${id}`)).body;
      expect(after).toMatchObject({ status: 'triage', title: 'Changed title' });
      expect(after.partners.map((p: { name: string }) => p.name)).toEqual([
        'Technische Universität München',
        'Universiteit Gent',
      ]);
    });
  });

  describe('one truth with the API', () => {
    it('refuses a chair’s decision before the quorum on the page and in the API for the same reason (QUORUM_NOT_MET)', async () => {
      const kase = await w.inReview(sensitivePartnership());
      const chair = await PageSession.signIn(t, w.ksChair.email);
      const casePage = await chair.get(`/cases/${kase.id}`);
      expect(casePage.text).toContain(`action="/cases/${kase.id}/stages/knowledge_security/decision"`);
      const decision = { decision: 'approve', rationale: 'Looks fine' };
      const page = await chair.post(
        `/cases/${kase.id}/stages/knowledge_security/decision`,
        decision,
        csrfOf(casePage.text),
      );
      const api = await w.post(w.ksChair, `/cases/${kase.id}/stages/knowledge_security/decision`, decision);
      expect(api.status).toBe(409);
      expect(api.body.code).toBe('QUORUM_NOT_MET');
      expect(page.status).toBe(api.status);
      expect(page.text).toContain('data-error-code="QUORUM_NOT_MET"');
      expect(page.text).toContain('quorum of opinions is not met yet.');
      // The form keeps what was typed.
      expect(page.text).toContain('>Looks fine</textarea>');
      expect((await w.get(w.ksChair, `/cases/${kase.id}`)).body.status).toBe('in_review');
    });

    it('offers an action only to whom the rules allow it, and the service refuses the rest', async () => {
      const kase = await w.inReview(sensitivePartnership());
      const member = await PageSession.signIn(t, w.ksMember.email);
      const before = await member.get(`/cases/${kase.id}`);
      // Not a chair: no decision form; not assigned: no opinion form.
      expect(before.text).not.toContain('/stages/knowledge_security/decision');
      expect(before.text).not.toContain('/stages/knowledge_security/opinions');
      const forced = await member.post(`/cases/${kase.id}/stages/knowledge_security/decision`, {
        decision: 'approve',
        rationale: 'x',
      });
      expect(forced.status).toBe(403);
      expect(forced.text).toContain('data-error-code="CASE_ACTION_FORBIDDEN"');
      const api = await w.post(w.ksMember, `/cases/${kase.id}/stages/knowledge_security/decision`, {
        decision: 'approve',
        rationale: 'x',
      });
      expect(api.body.code).toBe('CASE_ACTION_FORBIDDEN');

      await w.expectOk(
        await w.post(w.ksChair, `/cases/${kase.id}/stages/knowledge_security/reviewers`, {
          reviewerIds: [w.ksMember.id],
        }),
      );
      const assigned = await member.get(`/cases/${kase.id}`);
      expect(assigned.text).toContain('/stages/knowledge_security/opinions');
      const given = await member.post(`/cases/${kase.id}/stages/knowledge_security/opinions`, {
        recommendation: 'approve',
        comment: 'Good',
      });
      expect(given.status).toBe(303);
      expect((await member.get(`/cases/${kase.id}`)).text).not.toContain('/stages/knowledge_security/opinions');
    });

    it('never shows the applicant opinions, reviewer names or screening hits', async () => {
      const kase = await w.inReview(sensitivePartnership({ title: 'Confidential check' }));
      await w.decideStage(kase.id, 'knowledge_security', w.ksChair, w.ksMember2, {
        decision: 'approve',
        rationale: 'Fine',
      });
      const applicant = await PageSession.signIn(t, w.researcher.email);
      const page = (await applicant.get(`/cases/${kase.id}`)).text;
      expect(page).not.toContain(w.ksMember2.name);
      expect(page).not.toContain('Fine by me');
      expect(page).not.toContain('Screening hits');
      const io = await PageSession.signIn(t, w.io.email);
      const ioPage = (await io.get(`/cases/${kase.id}`)).text;
      expect(ioPage).toContain('Screening hits');
      expect(ioPage).toContain(w.ksMember2.name);
    });
  });
});
