import { CaseReadingService } from '../../src/cases/case-reading.service';
import { ReadConnection } from '../../src/database/read-connection';
import { benignPartnership } from '../support/case-world';
import { bearer, TestApp, TestUser } from '../support/test-app';

/**
 * The case list and the case page are kept per user and address while nothing is committed
 * (READ_CACHE_MB), and so is the user behind a token. Two instances on one database: a commit on
 * either shows in the very next read on the other, and a kept answer is byte for byte the fresh one.
 */
describe('Answers kept while nothing changes', () => {
  let a: TestApp;
  let b: TestApp;
  let uncached: TestApp;
  let researcher: TestUser;
  let office: TestUser;

  beforeAll(async () => {
    a = await TestApp.start();
    const database = process.env.DATABASE_URL!;
    b = await TestApp.start({ DATABASE_URL: database });
    uncached = await TestApp.start({ DATABASE_URL: database, READ_CACHE_MB: '0' });
    researcher = await a.createUser(['researcher']);
    office = await a.createUser(['international_office']);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), uncached?.close()]);
  });

  const list = (t: TestApp, user: TestUser) => t.http().get('/api/cases?page=1&pageSize=20').set(bearer(user.token));

  it("shows another instance's commits in the very next read, and each user only their own answer", async () => {
    expect((await list(b, researcher)).body.items).toEqual([]);
    expect((await list(b, researcher)).body.items).toEqual([]);

    const created = await a.http().post('/api/cases').set(bearer(researcher.token)).send(benignPartnership());
    expect(created.status).toBe(201);
    const afterCreate = await list(b, researcher);
    expect(afterCreate.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    expect(afterCreate.body.total).toBe(1);
    // The International Office asks the same address: a draft is not theirs to see.
    expect((await list(b, office)).body.items).toEqual([]);

    const page = `/api/cases/${created.body.id}`;
    expect((await b.http().get(page).set(bearer(researcher.token))).body.title).toBe(created.body.title);
    const renamed = await a.http().patch(page).set(bearer(researcher.token)).send({ title: 'A renamed partnership' });
    expect(renamed.status).toBe(200);
    expect((await b.http().get(page).set(bearer(researcher.token))).body.title).toBe('A renamed partnership');
    expect((await list(b, researcher)).body.items[0].title).toBe('A renamed partnership');

    const submitted = await a.http().post(`${page}/submit`).set(bearer(researcher.token));
    expect(submitted.status).toBe(200);
    expect((await list(b, office)).body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
  });

  it('answers a kept read with the very bytes and headers of a fresh one', async () => {
    const first = await list(b, office);
    const kept = await list(b, office);
    const fresh = await list(uncached, office);
    expect(first.status).toBe(200);
    expect(kept.text).toBe(first.text);
    expect(fresh.text).toBe(first.text);
    expect(kept.headers['content-type']).toBe(fresh.headers['content-type']);
    expect(kept.body.items.length).toBeGreaterThan(0);
  });

  it('refuses the token of a user deactivated on another instance at the very next request', async () => {
    const leaving = await a.createUser(['researcher']);
    expect((await list(b, leaving)).status).toBe(200);
    expect((await b.http().get('/api/auth/me').set(bearer(leaving.token))).status).toBe(200);

    const deactivated = await a
      .http()
      .patch(`/api/users/${leaving.id}`)
      .set(bearer(await a.adminToken()))
      .send({ active: false });
    expect(deactivated.status).toBe(200);
    expect((await list(b, leaving)).status).toBe(401);
  });

  it('reads with the roles a user has now, also when they change on another instance', async () => {
    const moving = await a.createUser(['researcher']);
    expect((await list(b, moving)).body.items).toEqual([]);
    const changed = await a
      .http()
      .patch(`/api/users/${moving.id}`)
      .set(bearer(await a.adminToken()))
      .send({ roles: ['researcher', 'international_office'] });
    expect(changed.status).toBe(200);
    // Now they see the submitted case of the first test.
    expect((await list(b, moving)).body.total).toBeGreaterThan(0);
  });

  it('reads a page once for a burst of requests asking for it at once, and again after a commit', async () => {
    const reading = b.app.get(CaseReadingService);
    const reads = jest.spyOn(reading, 'list');
    // Each burst's requests get the stamp read just before it. On PostgreSQL the snapshot also
    // moves when other databases of the cluster commit (the other test workers'), which would give
    // requests of one burst different stamps; nothing is committed to this database meanwhile.
    const readConnection = b.app.get(ReadConnection);
    const stampsAsOfNow = async () =>
      jest.spyOn(readConnection, 'stampFor').mockResolvedValue(await readConnection.stamp());
    try {
      const reviewer = await a.createUser(['international_office']);
      let stamps = await stampsAsOfNow();
      const burst = await Promise.all(Array.from({ length: 12 }, () => list(b, reviewer)));
      stamps.mockRestore();
      expect(burst.map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(new Set(burst.map((r) => r.text)).size).toBe(1);
      expect(reads).toHaveBeenCalledTimes(1);

      const created = await a.http().post('/api/cases').set(bearer(researcher.token)).send(benignPartnership());
      expect(created.status).toBe(201);
      const submitted = await a.http().post(`/api/cases/${created.body.id}/submit`).set(bearer(researcher.token));
      expect(submitted.status).toBe(200);
      stamps = await stampsAsOfNow();
      const after = await Promise.all(Array.from({ length: 12 }, () => list(b, reviewer)));
      stamps.mockRestore();
      expect(reads).toHaveBeenCalledTimes(2);
      for (const r of after) expect(r.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
    } finally {
      reads.mockRestore();
    }
  });

  it("answers /auth/me with the user's record, and after a change on another instance the changed one", async () => {
    const admin = bearer(await a.adminToken());
    const reviewer = await a.createUser(
      ['reviewer', 'international_office'],
      [
        { committee: 'risk_destinations', chair: false },
        { committee: 'knowledge_security', chair: true },
      ],
      { department: 'Physics', emailNotifications: false, language: 'nl' },
    );
    const record = async () => (await a.http().get(`/api/users/${reviewer.id}`).set(admin)).body;
    const me = () => b.http().get('/api/auth/me').set(bearer(reviewer.token));

    const first = await me();
    expect(first.status).toBe(200);
    expect(first.body).toEqual(await record());
    expect((await me()).text).toBe(first.text);
    expect((await me()).text).toBe((await uncached.http().get('/api/auth/me').set(bearer(reviewer.token))).text);

    const changed = await a
      .http()
      .patch(`/api/users/${reviewer.id}`)
      .set(admin)
      .send({ department: 'Chemistry', emailNotifications: true });
    expect(changed.status).toBe(200);
    const after = await me();
    expect(after.body.department).toBe('Chemistry');
    expect(after.body).toEqual(await record());
  });

  it('still reads every request afresh with READ_CACHE_MB=0, a burst included', async () => {
    const reads = jest.spyOn(uncached.app.get(CaseReadingService), 'list');
    try {
      const burst = await Promise.all(Array.from({ length: 5 }, () => list(uncached, office)));
      expect(burst.map((r) => r.status)).toEqual(Array(5).fill(200));
      expect(reads).toHaveBeenCalledTimes(5);
    } finally {
      reads.mockRestore();
    }
  });
});
