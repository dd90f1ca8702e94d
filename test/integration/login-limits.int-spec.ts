import { DataSource } from 'typeorm';
import { LoginFailure } from '../../src/auth/login-failure.entity';
import {
  LoginLimiter,
  LOGIN_WINDOW_MS,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_EMAIL,
} from '../../src/auth/login-limiter';
import { bearer, PASSWORD, TestApp } from '../support/test-app';

describe('login limits on the real database', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });

  afterAll(async () => {
    await t.close();
  });

  // Every test starts from no recorded failures (all requests come from the same test address).
  beforeEach(async () => {
    await t.app.get(DataSource).getRepository(LoginFailure).clear();
  });

  it('answers 429 to every login from an address after 100 failures from it, whatever the e-mail', async () => {
    const user = await t.createUser(['researcher']);
    const limiter = t.app.get(LoginLimiter);
    // 99 failures from this address for many e-mails (as a password-spraying attacker would make) ...
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS - 1; i++)
      await limiter.recordFailure(`victim-${i}@test.example`, '127.0.0.1');
    // ... the 100th through HTTP is still a 401, and from then on even a correct login is refused.
    expect(
      (await t.http().post('/api/auth/login').send({ email: 'one-more@test.example', password: 'guess' })).status,
    ).toBe(401);
    const blocked = await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    // Tokens already issued keep working: the limit protects login, not normal use.
    expect((await t.http().get('/api/auth/me').set(bearer(user.token))).status).toBe(200);
  });

  it('counts only failures within the 15-minute window', async () => {
    const limiter = t.app.get(LoginLimiter);
    const longAgo = new Date(t.now().getTime() - LOGIN_WINDOW_MS - 60_000);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++)
      await limiter.recordFailure('old@test.example', '10.0.0.9', longAgo);
    await expect(limiter.assertAllowed('old@test.example', '10.0.0.9')).resolves.toBeUndefined();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await limiter.recordFailure('recent@test.example', '10.0.0.9');
    await expect(limiter.assertAllowed('recent@test.example', '10.0.0.10')).rejects.toMatchObject({ status: 429 });
    await expect(limiter.assertAllowed('other@test.example', '10.0.0.9')).resolves.toBeUndefined();
  });

  it('holds the per-email limit against a burst of parallel guesses', async () => {
    const user = await t.createUser(['researcher']);
    const guesses = await Promise.all(
      Array.from({ length: 4 * MAX_FAILURES_PER_EMAIL }, (_, i) =>
        t
          .http()
          .post('/api/auth/login')
          .send({ email: user.email, password: `guess-${i}` }),
      ),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES_PER_EMAIL);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3 * MAX_FAILURES_PER_EMAIL);
    expect((await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(429);
  });

  it('holds the per-address limit against a burst of guesses at many e-mails', async () => {
    const burst = MAX_FAILURES_PER_ADDRESS + 20;
    const guesses = await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        t
          .http()
          .post('/api/auth/login')
          .send({ email: `sprayed-${i}@test.example`, password: 'guess' }),
      ),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES_PER_ADDRESS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(burst - MAX_FAILURES_PER_ADDRESS);
  });

  it('counts wrong current passwords at a password change like failed logins: 429 after 10', async () => {
    const user = await t.createUser(['researcher']);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await t
        .http()
        .post('/api/auth/password')
        .set(bearer(user.token))
        .send({ currentPassword: `guess-${i}`, newPassword: 'a-new-long-enough-password' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([
      ...Array(MAX_FAILURES_PER_EMAIL).fill(401),
      ...Array(25 - MAX_FAILURES_PER_EMAIL).fill(429),
    ]);
    // Even the right password is refused now, and the limit is that of the login: it is closed too.
    const right = await t
      .http()
      .post('/api/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: PASSWORD, newPassword: 'a-new-long-enough-password' });
    expect(right.body.code).toBe('LOGIN_RATE_LIMITED');
    expect((await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD })).status).toBe(429);
    // The failures were recorded for the user's e-mail and the address.
    const failures = await t.app.get(DataSource).getRepository(LoginFailure).find();
    expect(failures).toHaveLength(MAX_FAILURES_PER_EMAIL);
    expect(new Set(failures.map((f) => `${f.email} ${f.ip}`))).toEqual(new Set([`${user.email} 127.0.0.1`]));
  });

  it('counts wrong current passwords against the address too', async () => {
    const user = await t.createUser(['researcher']);
    const limiter = t.app.get(LoginLimiter);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++)
      await limiter.recordFailure(`sprayed-${i}@test.example`, '127.0.0.1');
    const res = await t
      .http()
      .post('/api/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: PASSWORD, newPassword: 'a-new-long-enough-password' });
    expect(res.status).toBe(429);
  });

  it('does not count successful logins, also when they run in parallel', async () => {
    const user = await t.createUser(['researcher']);
    const logins = await Promise.all(
      Array.from({ length: 2 * MAX_FAILURES_PER_EMAIL }, () =>
        t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD }),
      ),
    );
    expect(logins.map((r) => r.status)).toEqual(logins.map(() => 200));
    // Nothing was recorded for them.
    expect(await t.app.get(DataSource).getRepository(LoginFailure).count()).toBe(0);
  });
});

describe('login limits behind a reverse proxy (TRUST_PROXY)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ TRUST_PROXY: 'loopback' });
  });

  afterAll(async () => {
    await t.close();
    delete process.env.TRUST_PROXY;
  });

  it('limits the client address the proxy forwards, not the proxy itself', async () => {
    const user = await t.createUser(['researcher']);
    const limiter = t.app.get(LoginLimiter);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++)
      await limiter.recordFailure(`sprayed-${i}@test.example`, '203.0.113.7');
    const login = (client: string) =>
      t.http().post('/api/auth/login').set('X-Forwarded-For', client).send({ email: user.email, password: PASSWORD });
    expect((await login('203.0.113.7')).status).toBe(429);
    expect((await login('203.0.113.8')).status).toBe(200);
  });
});
