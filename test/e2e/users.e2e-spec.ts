import { bearer, TestApp, TestUser } from '../support/test-app';

/** Fails the test if any key in the response, at any depth, looks like a password or its hash. */
function expectNoSecrets(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/password|hash|\$argon2/i);
}

describe('users (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let researcher: TestUser;
  let io: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    researcher = await t.createUser(['researcher']);
    io = await t.createUser(['international_office']);
  });

  afterAll(async () => {
    await t.close();
  });

  const userCount = async () => (await t.http().get('/api/users').set(bearer(admin))).body.total as number;

  it('lets the admin create a user with roles and committee memberships, never showing the password', async () => {
    const res = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({
        email: 'Prof.Jansen@Test.Example',
        name: 'Prof. Jansen',
        password: 'correct-horse-battery',
        department: 'Physics',
        roles: ['researcher', 'reviewer'],
        committees: [
          { committee: 'knowledge_security', chair: true },
          { committee: 'dual_use_ethics', chair: false },
        ],
      });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'prof.jansen@test.example',
      name: 'Prof. Jansen',
      department: 'Physics',
      roles: ['researcher', 'reviewer'],
      committees: [
        { committee: 'dual_use_ethics', chair: false },
        { committee: 'knowledge_security', chair: true },
      ],
      active: true,
      language: 'en',
      emailNotifications: true,
    });
    expectNoSecrets(res.body);

    const read = await t.http().get(`/api/users/${res.body.id}`).set(bearer(admin));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    expect(await t.login('prof.jansen@test.example', 'correct-horse-battery')).toEqual(expect.any(String));
  });

  it('answers 409 for a taken e-mail, in any letter case', async () => {
    const before = await userCount();
    const res = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({
        email: researcher.email.toUpperCase(),
        name: 'Twin',
        password: 'a-long-enough-password',
        roles: ['researcher'],
      });
    expect(res.status).toBe(409);
    expect(await userCount()).toBe(before);
  });

  it('lists users paginated, without secrets', async () => {
    const res = await t.http().get('/api/users?page=1&pageSize=2').set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
    expect(res.body.items).toHaveLength(2);
    expect(res.body.total).toBeGreaterThanOrEqual(4);
    expectNoSecrets(res.body);
    const page2 = await t.http().get('/api/users?page=2&pageSize=2').set(bearer(admin));
    expect(page2.body.items.map((u: { id: string }) => u.id)).not.toContain(res.body.items[0].id);
  });

  it.each([
    ['pageSize above 100', '?pageSize=101', 'pageSize'],
    ['pageSize zero', '?pageSize=0', 'pageSize'],
    ['page not a number', '?page=abc', 'page'],
  ])('rejects %s with a 400 naming the field', async (_label, query, field) => {
    const res = await t.http().get(`/api/users${query}`).set(bearer(admin));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
  });

  it.each([
    ['a missing email', { name: 'X', password: 'a-long-enough-password', roles: ['researcher'] }, 'email'],
    ['a short password', { email: 'x1@test.example', name: 'X', password: 'short', roles: ['researcher'] }, 'password'],
    [
      'an unknown role',
      { email: 'x2@test.example', name: 'X', password: 'a-long-enough-password', roles: ['superuser'] },
      'roles',
    ],
    [
      'an unknown field',
      { email: 'x3@test.example', name: 'X', password: 'a-long-enough-password', roles: ['researcher'], isAdmin: true },
      'isAdmin',
    ],
    [
      'a bad committee entry',
      {
        email: 'x4@test.example',
        name: 'X',
        password: 'a-long-enough-password',
        roles: ['reviewer'],
        committees: [{ committee: 'knowledge_security', chair: 'yes' }],
      },
      'committees.0.chair',
    ],
    [
      'committees without the reviewer role',
      {
        email: 'x5@test.example',
        name: 'X',
        password: 'a-long-enough-password',
        roles: ['researcher'],
        committees: [{ committee: 'knowledge_security', chair: false }],
      },
      'committees',
    ],
    [
      'an unknown committee',
      {
        email: 'x6@test.example',
        name: 'X',
        password: 'a-long-enough-password',
        roles: ['reviewer'],
        committees: [{ committee: 'no_such_committee', chair: false }],
      },
      'committee',
    ],
  ])('rejects %s with a 400 naming the field, and stores nothing', async (_label, body, field) => {
    const before = await userCount();
    const res = await t.http().post('/api/users').set(bearer(admin)).send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(JSON.stringify(res.body.message)).toContain(field);
    expect(await userCount()).toBe(before);
  });

  it('answers malformed JSON with 400 and a body over 1 MiB with 413', async () => {
    const malformed = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400 });
    const big = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({
        email: 'big@test.example',
        name: 'x'.repeat(1024 * 1024 + 10),
        password: 'a-long-enough-password',
        roles: ['researcher'],
      });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ statusCode: 413 });
  });

  it('refuses user management to everyone but the admin (403)', async () => {
    for (const token of [researcher.token, io.token]) {
      const refused = await t.http().get('/api/users').set(bearer(token));
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        statusCode: 403,
        message: expect.any(String),
        error: 'Forbidden',
        code: 'FORBIDDEN',
      });
      expect(
        (
          await t
            .http()
            .post('/api/users')
            .set(bearer(token))
            .send({ email: 'y@test.example', name: 'Y', password: 'a-long-enough-password', roles: ['admin'] })
        ).status,
      ).toBe(403);
      expect(
        (
          await t
            .http()
            .patch(`/api/users/${researcher.id}`)
            .set(bearer(token))
            .send({ roles: ['admin'] })
        ).status,
      ).toBe(403);
    }
    const me = await t.http().get(`/api/users/${researcher.id}`).set(bearer(researcher.token));
    expect(me.body.roles).toEqual(['researcher']);
  });

  it('lets a user read themself, and answers 404 for anyone else', async () => {
    const self = await t.http().get(`/api/users/${researcher.id}`).set(bearer(researcher.token));
    expect(self.status).toBe(200);
    expect(self.body.email).toBe(researcher.email);
    expectNoSecrets(self.body);
    expect((await t.http().get(`/api/users/${io.id}`).set(bearer(researcher.token))).status).toBe(404);
  });

  it('answers 404 for an unknown id and 400 for one that is not a UUID', async () => {
    expect((await t.http().get('/api/users/00000000-0000-4000-8000-000000000000').set(bearer(admin))).status).toBe(404);
    expect((await t.http().get('/api/users/not-a-uuid').set(bearer(admin))).status).toBe(400);
    expect(
      (await t.http().patch('/api/users/00000000-0000-4000-8000-000000000000').set(bearer(admin)).send({ name: 'X' }))
        .status,
    ).toBe(404);
  });

  it('updates roles and committees; dropping the reviewer role ends the memberships', async () => {
    const reviewer = await t.createUser(['reviewer'], [{ committee: 'risk_destinations', chair: false }]);
    const promoted = await t
      .http()
      .patch(`/api/users/${reviewer.id}`)
      .set(bearer(admin))
      .send({ committees: [{ committee: 'risk_destinations', chair: true }], department: 'Law' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({
      department: 'Law',
      committees: [{ committee: 'risk_destinations', chair: true }],
    });
    const dropped = await t
      .http()
      .patch(`/api/users/${reviewer.id}`)
      .set(bearer(admin))
      .send({ roles: ['researcher'] });
    expect(dropped.status).toBe(200);
    expect(dropped.body).toMatchObject({ roles: ['researcher'], committees: [] });
    const me = await t.http().get('/api/auth/me').set(bearer(reviewer.token));
    expect(me.body.roles).toEqual(['researcher']);
  });

  it.each([['name'], ['roles'], ['committees'], ['active'], ['password']])(
    'refuses an update that sets %s to null with a 400 naming it, and changes nothing',
    async (field) => {
      const user = await t.createUser(['reviewer'], [{ committee: 'risk_destinations', chair: false }]);
      const before = (await t.http().get(`/api/users/${user.id}`).set(bearer(admin))).body;
      const res = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(bearer(admin))
        .send({ [field]: null });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
      expect((await t.http().get(`/api/users/${user.id}`).set(bearer(admin))).body).toEqual(before);
      expect((await t.http().get('/api/auth/me').set(bearer(user.token))).status).toBe(200);
    },
  );

  it('keeps at least one active admin (409)', async () => {
    const me = await t.http().get('/api/auth/me').set(bearer(admin));
    const res = await t.http().patch(`/api/users/${me.body.id}`).set(bearer(admin)).send({ active: false });
    expect(res.status).toBe(409);
    expect((await t.http().get('/api/auth/me').set(bearer(admin))).status).toBe(200);
  });

  it('gives the admin no access to reference data edits (separation of duties)', async () => {
    const res = await t.http().put('/api/countries/NL').set(bearer(admin)).send({ travelAdvice: 2, reason: 'test' });
    expect(res.status).toBe(403);
  });
});
