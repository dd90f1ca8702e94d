import { randomUUID } from 'node:crypto';
import { benignPartnership, CaseWorld } from '../support/case-world';
import { waitForJob } from '../support/jobs';
import { PageSession } from '../support/page-session';
import { bearer, TestApp } from '../support/test-app';

const HEADER = 'name,country,type,aliases\n';
const ROSOBORONEXPORT = 'Rosoboronexport JSC,RU,company,\n';
const PLANT = 'Ural Optical and Mechanical Plant,RU,company,UOMZ\n';

interface Hit {
  id: string | null;
  partnerName: string;
  entityName: string;
  decision: null | { decision: string; reason: string; decidedBy: { id: string; name: string }; decidedAt: string };
}
interface HistoryEntry {
  action: string;
  actor: { id: string | null } | null;
  details: Record<string, unknown>;
}

describe('screening hit decisions (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
    expect((await importList(HEADER + ROSOBORONEXPORT + PLANT)).status).toBe(201);
  });

  afterAll(async () => {
    await t.close();
  });

  const importList = (csv: string) =>
    t
      .http()
      .post('/api/screening/lists')
      .set(bearer(w.io.token))
      .field('name', 'Decision list')
      .field('format', 'csv')
      .attach('file', Buffer.from(csv), 'list.csv');

  /** A case whose only reason for Knowledge Security is a screening hit on `partner`, submitted. */
  const submittedWith = async (partner: string) => {
    const draft = await w.draft(benignPartnership({ partners: [{ name: partner, country: 'RU', type: 'company' }] }));
    await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    return draft.id as string;
  };
  const hitsOf = async (caseId: string) =>
    (await w.expectOk(await w.get(w.io, `/cases/${caseId}`))).screening.hits as Hit[];
  const decide = (user: Parameters<CaseWorld['post']>[0], caseId: string, hitId: string, body: object) =>
    w.post(user, `/cases/${caseId}/screening/hits/${hitId}/decision`, body);
  const screeningReasons = (kase: Record<string, any>) =>
    (kase.route as { committee: string; reasons: { rule: string; message: string }[] }[]).flatMap((r) =>
      r.reasons.filter((x) => x.rule === 'screening-list-match'),
    );
  const history = async (user: Parameters<CaseWorld['get']>[0], caseId: string) =>
    (await w.get(user, `/cases/${caseId}/history`)).body as HistoryEntry[];

  it('records a false positive with who, when and why, visible to the office and never to the applicant', async () => {
    const caseId = await submittedWith('Rosoboronexport JSC');
    const [hit] = await hitsOf(caseId);
    expect(hit).toMatchObject({ id: expect.any(String), partnerName: 'Rosoboronexport JSC', decision: null });
    const body = { decision: 'false_positive', reason: 'A different firm: another address and registry number' };

    expect((await decide(w.otherResearcher, caseId, hit.id!, body)).body.code).toBe('CASE_NOT_FOUND');
    expect((await decide(w.ksMember, caseId, hit.id!, body)).status).toBe(404);
    expect((await decide(w.researcher, caseId, hit.id!, body)).body.code).toBe('CASE_ACTION_FORBIDDEN');
    expect((await decide(w.io, randomUUID(), hit.id!, body)).status).toBe(404);
    const invalid = await decide(w.io, caseId, hit.id!, { decision: 'maybe', reason: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');

    const before = t.now().getTime();
    const decided = await w.expectOk(await decide(w.io, caseId, hit.id!, body));
    const [after] = decided.screening.hits as Hit[];
    expect(after).toMatchObject({
      id: hit.id,
      decision: { ...body, decidedBy: { id: w.io.id, name: expect.any(String) } },
    });
    expect(new Date(after.decision!.decidedAt).getTime()).toBeGreaterThanOrEqual(before);
    expect(new Date(after.decision!.decidedAt).getTime()).toBeLessThanOrEqual(t.now().getTime());

    const again = await decide(w.io, caseId, hit.id!, { ...body, decision: 'confirmed' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SCREENING_HIT_ALREADY_DECIDED');
    const stranger = await decide(w.io, caseId, randomUUID(), body);
    expect(stranger.status).toBe(409);
    expect(stranger.body.code).toBe('SCREENING_HIT_NOT_IN_CASE');

    const event = (await history(w.io, caseId)).find((e) => e.action === 'screening_hit_decided');
    expect(event).toMatchObject({
      actor: { id: w.io.id },
      // For confidential viewers the event's confidential details are part of its details.
      details: {
        hitId: hit.id,
        partnerName: 'Rosoboronexport JSC',
        list: 'Decision list',
        decision: 'false_positive',
        reason: body.reason,
      },
    });
    const asApplicant = await w.expectOk(await w.get(w.researcher, `/cases/${caseId}`));
    expect(asApplicant.screening).toBeUndefined();
    expect(JSON.stringify(asApplicant)).not.toContain(body.reason);
    const applicantHistory = await history(w.researcher, caseId);
    expect(applicantHistory.map((e) => e.action)).not.toContain('screening_hit_decided');
    expect(JSON.stringify(applicantHistory)).not.toMatch(/false_positive|another address/);
    expect(await w.expectOk(await w.get(w.io, `/cases/${caseId}/history/verification`))).toMatchObject({ valid: true });
  });

  it('does not raise a false positive again until its list entry changes in a later version', async () => {
    const caseId = await submittedWith('Rosoboronexport JSC');
    const [hit] = await hitsOf(caseId);
    await w.expectOk(await decide(w.io, caseId, hit.id!, { decision: 'false_positive', reason: 'Another firm' }));

    // A new version that leaves the entry as it was: the decision holds.
    const unrelated = await importList(HEADER + ROSOBORONEXPORT + PLANT + 'Sky Holdings,IR,company,\n');
    expect(unrelated.status).toBe(201);
    expect(unrelated.body.unchanged).toBe(false);
    expect(await waitForJob(t, w.io.token, unrelated.body.rescreenJobId)).toMatchObject({ status: 'done' });
    const kept = await hitsOf(caseId);
    expect(kept).toEqual([
      expect.objectContaining({ id: hit.id, decision: expect.objectContaining({ decision: 'false_positive' }) }),
    ]);
    expect((await history(w.io, caseId)).map((e) => e.action)).not.toContain('rescreened');

    // The entry itself changes (a new alias): the hit is raised again, undecided.
    const changed = await importList(
      HEADER + 'Rosoboronexport JSC,RU,company,Rosoboron Export\n' + PLANT + 'Sky Holdings,IR,company,\n',
    );
    expect(changed.status).toBe(201);
    expect(await waitForJob(t, w.io.token, changed.body.rescreenJobId)).toMatchObject({
      status: 'done',
      result: { casesWithNewHits: expect.any(Number) },
    });
    const raised = await hitsOf(caseId);
    expect(raised).toEqual([expect.objectContaining({ partnerName: 'Rosoboronexport JSC', decision: null })]);
    expect(raised[0].id).not.toBe(hit.id);
    const rescreened = (await history(w.io, caseId)).find((e) => e.action === 'rescreened');
    expect(rescreened).toMatchObject({ details: { newHits: 1 } });
  });

  it('leaves a cleared hit out of the route when the case is screened again, and keeps a confirmed one in it', async () => {
    const cleared = await submittedWith('Ural Optical and Mechanical Plant');
    const confirmed = await submittedWith('Ural Optical and Mechanical Plant');
    for (const [caseId, decision] of [
      [cleared, 'false_positive'],
      [confirmed, 'confirmed'],
    ] as const) {
      const triaged = await w.expectOk(await w.get(w.io, `/cases/${caseId}`));
      expect(screeningReasons(triaged)).toHaveLength(1);
      const [hit] = await hitsOf(caseId);
      await w.expectOk(await decide(w.io, caseId, hit.id!, { decision, reason: 'Checked the registry' }));
      await w.expectOk(await w.post(w.io, `/cases/${caseId}/request-information`, { questions: 'Which site?' }));
      await w.expectOk(await w.post(w.researcher, `/cases/${caseId}/respond`, { answer: 'Yekaterinburg' }));
    }
    const afterCleared = await w.expectOk(await w.get(w.io, `/cases/${cleared}`));
    expect(screeningReasons(afterCleared)).toEqual([]);
    expect(afterCleared.screening.hits).toEqual([
      expect.objectContaining({ decision: expect.objectContaining({ decision: 'false_positive' }) }),
    ]);
    const afterConfirmed = await w.expectOk(await w.get(w.io, `/cases/${confirmed}`));
    expect(screeningReasons(afterConfirmed)).toHaveLength(1);
    expect(afterConfirmed.route.map((r: { committee: string }) => r.committee)).toContain('knowledge_security');
  });

  it('lets the Knowledge Security chair decide on a case it reviews, and no other reviewer', async () => {
    const caseId = await submittedWith('Rosoboronexport JSC');
    await w.expectOk(await w.post(w.io, `/cases/${caseId}/triage`, {}));
    const [hit] = await hitsOf(caseId);
    const body = { decision: 'confirmed', reason: 'Same entity: registry number matches' };
    expect((await decide(w.ksMember, caseId, hit.id!, body)).body.code).toBe('CASE_ACTION_FORBIDDEN');
    expect((await decide(w.dueChair, caseId, hit.id!, body)).status).toBe(404);
    const decided = await w.expectOk(await decide(w.ksChair, caseId, hit.id!, body));
    expect(decided.screening.hits[0].decision).toMatchObject({
      decision: 'confirmed',
      decidedBy: { id: w.ksChair.id },
    });
    expect(screeningReasons(decided)).toHaveLength(1);
  });

  it('shows the decision on the case page to the office and the chair, never to the applicant', async () => {
    const caseId = await submittedWith('Rosoboronexport JSC');
    await w.expectOk(await w.post(w.io, `/cases/${caseId}/triage`, {}));
    const [hit] = await hitsOf(caseId);
    const undecided = (await (await PageSession.signIn(t, w.io.email)).get(`/cases/${caseId}`)).text;
    expect(undecided).toContain('Not decided yet');
    const reason = 'Registry number differs & so does the address';
    await w.expectOk(await decide(w.ksChair, caseId, hit.id!, { decision: 'false_positive', reason }));

    const escaped = 'Registry number differs &amp; so does the address';
    const ioPage = (await (await PageSession.signIn(t, w.io.email)).get(`/cases/${caseId}`)).text;
    expect(ioPage).toContain('False positive');
    expect(ioPage).toContain(`by ${w.ksChair.name} on `);
    expect(ioPage).toContain(escaped);
    expect(ioPage).not.toContain('Not decided yet');
    const chairPage = (await (await PageSession.signIn(t, w.ksChair.email)).get(`/cases/${caseId}`)).text;
    expect(chairPage).toContain('False positive');
    expect(chairPage).toContain(escaped);
    expect(chairPage).toContain('Screening hit decided');
    const applicantPage = (await (await PageSession.signIn(t, w.researcher.email)).get(`/cases/${caseId}`)).text;
    expect(applicantPage).not.toContain('False positive');
    expect(applicantPage).not.toContain(escaped);
    expect(applicantPage).not.toContain('Registry number');
    expect(applicantPage).not.toContain('Screening hit decided');
  });

  it('refuses a decision once the case is closed', async () => {
    const caseId = await submittedWith('Rosoboronexport JSC');
    const [hit] = await hitsOf(caseId);
    await w.expectOk(await w.post(w.researcher, `/cases/${caseId}/withdraw`, { reason: 'Project cancelled' }));
    const res = await decide(w.io, caseId, hit.id!, { decision: 'confirmed', reason: 'Too late' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CASE_STATUS_DOES_NOT_ALLOW');
  });
});
