import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CaseStage } from '../../src/cases/case.entity';
import { benignPartnership, CaseWorld, riskyMobility, sensitivePartnership } from '../support/case-world';
import { conformanceProblems, OpenApiDocument, responseSchema } from '../support/openapi-conformance';
import { bearer, TestApp, TestUser } from '../support/test-app';

const PARTNERS_CSV = readFileSync(join(__dirname, '..', 'fixtures', 'screening', 'partners.simple.csv'));

/**
 * The served OpenAPI document describes what the API really answers: real responses of the case,
 * screening and report endpoints (as the International Office, reviewers, chairs and the applicant
 * see them) are checked against the schema documented for their operation. A field the document
 * does not name, a documented required field that is missing, or a wrong type fails.
 */
describe('OpenAPI response schemas (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  let document: OpenApiDocument;
  const covered = new Set<string>();
  const seen: { asIo?: Record<string, any>; asApplicant?: Record<string, any> } = {};

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
    document = (await t.http().get('/api/docs-json')).body;
  });

  afterAll(async () => {
    await t.close();
  });

  /** Asserts the status, then that the body conforms to the schema documented for `method path` and that status. */
  async function documented(
    res: { status: number; body: unknown },
    method: string,
    path: string,
    status = 200,
  ): Promise<Record<string, any>> {
    const body = await w.expectOk(res, status);
    const operation = `${method.toUpperCase()} ${path} ${status}`;
    expect({
      operation,
      problems: conformanceProblems(document, responseSchema(document, method, path, status), body),
    }).toEqual({ operation, problems: [] });
    covered.add(`${method.toUpperCase()} ${path}`);
    return body;
  }

  const getCase = async (user: TestUser, id: string) =>
    documented(await w.get(user, `/cases/${id}`), 'get', '/api/cases/{id}');
  const upload = (fields: Record<string, string>, file: Buffer) => {
    const req = t.http().post('/api/screening/lists').set(bearer(w.io.token));
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req.attach('file', file, 'partners.csv');
  };

  it('documents a typed JSON schema for the success response of every case, screening and report operation', () => {
    const untyped: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      if (!/^\/api\/(cases|screening|reports)\b/.test(path)) continue;
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          if (!status.startsWith('2') || status === '204') continue;
          const content = response.content ?? {};
          // Rendered reports are text/html and text/markdown, a document download is its bytes; everything else is JSON.
          if (Object.keys(content).length > 0 && Object.keys(content).every((type) => type.startsWith('text/')))
            continue;
          if (
            Object.keys(content).length > 0 &&
            Object.values(content).every((c) => c.schema?.type === 'string' && c.schema.format === 'binary')
          )
            continue;
          const schema = content['application/json']?.schema;
          const typed =
            schema &&
            (schema.$ref || (schema.type === 'array' ? schema.items?.$ref || schema.items?.type : schema.type));
          if (!typed) untyped.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(untyped).toEqual([]);
  });

  it('screening: import, lists, versions and a search with a hit', async () => {
    const imported = await documented(
      await upload({ name: 'Test list', format: 'csv' }, PARTNERS_CSV),
      'post',
      '/api/screening/lists',
      201,
    );
    expect(imported.rescreenJobId).toEqual(expect.any(String));
    const again = await documented(
      await upload({ name: 'Test list', format: 'csv' }, PARTNERS_CSV),
      'post',
      '/api/screening/lists',
      201,
    );
    expect(again).toMatchObject({ unchanged: true, rescreenJobId: null });

    const lists = await documented(await w.get(w.ksChair, '/screening/lists'), 'get', '/api/screening/lists');
    expect(lists[0].current).not.toBeNull();
    await documented(
      await w.get(w.io, `/screening/lists/${imported.id}/versions`),
      'get',
      '/api/screening/lists/{id}/versions',
    );

    const search = await documented(
      await w.get(w.ksMember, '/screening/search?name=Harbin%20Inst.%20of%20Tech.&country=CN'),
      'get',
      '/api/screening/search',
    );
    expect(search.hits.length).toBeGreaterThan(0);
    const unknownCountry = await documented(
      await w.get(w.io, '/screening/search?name=Ocean%2028'),
      'get',
      '/api/screening/search',
    );
    expect(unknownCountry.hits.some((h: { country: string | null }) => h.country === null)).toBe(true);
  });

  it('screening sources: register, list, and a refresh that fails (nothing listens on the port)', async () => {
    const source = await documented(
      await w.post(w.io, '/screening/sources', {
        name: 'Unreachable feed',
        format: 'csv',
        url: 'http://127.0.0.1:9/list.csv',
        refreshMinutes: 60,
      }),
      'post',
      '/api/screening/sources',
      201,
    );
    await documented(await w.get(w.io, '/screening/sources'), 'get', '/api/screening/sources');
    const refreshed = await documented(
      await w.post(w.io, `/screening/sources/${source.id}/refresh`),
      'post',
      '/api/screening/sources/{id}/refresh',
    );
    expect(refreshed.lastError).toEqual(expect.any(String));
  });

  it('a case through review with stages, opinions, screening hits, an information request and conditions, as each viewer sees it', async () => {
    const created = await documented(
      await w.post(w.researcher, '/cases', sensitivePartnership()),
      'post',
      '/api/cases',
      201,
    );
    const id = created.id as string;
    await documented(
      await w.patch(w.researcher, `/cases/${id}`, { department: null, startDate: null }),
      'patch',
      '/api/cases/{id}',
    );
    await documented(await w.post(w.researcher, `/cases/${id}/submit`), 'post', '/api/cases/{id}/submit');
    const screened = await getCase(w.io, id);
    expect(screened.screening.hits.length).toBeGreaterThan(0);
    const decided = await documented(
      await w.post(w.io, `/cases/${id}/screening/hits/${screened.screening.hits[0].id}/decision`, {
        decision: 'confirmed',
        reason: 'The listed entity itself',
      }),
      'post',
      '/api/cases/{id}/screening/hits/{hitId}/decision',
    );
    expect(decided.screening.hits[0].decision).toMatchObject({ decision: 'confirmed' });
    await documented(await w.post(w.io, `/cases/${id}/triage`, {}), 'post', '/api/cases/{id}/triage');

    await documented(
      await w.post(w.ksChair, `/cases/${id}/stages/knowledge_security/reviewers`, { reviewerIds: [w.ksMember.id] }),
      'post',
      '/api/cases/{id}/stages/{committee}/reviewers',
    );
    await documented(
      await w.post(w.ksMember, `/cases/${id}/stages/knowledge_security/opinions`, {
        recommendation: 'approve_with_conditions',
        comment: 'Only with an export licence check',
      }),
      'post',
      '/api/cases/{id}/stages/{committee}/opinions',
      201,
    );
    const asChair = await getCase(w.ksChair, id);
    expect(asChair.stages[0].opinions).toHaveLength(1);
    await documented(
      await w.post(w.ksChair, `/cases/${id}/stages/knowledge_security/decision`, {
        decision: 'approve_with_conditions',
        rationale: 'Acceptable with safeguards',
        conditions: ['No access to the radar test facility', 'Annual report to the committee'],
      }),
      'post',
      '/api/cases/{id}/stages/{committee}/decision',
    );
    const asked = await documented(
      await w.post(w.dueChair, `/cases/${id}/stages/dual_use_ethics/decision`, {
        decision: 'request_information',
        rationale: 'Need details',
        questions: 'Which radar bands?',
      }),
      'post',
      '/api/cases/{id}/stages/{committee}/decision',
    );
    expect(asked.informationRequest).not.toBeNull();
    const waiting = await getCase(w.researcher, id);
    expect(waiting.informationRequest.questions).toHaveLength(1);
    await documented(
      await w.post(w.researcher, `/cases/${id}/respond`, { answer: 'Only civil X-band weather radar.' }),
      'post',
      '/api/cases/{id}/respond',
    );

    const done = await w.decideStage(id, 'dual_use_ethics', w.dueChair, w.dueMember, {
      decision: 'approve',
      rationale: 'Civil use only',
    });
    const [first, second] = done.outcome.conditions;
    await documented(
      await w.patch(w.researcher, `/cases/${id}/conditions/${first.id}`, { status: 'met' }),
      'patch',
      '/api/cases/{id}/conditions/{conditionId}',
    );
    const waived = await documented(
      await w.patch(w.io, `/cases/${id}/conditions/${second.id}`, { status: 'waived', reason: 'Facility closed' }),
      'patch',
      '/api/cases/{id}/conditions/{conditionId}',
    );
    expect(waived.outcome.conditions[1].waiverReason).toBe('Facility closed');

    // The two views differ in what they may read; both conform.
    seen.asIo = await getCase(w.io, id);
    seen.asApplicant = await getCase(w.researcher, id);
    expect(seen.asIo.screening).toBeDefined();
    expect(seen.asIo.stages[0]).toMatchObject({
      reviewers: expect.any(Array),
      opinions: expect.any(Array),
      conditions: expect.any(Array),
    });
    expect(seen.asApplicant.screening).toBeUndefined();
    expect(seen.asApplicant.stages[0].opinions).toBeUndefined();

    const ioHistory = await documented(await w.get(w.io, `/cases/${id}/history`), 'get', '/api/cases/{id}/history');
    const applicantHistory = await documented(
      await w.get(w.researcher, `/cases/${id}/history`),
      'get',
      '/api/cases/{id}/history',
    );
    expect(ioHistory.length).toBeGreaterThan(applicantHistory.length);
    expect(applicantHistory.some((e: { actor: { id: string | null } }) => e.actor.id === null)).toBe(true);
    await documented(
      await w.get(w.io, `/cases/${id}/history/verification`),
      'get',
      '/api/cases/{id}/history/verification',
    );

    const ioPage = await documented(await w.get(w.io, '/cases?pageSize=5'), 'get', '/api/cases');
    expect(ioPage.items.length).toBeGreaterThan(0);
    const applicantPage = await documented(await w.get(w.researcher, '/cases?mine=true'), 'get', '/api/cases');
    expect(applicantPage.items.length).toBeGreaterThan(0);
  });

  it('triage questions, clearing, withdrawal, referral, recusal, escalation and overdue stages', async () => {
    // A benign case: asked at triage, answered, then cleared without review (outcome with a note).
    const benign = await w.draft(
      benignPartnership({ destinations: [{ country: 'BE', from: '2027-04-01', to: '2027-04-14' }] }),
    );
    await w.expectOk(await w.post(w.researcher, `/cases/${benign.id}/submit`));
    const asked = await documented(
      await w.post(w.io, `/cases/${benign.id}/request-information`, { questions: 'Who is your local contact?' }),
      'post',
      '/api/cases/{id}/request-information',
    );
    expect(asked.informationRequest.returnTo).toBe('triage');
    await w.expectOk(await w.post(w.researcher, `/cases/${benign.id}/respond`, { answer: 'Prof. Janssens' }));
    const cleared = await documented(
      await w.post(w.io, `/cases/${benign.id}/triage`, {}),
      'post',
      '/api/cases/{id}/triage',
    );
    expect(cleared.outcome.note).toEqual(expect.any(String));

    const draft = await w.draft(benignPartnership());
    await documented(
      await w.post(w.researcher, `/cases/${draft.id}/withdraw`, { reason: 'Plans changed' }),
      'post',
      '/api/cases/{id}/withdraw',
    );

    // A mobility case: referred to a second committee, a reviewer recuses, its stages fall overdue.
    const mobility = await w.inReview(riskyMobility());
    await documented(
      await w.post(w.rdChair, `/cases/${mobility.id}/stages/risk_destinations/refer`, {
        committee: 'dual_use_ethics',
        reason: 'Drones in the field work',
      }),
      'post',
      '/api/cases/{id}/stages/{committee}/refer',
    );
    await documented(
      await w.post(w.rdMember, `/cases/${mobility.id}/conflicts`, {
        committee: 'risk_destinations',
        reason: 'My co-author',
      }),
      'post',
      '/api/cases/{id}/conflicts',
      201,
    );
    await t.app
      .get(DataSource)
      .getRepository(CaseStage)
      .update({ caseId: mobility.id }, { dueAt: new Date(t.now().getTime() - 3 * 86_400_000) });
    const overdue = await documented(await w.get(w.io, '/cases/overdue'), 'get', '/api/cases/overdue');
    expect(overdue.length).toBeGreaterThan(0);
    await documented(await w.get(w.rdChair, '/cases/overdue'), 'get', '/api/cases/overdue');

    // Escalated by one committee, decided by leadership; another rejected at once.
    const sensitive = await w.inReview(
      sensitivePartnership({ partners: [{ name: 'Tsinghua University', country: 'CN', type: 'university' }] }),
    );
    await w.decideStage(sensitive.id, 'knowledge_security', w.ksChair, w.ksMember, {
      decision: 'escalate',
      rationale: 'Strategic question for the board',
    });
    const escalated = await w.decideStage(sensitive.id, 'dual_use_ethics', w.dueChair, w.dueMember, {
      decision: 'approve',
      rationale: 'Civil use only',
    });
    expect(escalated.status).toBe('escalated');
    await documented(
      await w.post(w.leadership, `/cases/${sensitive.id}/leadership-decision`, {
        decision: 'approve_with_conditions',
        rationale: 'Important',
        conditions: ['Board review after one year'],
      }),
      'post',
      '/api/cases/{id}/leadership-decision',
    );
    const rejected = await w.inReview(
      sensitivePartnership({ partners: [{ name: 'Zhejiang University', country: 'CN', type: 'university' }] }),
    );
    const decided = await w.decideStage(rejected.id, 'knowledge_security', w.ksChair, w.ksMember, {
      decision: 'reject',
      rationale: 'Too close to weapons research',
    });
    expect(decided.status).toBe('rejected');
  });

  it('a council report: generate, read, list and publish', async () => {
    const today = t.today();
    const from = new Date(t.now().getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
    const report = await documented(
      await w.post(w.io, '/reports', { from, to: today, language: 'en' }),
      'post',
      '/api/reports',
      201,
    );
    expect(report.data.notable.length).toBeGreaterThan(0);
    expect(report.data.byRegion.length).toBeGreaterThan(0);
    expect(
      report.data.byCommittee.some(
        (c: { turnaroundDays: { median: number | null } }) => c.turnaroundDays.median !== null,
      ),
    ).toBe(true);
    await documented(await w.get(w.leadership, `/reports/${report.id}`), 'get', '/api/reports/{id}');
    await documented(await w.post(w.io, `/reports/${report.id}/publish`), 'post', '/api/reports/{id}/publish');
    await documented(await w.get(w.council, '/reports'), 'get', '/api/reports');
  });

  it('documents: upload, list, download (its bytes and headers) and removal, as the applicant and the office see them', async () => {
    const draft = await w.draft(benignPartnership());
    const notes = readFileSync(join(__dirname, '..', 'fixtures', 'attachments', 'notes.txt'));
    const uploaded = await documented(
      await w.upload(w.researcher, draft.id, 'other', notes, 'notes.txt'),
      'post',
      '/api/cases/{id}/attachments',
      201,
    );
    await documented(await w.get(w.researcher, `/cases/${draft.id}/attachments`), 'get', '/api/cases/{id}/attachments');
    // The download is the document's bytes, with the headers its operation lists.
    const downloaded = await w.get(w.researcher, `/cases/${draft.id}/attachments/${uploaded.id}`);
    const operation = (document.paths['/api/cases/{id}/attachments/{attachmentId}'] as any).get;
    expect(downloaded.status).toBe(200);
    expect(Object.keys(operation.responses['200'].content)).toContain(downloaded.headers['content-type']);
    for (const header of Object.keys(operation.responses['200'].headers))
      expect({ header, present: downloaded.headers[header.toLowerCase()] !== undefined }).toEqual({
        header,
        present: true,
      });
    covered.add('GET /api/cases/{id}/attachments/{attachmentId}');
    const removed = await t
      .http()
      .delete(`/api/cases/${draft.id}/attachments/${uploaded.id}`)
      .set(bearer(w.researcher.token));
    expect(removed.status).toBe(204);
    expect(
      Object.keys((document.paths['/api/cases/{id}/attachments/{attachmentId}'] as any).delete.responses),
    ).toContain('204');
    covered.add('DELETE /api/cases/{id}/attachments/{attachmentId}');
    await w.attach(w.researcher, draft.id, 'project_description', 'project-description.docx');
    await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    await w.attach(w.io, draft.id, 'internal');
    await documented(await w.get(w.io, `/cases/${draft.id}/attachments`), 'get', '/api/cases/{id}/attachments');
  });

  it('notifications, own settings, jobs, mail deliveries and closure days', async () => {
    const inbox = await documented(await w.get(w.io, '/notifications?pageSize=5'), 'get', '/api/notifications');
    expect(inbox.items.length).toBeGreaterThan(0);
    await documented(await w.get(w.io, '/notifications?unread=true&pageSize=5'), 'get', '/api/notifications');
    await documented(
      await w.post(w.io, `/notifications/${inbox.items[0].id}/read`),
      'post',
      '/api/notifications/{id}/read',
    );
    await documented(await w.post(w.io, '/notifications/read-all'), 'post', '/api/notifications/read-all');
    const me = await documented(await w.patch(w.council, '/auth/me', { language: 'nl' }), 'patch', '/api/auth/me');
    expect(me.language).toBe('nl');
    expect(await documented(await w.get(w.council, '/auth/me'), 'get', '/api/auth/me')).toEqual(me);

    const imported = await w.expectOk(
      await upload(
        { name: 'Another list', format: 'csv' },
        Buffer.concat([PARTNERS_CSV, Buffer.from('Acme,NL,company,\n')]),
      ),
      201,
    );
    const job = await documented(await w.get(w.io, `/jobs/${imported.rescreenJobId}`), 'get', '/api/jobs/{id}');
    expect(job.type).toBe('rescreen');
    await documented(await w.get(w.admin, '/admin/mail?status=pending'), 'get', '/api/admin/mail');

    const closure = await documented(
      await t
        .http()
        .put('/api/calendar/closures/2027-07-11')
        .set(bearer(w.io.token))
        .send({ reason: 'Flemish holiday' }),
      'put',
      '/api/calendar/closures/{date}',
    );
    expect(closure).toEqual({ date: '2027-07-11', reason: 'Flemish holiday' });
    const closures = await documented(
      await w.get(w.researcher, '/calendar/closures?year=2027'),
      'get',
      '/api/calendar/closures',
    );
    expect(closures).toEqual([closure]);
    expect((await t.http().delete('/api/calendar/closures/2027-07-11').set(bearer(w.io.token))).status).toBe(204);
    covered.add('DELETE /api/calendar/closures/{date}');
  });

  it('covered every JSON operation of cases, screening, reports, notifications, jobs, mail and the calendar', () => {
    const json = Object.entries(document.paths)
      .filter(
        ([path]) =>
          /^\/api\/(cases|screening|reports|notifications|jobs|admin\/mail|calendar|auth\/me)\b/.test(path) &&
          !/\/(html|markdown)$/.test(path),
      )
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(json.filter((operation) => !covered.has(operation)).sort()).toEqual([]);
  });

  it('fails a response with an undocumented, a missing or a mistyped field', () => {
    const schema = responseSchema(document, 'get', '/api/cases/{id}', 200);
    const kase = structuredClone(seen.asIo!);
    expect(conformanceProblems(document, schema, kase)).toEqual([]);
    kase.internalNote = 'x';
    kase.stages[0].opinions[0].reviewer.email = 'x@example.org';
    kase.screening.hits[0].entryId = 'e1';
    kase.outcome.conditions[0].source = 'knowledge_security';
    delete kase.reference;
    kase.version = '3';
    kase.stages[0].decidedAt = 12;
    kase.outcome.rationale = undefined;
    kase.partners[0].type = 'spy_agency';
    kase.submittedAt = 'yesterday';
    kase.applicant = null;
    expect(conformanceProblems(document, schema, JSON.parse(JSON.stringify(kase))).sort()).toEqual(
      [
        '$.internalNote: not documented',
        '$.stages[0].opinions[0].reviewer.email: not documented',
        '$.screening.hits[0].entryId: not documented',
        '$.outcome.conditions[0].source: not documented',
        '$.reference: required, but missing',
        '$.version: expected integer, got string "3"',
        '$.stages[0].decidedAt: expected string, got number 12',
        '$.outcome.rationale: required, but missing',
        '$.partners[0].type: "spy_agency" is not one of ' +
          JSON.stringify([
            'university',
            'research_institute',
            'company',
            'government',
            'government_security',
            'military',
            'defence_industry',
            'ngo',
            'other',
          ]),
        '$.submittedAt: "yesterday" is not a date-time',
        '$.applicant: null, but the schema is not nullable',
      ].sort(),
    );
  });
});
