import { DataSource } from 'typeorm';
import { LoginFailure } from '../../src/auth/login-failure.entity';
import { UserIdentity } from '../../src/auth/sign-in/user-identity.entity';
import { Clock } from '../../src/common/clock';
import { User } from '../../src/users/user.entity';
import { ProviderUser, setCookie, TestOidcProvider } from '../support/oidc-test-provider';
import { bearer, PASSWORD, TestApp } from '../support/test-app';

const APP_URL = 'http://review.test';
const CLIENT = {
  client_id: 'partnership-review',
  client_secret: 'a-client-secret-for-the-tests',
  redirect_uris: [`${APP_URL}/api/auth/oidc/callback`],
};

const person = (key: string, extra: Partial<ProviderUser> = {}): ProviderUser => ({
  sub: `sub-${key}`,
  email: `${key}@uni.test`,
  email_verified: true,
  name: `Person ${key}`,
  password: `password-of-${key}`,
  ...extra,
});

// Each test signs in a person of its own: linking is remembered.
const PEOPLE = {
  alice: person('alice'),
  moved: person('moved', { email: 'moved-away@elsewhere.test', email_verified: false }),
  replay: person('replay'),
  audience: person('audience'),
  expired: person('expired'),
  forged: person('forged'),
  state: person('state'),
  unverified: person('unverified', { email_verified: false }),
  inactive: person('inactive'),
  unknown: person('unknown'),
  elsewhere: person('elsewhere'),
  reassigned: person('reassigned'),
  newcomer: person('newcomer'),
  dutchNewcomer: person('dutch-newcomer'),
};

