import { DataSource } from 'typeorm';
import { Report } from '../../src/reports/report.entity';
import { bearer, TestApp, TestUser } from '../support/test-app';

/**
 * Regression tests for what a hostile-input campaign found: requests that answered 500, or that
 * stored something that could no longer be served. Each must now be a clear 4xx with a code.
 */
describe('hostile input (e2e)', () => {
  let t: TestApp;
  let io: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    io = await t.createUser(['international_office']);
  });

  afterAll(async () => {
    await t.close();
  });

  const nested = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

  it('refuses deeply nested JSON with 400 BODY_TOO_DEEP, without signing in', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(`{"email": ${nested(2000)}, "password": "x"}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'BODY_TOO_DEEP', error: 'Bad Request' });
  });

  it('refuses deeply nested JSON on signed-in routes too', async () => {
    const res = await t
      .http()
      .post('/api/cases')
      .set(bearer(io.token))
      .set('content-type', 'application/json')
      .send(`{"title": ${nested(5000)}}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BODY_TOO_DEEP');
  });

  it('still reads ordinary nesting, and brackets inside strings do not count', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'nobody@test.example', password: '['.repeat(100) }));
    expect(res.status).toBe(401);
  });

  it.each(['/api/cases?page=1e20', '/api/users?page=1e20', '/api/reports?page=500000000000000000'])(
    'answers a huge page number in %s with 400 naming page',
    async (path) => {
      const admin = await t.adminToken();
      const res = await t
        .http()
        .get(path)
        .set(bearer(path.startsWith('/api/users') ? admin : io.token));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.message)).toContain('page');
    },
  );

  it('refuses a report period outside the years 1900-2999 or longer than 10 years, storing nothing', async () => {
    for (const period of [
      { from: '1970-01-01', to: '9999-12-31' },
      { from: '2000-01-01', to: '2025-12-31' },
    ]) {
      const res = await t
        .http()
        .post('/api/reports')
        .set(bearer(io.token))
        .send({ ...period, language: 'en' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const list = await t.http().get('/api/reports').set(bearer(io.token));
    expect(list.body.total).toBe(0);
  });

  it('renders a report stored before periods were bounded', async () => {
    const made = await t
      .http()
      .post('/api/reports')
      .set(bearer(io.token))
      .send({ from: '2025-01-01', to: '2025-12-31', language: 'en' });
    expect(made.status).toBe(201);
    // What the unbounded period 1970-01-01..9999-12-31 stored: a previous period in year -6060.
    const reports = t.app.get(DataSource).getRepository(Report);
    const stored = await reports.findOneByOrFail({ id: made.body.id });
    stored.data = { ...stored.data, previous: { ...stored.data.previous, from: '-006060-01', to: '1969-12-31' } };
    await reports.save(stored);
    for (const format of ['html', 'markdown']) {
      const res = await t.http().get(`/api/reports/${made.body.id}/${format}`).set(bearer(io.token));
      expect(res.status).toBe(200);
      expect(res.text).toContain('-006060-01');
    }
  });
});
