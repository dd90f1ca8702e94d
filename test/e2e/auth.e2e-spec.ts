import { JwtService } from '@nestjs/jwt';
import { ADMIN, bearer, PASSWORD, TestApp } from '../support/test-app';

describe('auth (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });

  afterAll(async () => {
    await t.close();
  });

  it('reports health once the database answers', async () => {
    const res = await t.http().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD, who can log in', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: ADMIN.email, password: ADMIN.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    const me = await t.http().get('/api/auth/me').set(bearer(res.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: ADMIN.email, roles: ['admin'], committees: [], active: true });
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    const wrongPassword = await t
      .http()
      .post('/api/auth/login')
      .send({ email: ADMIN.email, password: 'not-the-password' });
    const unknownEmail = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@test.example', password: 'not-the-password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body.accessToken).toBeUndefined();
  });

  it('refuses requests without a valid bearer token', async () => {
    expect((await t.http().get('/api/auth/me')).status).toBe(401);
    expect((await t.http().get('/api/auth/me').set(bearer('not.a.token'))).status).toBe(401);
    expect((await t.http().get('/api/countries').set('Authorization', 'Basic abc')).status).toBe(401);
  });

  it('answers 429 after 10 failed logins for one e-mail, even with the right password', async () => {
    const user = await t.createUser(['researcher']);
    for (let i = 0; i < 10; i++) {
      expect(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ email: user.email, password: `wrong-${i}` })
        ).status,
      ).toBe(401);
    }
    const blocked = await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    // Other accounts are not affected by this e-mail's failures, and tokens keep working.
    expect((await t.http().get('/api/auth/me').set(bearer(user.token))).status).toBe(200);
    expect((await t.http().post('/api/auth/login').send({ email: ADMIN.email, password: ADMIN.password })).status).toBe(
      200,
    );
  });

  it('does not throttle successful logins', async () => {
    const user = await t.createUser(['council']);
    for (let i = 0; i < 15; i++) {
      expect((await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(200);
    }
  });

  it('refuses an expired token, also one that was accepted a moment before', async () => {
    const user = await t.createUser(['researcher']);
    const { ver } = JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString()) as { ver: number };
    // jsonwebtoken signs and checks expiry in whole seconds of the system clock (epoch time, not
    // the application's clock, the day or the time zone), from the second it was signed in: three
    // seconds leave at least two for the first request, on a busy machine too. The wait below runs
    // on that same clock to the token's own expiry.
    const shortLived = await t.app.get(JwtService).signAsync({ sub: user.id, ver }, { expiresIn: 3 });
    expect((await t.http().get('/api/auth/me').set(bearer(shortLived))).status).toBe(200);
    const { exp } = JSON.parse(Buffer.from(shortLived.split('.')[1], 'base64url').toString()) as { exp: number };
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 100));
    const expired = await t.http().get('/api/auth/me').set(bearer(shortLived));
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('TOKEN_INVALID');
  });

  it('revokes the tokens of a deactivated user at once, and refuses their login', async () => {
    const user = await t.createUser(['researcher']);
    expect((await t.http().get('/api/auth/me').set(bearer(user.token))).status).toBe(200);

    const res = await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(await t.adminToken()))
      .send({ active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);

    expect((await t.http().get('/api/auth/me').set(bearer(user.token))).status).toBe(401);
    expect((await t.http().get('/api/countries').set(bearer(user.token))).status).toBe(401);
    expect((await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(401);

    // Reactivation lets them log in again, but the old token stays dead.
    await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(await t.adminToken()))
      .send({ active: true });
    expect((await t.http().get('/api/auth/me').set(bearer(user.token))).status).toBe(401);
    const fresh = await t.login(user.email, PASSWORD);
    expect((await t.http().get('/api/auth/me').set(bearer(fresh))).status).toBe(200);
  });

  it('refuses tokens issued before a password change', async () => {
    const user = await t.createUser(['reviewer'], [{ committee: 'dual_use_ethics', chair: false }]);
    const wrong = await t
      .http()
      .post('/api/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: 'nope', newPassword: 'another-long-password' });
    expect(wrong.status).toBe(401);
    const changed = await t
      .http()
      .post('/api/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: PASSWORD, newPassword: 'another-long-password' });
    expect(changed.status).toBe(204);
    expect((await t.http().get('/api/auth/me').set(bearer(user.token))).status).toBe(401);
    expect((await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(401);
    expect(await t.login(user.email, 'another-long-password')).toEqual(expect.any(String));
  });

  it('refuses tokens issued before an admin resets the password', async () => {
    const user = await t.createUser(['leadership']);
    const res = await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(await t.adminToken()))
      .send({ password: 'reset-by-the-admin-1' });
    expect(res.status).toBe(200);
    expect((await t.http().get('/api/auth/me').set(bearer(user.token))).status).toBe(401);
    expect(await t.login(user.email, 'reset-by-the-admin-1')).toEqual(expect.any(String));
  });
});

describe('auth without single sign-on configured (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 404 on the single sign-on routes', async () => {
    for (const path of ['/api/auth/oidc/login?returnTo=/cases', '/api/auth/oidc/callback?code=x&state=y']) {
      const res = await t.http().get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 404, code: 'SSO_DISABLED' });
    }
  });
});

describe('auth with PASSWORD_LOGIN=false (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ PASSWORD_LOGIN: 'false' });
  });

  afterAll(async () => {
    await t.close();
    delete process.env.PASSWORD_LOGIN;
  });

  it('leaves password login to admins; others get a clear refusal, but only with the right password', async () => {
    // createUser logs the new user in, which is refused here: make the account directly.
    const created = await t
      .http()
      .post('/api/users')
      .set(bearer(await t.adminToken()))
      .send({ email: 'staff@test.example', name: 'Staff', password: PASSWORD, roles: ['international_office'] });
    expect(created.status).toBe(201);

    const admin = await t
      .http()
      .post('/api/auth/login')
      .send({ email: ADMIN.email, password: ADMIN.password, session: true });
    expect(admin.status).toBe(200);
    const staff = await t.http().post('/api/auth/login').send({ email: 'staff@test.example', password: PASSWORD });
    expect(staff.status).toBe(403);
    expect(staff.body.code).toBe('PASSWORD_LOGIN_DISABLED');
    expect(staff.body.accessToken).toBeUndefined();
    // A wrong password gets the usual answer, so the refusal tells nothing to someone guessing.
    const wrong = await t.http().post('/api/auth/login').send({ email: 'staff@test.example', password: 'not-it' });
    expect(wrong.body.code).toBe('LOGIN_FAILED');
  });
});