describe('single sign-on with OpenID Connect (e2e, against a real provider)', () => {
  let provider: TestOidcProvider;
  let t: TestApp;

  beforeAll(async () => {
    provider = await TestOidcProvider.start({ clients: [CLIENT], users: Object.values(PEOPLE) });
    t = await TestApp.start({
      APP_URL,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.client_id,
      OIDC_CLIENT_SECRET: CLIENT.client_secret,
      OIDC_AUTO_PROVISION: 'false',
    });
    for (const key of [
      'alice',
      'replay',
      'audience',
      'expired',
      'forged',
      'state',
      'unverified',
      'inactive',
      'elsewhere',
    ])
      await account(PEOPLE[key as keyof typeof PEOPLE].email);
  });

  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  afterEach(() => jest.restoreAllMocks());

  async function account(email: string): Promise<string> {
    const res = await t
      .http()
      .post('/api/users')
      .set(bearer(await t.adminToken()))
      .send({ email, name: `Account ${email}`, password: PASSWORD, roles: ['researcher'] });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function startSignIn(returnTo?: string): Promise<{ authorizationUrl: URL; pending: string }> {
    const res = await t
      .http()
      .get('/api/auth/oidc/login')
      .query(returnTo === undefined ? {} : { returnTo });
    expect(res.status).toBe(302);
    return { authorizationUrl: new URL(res.headers.location), pending: setCookie(res, 'pr_sign_in')!.value };
  }

  function callback(url: URL, pending?: string) {
    const req = t.http().get(`${url.pathname}${url.search}`);
    return pending ? req.set('Cookie', `pr_sign_in=${pending}`) : req;
  }

  /** The whole round trip; answers the application's answer to the callback. */
  async function signIn(who: ProviderUser, returnTo?: string) {
    const { authorizationUrl, pending } = await startSignIn(returnTo);
    return callback(await provider.signIn(authorizationUrl.href, who.email, who.password), pending);
  }

  function expectRefused(
    res: { status: number; body: { code?: string }; headers: Record<string, unknown> },
    code: string,
  ) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code });
    expect(setCookie(res, 'pr_session')).toBeUndefined();
  }

  const db = () => t.app.get(DataSource);

  it('signs in through the provider (code flow with PKCE, state and nonce) and then serves the API on the session cookie', async () => {
    const { authorizationUrl, pending } = await startSignIn('/cases?mine=true');
    expect(authorizationUrl.origin).toBe(provider.issuer);
    expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({
      client_id: CLIENT.client_id,
      response_type: 'code',
      redirect_uri: `${APP_URL}/api/auth/oidc/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });

    const back = await provider.signIn(authorizationUrl.href, PEOPLE.alice.email, PEOPLE.alice.password);
    expect(`${back.origin}${back.pathname}`).toBe(`${APP_URL}/api/auth/oidc/callback`);
    const res = await callback(back, pending);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/cases?mine=true');
    const cookie = setCookie(res, 'pr_session')!;
    expect(cookie.attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']));
    expect(cookie.attributes).not.toContain('Secure');
    const session = `pr_session=${cookie.value}`;

    const described = await t.http().get('/api/auth/session').set('Cookie', session);
    expect(described.status).toBe(200);
    expect(described.body).toEqual({
      user: expect.objectContaining({ email: PEOPLE.alice.email, roles: ['researcher'] }),
      csrfToken: expect.any(String),
      expiresAt: expect.any(String),
    });
    const me = await t.http().get('/api/auth/me').set('Cookie', session);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(PEOPLE.alice.email);

    // An unsafe call with the cookie carries the session's CSRF token.
    const created = await t
      .http()
      .post('/api/cases')
      .set('Cookie', session)
      .set('X-CSRF-Token', described.body.csrfToken)
      .send({
        type: 'partnership',
        title: 'Signed in by single sign-on',
        summary: 'A draft made with the session cookie.',
        partners: [{ name: 'Technische Universität München', country: 'DE', type: 'university' }],
        technologyAreas: [],
        dualUse: { annexICategories: [], militaryEndUse: false, misusePotential: false },
        funding: [],
      });
    expect(created.status).toBe(201);

    // The identity is linked by the provider's subject: the next sign-in finds the same user.
    const identities = await db()
      .getRepository(UserIdentity)
      .find({ where: { subject: PEOPLE.alice.sub } });
    expect(identities).toEqual([expect.objectContaining({ provider: provider.issuer, userId: me.body.id })]);
    const again = await signIn(PEOPLE.alice);
    expect(again.status).toBe(302);
    const secondMe = await t
      .http()
      .get('/api/auth/me')
      .set('Cookie', `pr_session=${setCookie(again, 'pr_session')!.value}`);
    expect(secondMe.body.id).toBe(me.body.id);
  });

  it('once linked, finds the user by subject alone, whatever e-mail the provider now gives', async () => {
    const userId = await account('moved@uni.test');
    await db().getRepository(UserIdentity).insert({
      id: '6a1f7c1e-0000-4000-8000-000000000001',
      userId,
      provider: provider.issuer,
      subject: PEOPLE.moved.sub,
      email: 'moved@uni.test',
      createdAt: t.now(),
      lastSignInAt: t.now(),
    });
    const res = await signIn(PEOPLE.moved);
    expect(res.status).toBe(302);
    const me = await t
      .http()
      .get('/api/auth/me')
      .set('Cookie', `pr_session=${setCookie(res, 'pr_session')!.value}`);
    expect(me.body).toMatchObject({ id: userId, email: 'moved@uni.test' });
  });

  it('refuses a callback with a wrong, missing or unknown state, and without the sign-in cookie', async () => {
    const { authorizationUrl, pending } = await startSignIn();
    const back = await provider.signIn(authorizationUrl.href, PEOPLE.state.email, PEOPLE.state.password);
    const wrong = new URL(back);
    wrong.searchParams.set('state', 'a-state-of-someone-else');
    expectRefused(await callback(wrong, pending), 'SSO_STATE_MISMATCH');
    const missing = new URL(back);
    missing.searchParams.delete('state');
    expectRefused(await callback(missing, pending), 'SSO_STATE_MISMATCH');
    expectRefused(await callback(back), 'SSO_STATE_MISMATCH');
    expectRefused(await callback(back, 'altered.cookie.value'), 'SSO_STATE_MISMATCH');
    // Nothing was linked on the way.
    expect(
      await db()
        .getRepository(UserIdentity)
        .count({ where: { subject: PEOPLE.state.sub } }),
    ).toBe(0);
  });

  it('refuses a replayed authorization code', async () => {
    const { authorizationUrl, pending } = await startSignIn();
    const back = await provider.signIn(authorizationUrl.href, PEOPLE.replay.email, PEOPLE.replay.password);
    expect((await callback(back, pending)).status).toBe(302);
    const replayed = await callback(back, pending);
    expectRefused(replayed, 'SSO_FAILED');
    expect(replayed.body.message).not.toMatch(/invalid_grant|grant|token/i);
  });

  it('refuses an ID token issued for another audience', async () => {
    await provider.changeNextIdToken({ claims: { aud: 'another-client' } });
    expectRefused(await signIn(PEOPLE.audience), 'SSO_FAILED');
    expect(
      await db()
        .getRepository(UserIdentity)
        .count({ where: { subject: PEOPLE.audience.sub } }),
    ).toBe(0);
  });

  it('refuses an ID token that is not signed by the provider', async () => {
    await provider.changeNextIdToken({ foreignKey: true });
    expectRefused(await signIn(PEOPLE.forged), 'SSO_FAILED');
  });

  it('refuses an expired ID token (the application clock is past its expiry)', async () => {
    // The provider's ID tokens live an hour; here the application lives two hours ahead.
    const clock = t.app.get(Clock);
    const realNow = clock.now.bind(clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(realNow().getTime() + 2 * 3600_000));
    expectRefused(await signIn(PEOPLE.expired), 'SSO_FAILED');
    jest.restoreAllMocks();
    // The same person at the right time signs in.
    expect((await signIn(PEOPLE.expired)).status).toBe(302);
  });

  it('does not link by an e-mail address the provider has not verified', async () => {
    expectRefused(await signIn(PEOPLE.unverified), 'SSO_EMAIL_NOT_VERIFIED');
    expect(
      await db()
        .getRepository(UserIdentity)
        .count({ where: { subject: PEOPLE.unverified.sub } }),
    ).toBe(0);
  });

  it('refuses an inactive user, also once linked', async () => {
    const linked = await signIn(PEOPLE.inactive);
    expect(linked.status).toBe(302);
    const session = `pr_session=${setCookie(linked, 'pr_session')!.value}`;
    const me = await t.http().get('/api/auth/me').set('Cookie', session);
    const deactivated = await t
      .http()
      .patch(`/api/users/${me.body.id}`)
      .set(bearer(await t.adminToken()))
      .send({ active: false });
    expect(deactivated.status).toBe(200);
    // The session ends at once, and signing in again is refused.
    expect((await t.http().get('/api/auth/me').set('Cookie', session)).body.code).toBe('SESSION_EXPIRED');
    expectRefused(await signIn(PEOPLE.inactive), 'SSO_NO_ACCOUNT');
  });

  it('does not link by e-mail to a user who already has another identity at the provider', async () => {
    // The address was someone else's at the provider before (their subject is linked): a new
    // person given the same address must not take over the account.
    const userId = await account(PEOPLE.reassigned.email);
    await db().getRepository(UserIdentity).insert({
      id: '6a1f7c1e-0000-4000-8000-000000000002',
      userId,
      provider: provider.issuer,
      subject: 'the-previous-owner',
      email: PEOPLE.reassigned.email,
      createdAt: t.now(),
      lastSignInAt: t.now(),
    });
    expectRefused(await signIn(PEOPLE.reassigned), 'SSO_NO_ACCOUNT');
    expect(await db().getRepository(UserIdentity).count({ where: { userId } })).toBe(1);
  });

  it('gives an unknown person no account without OIDC_AUTO_PROVISION', async () => {
    expectRefused(await signIn(PEOPLE.unknown), 'SSO_NO_ACCOUNT');
    expect(
      await db()
        .getRepository(User)
        .count({ where: { email: PEOPLE.unknown.email } }),
    ).toBe(0);
  });

  it('returns only to a path of this service: another site means /', async () => {
    for (const returnTo of ['https://evil.example/steal', '//evil.example/steal', '/\\evil.example']) {
      const res = await signIn(PEOPLE.elsewhere, returnTo);
      expect({ returnTo, status: res.status, location: res.headers.location }).toEqual({
        returnTo,
        status: 302,
        location: '/',
      });
    }
  });

  it('counts failed callbacks against the address, like failed logins', async () => {
    const failures = db().getRepository(LoginFailure);
    const before = await failures.count();
    const { authorizationUrl } = await startSignIn();
    expectRefused(
      await callback(new URL(`${authorizationUrl.origin}/api/auth/oidc/callback?code=guess&state=guess`)),
      'SSO_STATE_MISMATCH',
    );
    expect(await failures.count()).toBe(before + 1);
  });
});

describe('single sign-on with OIDC_AUTO_PROVISION=true (e2e)', () => {
  let provider: TestOidcProvider;
  let t: TestApp;

  beforeAll(async () => {
    provider = await TestOidcProvider.start({ clients: [CLIENT], users: [PEOPLE.newcomer, PEOPLE.dutchNewcomer] });
    t = await TestApp.start({
      APP_URL,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.client_id,
      OIDC_CLIENT_SECRET: CLIENT.client_secret,
      OIDC_AUTO_PROVISION: 'true',
    });
  });

  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it('gives an unknown person a researcher account without a password; admins manage the rest', async () => {
    const started = await t.http().get('/api/auth/oidc/login');
    const pending = setCookie(started, 'pr_sign_in')!.value;
    const back = await provider.signIn(started.headers.location, PEOPLE.newcomer.email, PEOPLE.newcomer.password);
    const res = await t.http().get(`${back.pathname}${back.search}`).set('Cookie', `pr_sign_in=${pending}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const me = await t
      .http()
      .get('/api/auth/me')
      .set('Cookie', `pr_session=${setCookie(res, 'pr_session')!.value}`);
    expect(me.body).toMatchObject({
      email: PEOPLE.newcomer.email,
      name: PEOPLE.newcomer.name,
      roles: ['researcher'],
      committees: [],
      active: true,
      // Without a locale from the provider: English, and notifications by mail like any new account.
      language: 'en',
      emailNotifications: true,
    });
    // No password: password login is refused like any wrong password.
    for (const password of ['', ' ', PEOPLE.newcomer.password]) {
      const login = await t.http().post('/api/auth/login').send({ email: PEOPLE.newcomer.email, password });
      expect(login.status).toBe(password ? 401 : 400);
    }
  });

  it("gives a new account the language of the provider's locale claim when it is one the application speaks", async () => {
    await provider.changeNextIdToken({ claims: { locale: 'nl-BE' } });
    const started = await t.http().get('/api/auth/oidc/login');
    const pending = setCookie(started, 'pr_sign_in')!.value;
    const back = await provider.signIn(
      started.headers.location,
      PEOPLE.dutchNewcomer.email,
      PEOPLE.dutchNewcomer.password,
    );
    const res = await t.http().get(`${back.pathname}${back.search}`).set('Cookie', `pr_sign_in=${pending}`);
    expect(res.status).toBe(302);
    const me = await t
      .http()
      .get('/api/auth/me')
      .set('Cookie', `pr_session=${setCookie(res, 'pr_session')!.value}`);
    expect(me.body).toMatchObject({ email: PEOPLE.dutchNewcomer.email, language: 'nl', emailNotifications: true });
  });
});
