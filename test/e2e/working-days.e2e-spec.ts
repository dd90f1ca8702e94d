import { CaseWorld, riskyMobility, sensitivePartnership } from '../support/case-world';
import { conformanceProblems, OpenApiDocument, responseSchema } from '../support/openapi-conformance';
import { bearer, TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;

/**
 * Due dates count working days in Brussels: weekends, Belgian public holidays and the closure days
 * the International Office keeps. This suite holds the clock on Wednesday 23 December 2026, 16:00
 * in Brussels, so that the year change, Christmas and New Year lie ahead.
 */
describe('working days and closure days (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  let document: OpenApiDocument;

  beforeAll(async () => {
    t = await TestApp.start({ TEST_CLOCK_START: '2026-12-23T16:00:00+01:00' });
    w = await CaseWorld.create(t);
    document = (await t.http().get('/api/docs-json')).body;
  });

  afterAll(async () => {
    await t.close();
  });

  const CLOSURES = ['2026-12-24', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'];

  it('lets the International Office keep closure days, and everyone read them', async () => {
    for (const date of CLOSURES) {
      const res = await w.expectOk(
        await t
          .http()
          .put(`/api/calendar/closures/${date}`)
          .set(bearer(w.io.token))
          .send({ reason: 'Christmas closure' }),
      );
      expect(res).toEqual({ date, reason: 'Christmas closure' });
      expect(
        conformanceProblems(document, responseSchema(document, 'put', '/api/calendar/closures/{date}', 200), res),
      ).toEqual([]);
    }
    // PUT again changes the reason.
    await w.expectOk(
      await t.http().put('/api/calendar/closures/2026-12-24').set(bearer(w.io.token)).send({ reason: 'Christmas Eve' }),
    );
    const list = await w.expectOk(await w.get(w.researcher, '/calendar/closures?year=2026'));
    expect(list).toEqual([
      { date: '2026-12-24', reason: 'Christmas Eve' },
      ...CLOSURES.slice(1).map((date) => ({ date, reason: 'Christmas closure' })),
    ]);
    expect(conformanceProblems(document, responseSchema(document, 'get', '/api/calendar/closures', 200), list)).toEqual(
      [],
    );
    // This year (in Brussels) by default; another year has none.
    expect(await w.expectOk(await w.get(w.council, '/calendar/closures'))).toHaveLength(CLOSURES.length);
    expect(await w.expectOk(await w.get(w.io, '/calendar/closures?year=2027'))).toEqual([]);
  });

  it('refuses closure days to everyone but the International Office, and bad dates or reasons', async () => {
    for (const token of [w.researcher.token, w.ksChair.token, w.admin, w.leadership.token]) {
      const res = await t.http().put('/api/calendar/closures/2027-01-04').set(bearer(token)).send({ reason: 'x' });
      expect(res.status).toBe(403);
      expect((await t.http().delete('/api/calendar/closures/2026-12-24').set(bearer(token))).status).toBe(403);
    }
    for (const [date, body] of [
      ['2027-02-30', { reason: 'x' }],
      ['24-12-2026', { reason: 'x' }],
      ['2027-01-04', { reason: '  ' }],
      ['2027-01-04', {}],
      ['2027-01-04', { reason: 'x', extra: true }],
    ] as const) {
      const res = await t.http().put(`/api/calendar/closures/${date}`).set(bearer(w.io.token)).send(body);
      expect({ date, body, status: res.status, code: res.body.code }).toEqual({
        date,
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await w.get(w.io, '/calendar/closures?year=1999')).status).toBe(400);
    const missing = await t.http().delete('/api/calendar/closures/2027-01-04').set(bearer(w.io.token));
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'CLOSURE_NOT_FOUND' });
  });

  it('gives stages due dates that skip weekends, Christmas, New Year and the closure days, at the same hour', async () => {
    const kase = await w.inReview(sensitivePartnership());
    const opened = new Date(kase.stages[0].openedAt);
    // Knowledge security, 15 working days: 4-8, 11-15 and 18-22 January 2027.
    // Dual use, 20 working days: then 25-29 January.
    expect(kase.stages.map((s: { committee: string; dueAt: string }) => [s.committee, s.dueAt])).toEqual([
      ['knowledge_security', new Date(opened.getTime() + 30 * DAY_MS).toISOString()],
      ['dual_use_ethics', new Date(opened.getTime() + 37 * DAY_MS).toISOString()],
    ]);
    expect(kase.stages[0].dueAt.slice(0, 10)).toBe('2027-01-22');
  });

  it('applies a change of closure days to stages opened after it, not to those already open', async () => {
    const before = await w.inReview(riskyMobility());
    const rdDue = before.stages[0].dueAt;
    for (const date of CLOSURES) {
      const res = await t.http().delete(`/api/calendar/closures/${date}`).set(bearer(w.io.token));
      expect(res.status).toBe(204);
    }
    expect(await w.expectOk(await w.get(w.io, '/calendar/closures?year=2026'))).toEqual([]);
    // A referral now opens a stage counted without closure days: 20 working days from 23 December
    // are 24 and 28-31 December, 4-8, 11-15 and 18-22 January: 22 January 2027.
    const referred = await w.expectOk(
      await w.post(w.rdChair, `/cases/${before.id}/stages/risk_destinations/refer`, {
        committee: 'dual_use_ethics',
        reason: 'Drones',
      }),
    );
    const opened = new Date(referred.stages[1].openedAt);
    expect(referred.stages.map((s: { committee: string; dueAt: string }) => [s.committee, s.dueAt])).toEqual([
      ['risk_destinations', rdDue],
      ['dual_use_ethics', new Date(opened.getTime() + 30 * DAY_MS).toISOString()],
    ]);
  });
});
