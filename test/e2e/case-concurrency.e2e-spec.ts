import { DataSource } from 'typeorm';
import { CaseEvent } from '../../src/cases/case-event.entity';
import { benignPartnership, CaseWorld, riskyMobility } from '../support/case-world';
import { bearer, TestApp } from '../support/test-app';

describe('cases under concurrency (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('gives 40 cases created at once 40 distinct references', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => w.post(w.researcher, '/cases', benignPartnership())),
    );
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));
    const references = results.map((r) => r.body.reference as string);
    expect(new Set(references).size).toBe(40);
    for (const reference of references) expect(reference).toMatch(/^IRR-\d{4}-\d{5}$/);
  });

  it('submits 40 drafts at once, each exactly once', async () => {
    const drafts = await Promise.all(Array.from({ length: 40 }, () => w.draft(benignPartnership())));
    const results = await Promise.all(drafts.map((d) => w.post(w.researcher, `/cases/${d.id}/submit`)));
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(new Set(results.map((r) => r.body.reference)).size).toBe(40);
  });

  it('lets exactly one of several simultaneous triages win; the others get 409 and leave one audit event', async () => {
    const draft = await w.draft(riskyMobility());
    await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t
          .http()
          .post(`/api/cases/${draft.id}/triage`)
          .set(bearer(w.io.token))
          .send(i % 2 ? {} : { committees: [], reason: 'Cleared by the travel framework' }),
      ),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    const events = await t.app
      .get(DataSource)
      .getRepository(CaseEvent)
      .find({ where: { caseId: draft.id } });
    expect(events.filter((e) => e.fromStatus === 'triage')).toHaveLength(1);
    const after = await w.expectOk(await w.get(w.io, `/cases/${draft.id}`));
    expect(after.version).toBe(3);
    expect(await w.expectOk(await w.get(w.io, `/cases/${draft.id}/history/verification`))).toMatchObject({
      valid: true,
      events: 3,
    });
  });

  it('lets exactly one of an opinion race per reviewer through, and one of competing decisions', async () => {
    const kase = await w.inReview(riskyMobility());
    await w.expectOk(
      await w.post(w.rdChair, `/cases/${kase.id}/stages/risk_destinations/reviewers`, { reviewerIds: [w.rdMember.id] }),
    );
    const opinions = await Promise.all(
      Array.from({ length: 5 }, () =>
        w.post(w.rdMember, `/cases/${kase.id}/stages/risk_destinations/opinions`, {
          recommendation: 'approve',
          comment: 'ok',
        }),
      ),
    );
    expect(opinions.filter((r) => r.status === 201)).toHaveLength(1);
    expect(opinions.filter((r) => r.status === 409)).toHaveLength(4);
    const decisions = await Promise.all([
      w.post(w.rdChair, `/cases/${kase.id}/stages/risk_destinations/decision`, {
        decision: 'approve',
        rationale: 'Safe',
      }),
      w.post(w.rdChair, `/cases/${kase.id}/stages/risk_destinations/decision`, {
        decision: 'reject',
        rationale: 'Unsafe',
      }),
      w.post(w.researcher, `/cases/${kase.id}/withdraw`, { reason: 'Racing the committee' }),
    ]);
    expect(decisions.filter((r) => r.status === 200)).toHaveLength(1);
    expect(decisions.filter((r) => r.status === 409)).toHaveLength(2);
    const final = await w.expectOk(await w.get(w.io, `/cases/${kase.id}`));
    expect(['approved', 'rejected', 'withdrawn']).toContain(final.status);
    const events = await t.app
      .get(DataSource)
      .getRepository(CaseEvent)
      .find({ where: { caseId: kase.id } });
    expect(events.filter((e) => e.toStatus === final.status && e.fromStatus !== final.status)).toHaveLength(1);
  });
});
