import { seedDemo } from '../../scripts/seed-demo';
import { CASE_STATUSES } from '../../src/domain/case.types';
import { TestApp } from '../support/test-app';

describe('npm run seed:demo (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates users for every role who can log in, and cases in every status; a second run does nothing', async () => {
    const users = await seedDemo(t.app);
    expect(users).not.toBeNull();
    const roles = new Set(users!.flatMap(([, , r]) => r.split(/[ ,()]+/)));
    for (const role of ['researcher', 'reviewer', 'international_office', 'leadership', 'council', 'admin'])
      expect(roles).toContain(role);

    const io = users!.find(([email]) => email.startsWith('io@'))!;
    const researcher = users!.find(([email]) => email.startsWith('researcher@'))!;
    const ioToken = await t.login(io[0], io[1]);
    const researcherToken = await t.login(researcher[0], researcher[1]);
    const seen = new Set<string>();
    for (const token of [ioToken, researcherToken]) {
      const res = await t.http().get('/api/cases?pageSize=100').set('Authorization', `Bearer ${token}`);
      for (const c of res.body.items) seen.add(c.status);
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
    expect(await seedDemo(t.app)).toBeNull();
  });
});
