import { DataSource } from 'typeorm';
import { Session } from '../../src/auth/sessions/session.entity';
import { Clock } from '../../src/common/clock';
import { setCookie } from '../support/oidc-test-provider';
import { ADMIN, bearer, PASSWORD, TestApp, TestUser } from '../support/test-app';

const MINUTE = 60_000;

describe('browser sessions (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2' });
  });

  afterAll(async () => {
    await t.close();
  });

  afterEach(() => jest.restoreAllMocks());

  /** Password login with `session: true`: the session cookie (as a Cookie header) and the session's CSRF token. */
  async function openSession(user: { email: string }, password = PASSWORD): Promise<{ cookie: string; csrf: string }> {
    const res = await t.http().post('/api/auth/login').send({ email: user.email, password, session: true });
    expect(res.status).toBe(200);
    const cookie = `pr_session=${setCookie(res, 'pr_session')!.value}`;
    const session = await t.http().get('/api/auth/session').set('Cookie', cookie);
    expect(session.status).toBe(200);
    return { cookie, csrf: session.body.csrfToken };
  }

  /** Runs the app's clock `ms` ahead of the real one. */
  function clockAhead(ms: number): void {
    jest.restoreAllMocks();
    const clock = t.app.get(Clock);
    const realNow = clock.now.bind(clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(realNow().getTime() + ms));
  }

  const countCases = async (user: TestUser) =>
    (await t.http().get('/api/cases').query({ mine: true }).set(bearer(user.token))).body.total;

  const draft = {
    type: 'partnership',
    title: 'A draft made in a browser',
    summary: 'Made with the session cookie.',
    partners: [{ name: 'Universiteit Gent', country: 'BE', type: 'university' }],
    technologyAreas: [],
    dualUse: { annexICategories: [], militaryEndUse: false, misusePotential: false },
    funding: [],
  };

  it('opens a session at password login with session: true, keeping the token answer as it was', async () => {
    const user = await t.createUser(['researcher']);
    const res = await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD, session: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    const cookie = setCookie(res, 'pr_session')!;
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=7200']));
    expect(cookie.attributes).not.toContain('Secure');
    // Without `session`, no cookie.
    const plain = await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD });
    expect(setCookie(plain, 'pr_session')).toBeUndefined();

    const session = await t.http().get('/api/auth/session').set('Cookie', `pr_session=${cookie.value}`);
    expect(session.status).toBe(200);
    expect(session.body).toEqual({
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        department: null,
        roles: ['researcher'],
        committees: [],
        active: true,
        language: 'en',
        emailNotifications: true,
      },
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
      expiresAt: expect.any(String),
    });
    // Only a hash of the cookie's secret is stored.
    const rows = await t.app
      .get(DataSource)
      .getRepository(Session)
      .find({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(cookie.value);
    expect(JSON.stringify(rows)).not.toContain(session.body.csrfToken);
  });

  it('answers GET /api/auth/session with 401 without a live session', async () => {
    const user = await t.createUser(['council']);
    expect((await t.http().get('/api/auth/session')).body.code).toBe('NOT_AUTHENTICATED');
    expect((await t.http().get('/api/auth/session').set(bearer(user.token))).body).toMatchObject({
      statusCode: 401,
      code: 'NOT_AUTHENTICATED',
    });
    const unknown = await t
      .http()
      .get('/api/auth/session')
      .set('Cookie', `pr_session=${'x'.repeat(43)}`);
    expect(unknown.body).toMatchObject({ statusCode: 401, code: 'SESSION_EXPIRED' });
  });

  it('accepts the cookie instead of the bearer token on every route, with the same permissions', async () => {
    const researcher = await t.createUser(['researcher']);
    const { cookie } = await openSession(researcher);
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).body.id).toBe(researcher.id);
    expect((await t.http().get('/api/cases').set('Cookie', cookie)).status).toBe(200);
    expect((await t.http().get('/api/users').set('Cookie', cookie)).body.code).toBe('FORBIDDEN');
    const admin = await openSession(ADMIN, ADMIN.password);
    expect((await t.http().get('/api/users').set('Cookie', admin.cookie)).status).toBe(200);
  });

  it('refuses a forged cross-site POST (the cookie without the CSRF token) with 403, and changes nothing', async () => {
    const researcher = await t.createUser(['researcher']);
    const { cookie, csrf } = await openSession(researcher);
    const other = await openSession(await t.createUser(['researcher']));

    const noToken = await t.http().post('/api/cases').set('Cookie', cookie).send(draft);
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('CSRF_TOKEN_INVALID');
    for (const token of ['', 'forged', csrf.slice(0, -1), other.csrf]) {
      const res = await t.http().post('/api/cases').set('Cookie', cookie).set('X-CSRF-Token', token).send(draft);
      expect({ token, status: res.status, code: res.body.code }).toEqual({
        token,
        status: 403,
        code: 'CSRF_TOKEN_INVALID',
      });
    }
    // Nor PATCH or DELETE-style changes: the admin's session cannot be made to deactivate anyone.
    const admin = await openSession(ADMIN, ADMIN.password);
    const patch = await t
      .http()
      .patch(`/api/users/${researcher.id}`)
      .set('Cookie', admin.cookie)
      .send({ active: false });
    expect(patch.body.code).toBe('CSRF_TOKEN_INVALID');
    expect(await countCases(researcher)).toBe(0);
    expect((await t.http().get('/api/auth/me').set(bearer(researcher.token))).body.active).toBe(true);

    // With its token the same request goes through; reading needs none.
    const created = await t.http().post('/api/cases').set('Cookie', cookie).set('X-CSRF-Token', csrf).send(draft);
    expect(created.status).toBe(201);
    expect(await countCases(researcher)).toBe(1);
  });

  it('leaves bearer requests as they were: no CSRF token, and a cookie beside the bearer token is ignored', async () => {
    const researcher = await t.createUser(['researcher']);
    const { cookie } = await openSession(researcher);
    expect((await t.http().post('/api/cases').set(bearer(researcher.token)).send(draft)).status).toBe(201);
    const both = await t.http().post('/api/cases').set(bearer(researcher.token)).set('Cookie', cookie).send(draft);
    expect(both.status).toBe(201);
  });

  it('ends the session at logout (which needs the CSRF token while the session lives)', async () => {
    const user = await t.createUser(['leadership']);
    const { cookie, csrf } = await openSession(user);
    const forged = await t.http().post('/api/auth/logout').set('Cookie', cookie);
    expect(forged.body.code).toBe('CSRF_TOKEN_INVALID');
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);

    const res = await t.http().post('/api/auth/logout').set('Cookie', cookie).set('X-CSRF-Token', csrf);
    expect(res.status).toBe(204);
    const cleared = setCookie(res, 'pr_session')!;
    expect(cleared.value).toBe('');
    expect(cleared.attributes.some((a) => /^Expires=Thu, 01 Jan 1970/.test(a) || a === 'Max-Age=0')).toBe(true);
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).body.code).toBe('SESSION_EXPIRED');
    // A dead cookie is just cleared; so is nothing at all.
    expect((await t.http().post('/api/auth/logout').set('Cookie', cookie)).status).toBe(204);
    expect((await t.http().post('/api/auth/logout')).status).toBe(204);
    // The bearer token lives on: logout ends the browser session only.
    expect((await t.http().get('/api/auth/me').set(bearer(user.token))).status).toBe(200);
  });

  it('ends every session of a user who is deactivated, at once', async () => {
    const user = await t.createUser(['researcher']);
    const first = await openSession(user);
    const second = await openSession(user);
    await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(await t.adminToken()))
      .send({ active: false })
      .expect(200);
    for (const { cookie } of [first, second])
      expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).body.code).toBe('SESSION_EXPIRED');
    await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(await t.adminToken()))
      .send({ active: true })
      .expect(200);
    // Reactivation does not bring the old sessions back.
    expect((await t.http().get('/api/auth/me').set('Cookie', first.cookie)).status).toBe(401);
  });

  it('ends every session at a password change, by the user or by an admin', async () => {
    const user = await t.createUser(['researcher']);
    const browser = await openSession(user);
    const changed = await t
      .http()
      .post('/api/auth/password')
      .set('Cookie', browser.cookie)
      .set('X-CSRF-Token', browser.csrf)
      .send({ currentPassword: PASSWORD, newPassword: 'a-new-long-password' });
    expect(changed.status).toBe(204);
    expect((await t.http().get('/api/auth/me').set('Cookie', browser.cookie)).body.code).toBe('SESSION_EXPIRED');

    const next = await openSession(user, 'a-new-long-password');
    await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(await t.adminToken()))
      .send({ password: 'reset-by-the-admin-1' })
      .expect(200);
    expect((await t.http().get('/api/auth/me').set('Cookie', next.cookie)).body.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session after SESSION_IDLE_MINUTES without a request', async () => {
    const user = await t.createUser(['council']);
    const { cookie } = await openSession(user);
    clockAhead(29 * MINUTE);
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    // That request pushed the idle end forward: 29 more minutes are fine, 31 without a request are not.
    clockAhead(58 * MINUTE);
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    clockAhead(89 * MINUTE);
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).body.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session SESSION_ABSOLUTE_HOURS after sign-in, however active', async () => {
    const user = await t.createUser(['council']);
    const { cookie } = await openSession(user);
    for (const minutes of [25, 50, 75, 100, 119]) {
      clockAhead(minutes * MINUTE);
      expect({ minutes, status: (await t.http().get('/api/auth/me').set('Cookie', cookie)).status }).toEqual({
        minutes,
        status: 200,
      });
    }
    const expiresAt = new Date((await t.http().get('/api/auth/session').set('Cookie', cookie)).body.expiresAt);
    clockAhead(121 * MINUTE);
    expect(expiresAt.getTime()).toBeLessThanOrEqual(t.app.get(Clock).now().getTime());
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).body.code).toBe('SESSION_EXPIRED');
  });

  it('writes the idle expiry at most once a minute', async () => {
    const user = await t.createUser(['council']);
    const { cookie } = await openSession(user);
    const sessions = t.app.get(DataSource).getRepository(Session);
    const lastSeen = async () => (await sessions.findOneByOrFail({ userId: user.id })).lastSeenAt.getTime();
    const opened = await lastSeen();
    for (let i = 0; i < 5; i++) await t.http().get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(await lastSeen()).toBe(opened);
    clockAhead(2 * MINUTE);
    await t.http().get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(await lastSeen()).toBeGreaterThanOrEqual(opened + 2 * MINUTE - 1000);
  });
});

describe('browser sessions behind https (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ APP_URL: 'https://review.uni.example' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('marks the session cookie Secure when APP_URL is https', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: ADMIN.email, password: ADMIN.password, session: true });
    expect(setCookie(res, 'pr_session')!.attributes).toEqual(
      expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax']),
    );
  });
});
