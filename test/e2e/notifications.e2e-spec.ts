import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CaughtMail, MailCatcher } from '../../scripts/mail-catcher';
import { Notification } from '../../src/notifications/notification.entity';
import { CaseWorld, sensitivePartnership } from '../support/case-world';
import { eventually, waitForJob } from '../support/jobs';
import { conformanceProblems, OpenApiDocument, responseSchema } from '../support/openapi-conformance';
import { bearer, TestApp, TestUser } from '../support/test-app';

const PARTNERS_CSV = readFileSync(join(__dirname, '..', 'fixtures', 'screening', 'partners.simple.csv'));

/** Text that must never leave the application by mail: each appears in exactly one kind of content. */
const MARKERS = {
  summary: 'SUMMARYMARKER',
  rationale: 'RATIONALEMARKER',
  comment: 'COMMENTMARKER',
  question: 'QUESTIONMARKER',
  answer: 'ANSWERMARKER',
  reviewerName: 'REVIEWERNAMEMARKER',
  condition: 'CONDITIONMARKER',
  screeningList: 'SCREENINGLISTMARKER',
};

interface Person extends TestUser {
  language: 'en' | 'nl';
  emailNotifications: boolean;
}

/**
 * A whole case life through the API, with a real SMTP server in this process: every notification
 * reaches exactly the people it is for (in the app, and by mail in their language when they want
 * mail), and no mail carries opinions, reviewer names, screening hits, rationales, questions or the
 * summary.
 */
describe('notifications and mail through a case life (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  let catcher: MailCatcher;
  let document: OpenApiDocument;
  const people: Record<string, Person> = {};
  let caseId: string;
  let reference: string;

  async function person(
    key: string,
    roles: Parameters<TestApp['createUser']>[0],
    committees: { committee: string; chair: boolean }[] = [],
    settings: { language?: 'en' | 'nl'; emailNotifications?: boolean; name?: string } = {},
  ): Promise<Person> {
    const user = await t.createUser(roles, committees, settings);
    const p: Person = {
      ...user,
      name: settings.name ?? user.name,
      language: settings.language ?? 'en',
      emailNotifications: settings.emailNotifications ?? true,
    };
    people[key] = p;
    return p;
  }

  const notificationsOf = async (user: TestUser, query = '') =>
    (await w.expectOk(await w.get(user, `/notifications?pageSize=100${query}`))) as {
      items: { id: string; type: string; caseId: string; caseReference: string; text: string; readAt: string | null }[];
      total: number;
    };
  const typesOf = async (user: TestUser) =>
    (await notificationsOf(user)).items
      .filter((n) => n.caseId === caseId)
      .map((n) => n.type)
      .reverse();

  beforeAll(async () => {
    catcher = new MailCatcher();
    const port = await catcher.start();
    t = await TestApp.start({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Partnership Review <review@uni.example>',
      APP_URL: 'https://review.uni.example',
    });
    // Only the people below exist besides the admin, so "exactly these people" can be checked.
    w = new CaseWorld(t);
    w.admin = await t.adminToken();
    document = (await t.http().get('/api/docs-json')).body;
    await Promise.all([
      person('applicant', ['researcher'], [], { language: 'nl' }),
      person('io', ['international_office']),
      person('ioNl', ['international_office'], [], { language: 'nl' }),
      person('ioInAppOnly', ['international_office'], [], { emailNotifications: false }),
      person('ioInactive', ['international_office']),
      person('leader', ['leadership']),
      person('ksChair', ['reviewer'], [{ committee: 'knowledge_security', chair: true }]),
      person('ksChair2', ['reviewer'], [{ committee: 'knowledge_security', chair: true }]),
      person('ksReviewer', ['reviewer'], [{ committee: 'knowledge_security', chair: false }], {
        name: `Kim ${MARKERS.reviewerName}`,
      }),
      person('dueChair', ['reviewer'], [{ committee: 'dual_use_ethics', chair: true }], { language: 'nl' }),
      person('dueReviewer', ['reviewer'], [{ committee: 'dual_use_ethics', chair: false }], {
        name: `Dirk ${MARKERS.reviewerName}`,
      }),
      person('rdChair', ['reviewer'], [{ committee: 'risk_destinations', chair: true }]),
    ]);
    await w.expectOk(await w.patch(w.admin, `/users/${people.ioInactive.id}`, { active: false }));
  });

  afterAll(async () => {
    await t?.close();
    await catcher?.stop();
  });

  it('lets people set their language and mail preference, and shows both in the user object', async () => {
    const me = await w.expectOk(await w.get(people.applicant, '/auth/me'));
    expect(me).toMatchObject({ language: 'nl', emailNotifications: true });
    const defaults = await w.expectOk(await w.get(people.io, '/auth/me'));
    expect(defaults).toMatchObject({ language: 'en', emailNotifications: true });

    const changed = await w.expectOk(await w.patch(people.rdChair, '/auth/me', { language: 'nl' }));
    expect(changed).toMatchObject({ id: people.rdChair.id, language: 'nl', emailNotifications: true });
    expect(conformanceProblems(document, responseSchema(document, 'patch', '/api/auth/me', 200), changed)).toEqual([]);
    const back = await w.expectOk(await w.patch(people.rdChair, '/auth/me', { language: 'en' }));
    expect(back.language).toBe('en');
    for (const bad of [{ language: 'fr' }, { emailNotifications: 'yes' }, { language: null }, { name: 'Me' }]) {
      expect((await w.patch(people.rdChair, '/auth/me', bad)).status).toBe(400);
    }
    // The admin sets them too.
    const byAdmin = await w.expectOk(
      await w.patch(w.admin, `/users/${people.rdChair.id}`, { emailNotifications: false }),
    );
    expect(byAdmin.emailNotifications).toBe(false);
    await w.expectOk(await w.patch(w.admin, `/users/${people.rdChair.id}`, { emailNotifications: true }));
  });

  it('tells exactly the right people of every step of a case, in the app', async () => {
    const { applicant, io, ioNl, ioInAppOnly, leader, ksChair, ksChair2, ksReviewer, dueChair, dueReviewer } = people;
    // A screening list whose name must never appear in a mail; the case's partner is on it.
    await w.expectOk(
      await t
        .http()
        .post('/api/screening/lists')
        .set(bearer(people.io.token))
        .field('name', `List ${MARKERS.screeningList}`)
        .field('format', 'csv')
        .attach('file', PARTNERS_CSV, 'partners.csv'),
      201,
    );

    const draft = await w.draft(
      sensitivePartnership({ summary: `Radar research. ${MARKERS.summary}`, title: 'Radar & signals: “AI” <pilot>' }),
      applicant,
    );
    caseId = draft.id;
    reference = draft.reference;
    await w.expectOk(await w.post(applicant, `/cases/${caseId}/submit`));
    const submitted = await w.expectOk(await w.get(io, `/cases/${caseId}`));
    expect(submitted.screening.hits.length).toBeGreaterThan(0);
    await w.expectOk(await w.post(io, `/cases/${caseId}/triage`, {}));
    await w.expectOk(
      await w.post(ksChair, `/cases/${caseId}/stages/knowledge_security/reviewers`, { reviewerIds: [ksReviewer.id] }),
    );
    // The second chair recuses after the stage opened: from then on they are told nothing.
    await w.expectOk(
      await w.post(ksChair2, `/cases/${caseId}/conflicts`, { committee: 'knowledge_security', reason: 'Co-author' }),
      201,
    );
    await w.expectOk(
      await w.post(ksReviewer, `/cases/${caseId}/stages/knowledge_security/opinions`, {
        recommendation: 'escalate',
        comment: `Concerned. ${MARKERS.comment}`,
      }),
      201,
    );
    await w.expectOk(
      await w.post(ksChair, `/cases/${caseId}/stages/knowledge_security/decision`, {
        decision: 'request_information',
        rationale: `Need more. ${MARKERS.rationale}`,
        questions: `Which bands? ${MARKERS.question}`,
      }),
    );
    await w.expectOk(await w.post(applicant, `/cases/${caseId}/respond`, { answer: `X-band. ${MARKERS.answer}` }));
    await w.expectOk(
      await w.post(ksChair, `/cases/${caseId}/stages/knowledge_security/decision`, {
        decision: 'escalate',
        rationale: `Strategic. ${MARKERS.rationale}`,
      }),
    );
    await w.expectOk(
      await w.post(dueChair, `/cases/${caseId}/stages/dual_use_ethics/reviewers`, { reviewerIds: [dueReviewer.id] }),
    );
    await w.expectOk(
      await w.post(dueReviewer, `/cases/${caseId}/stages/dual_use_ethics/opinions`, {
        recommendation: 'approve',
        comment: `Fine. ${MARKERS.comment}`,
      }),
      201,
    );
    const escalated = await w.expectOk(
      await w.post(dueChair, `/cases/${caseId}/stages/dual_use_ethics/decision`, {
        decision: 'approve',
        rationale: `Civil. ${MARKERS.rationale}`,
      }),
    );
    expect(escalated.status).toBe('escalated');
    const decided = await w.expectOk(
      await w.post(leader, `/cases/${caseId}/leadership-decision`, {
        decision: 'approve_with_conditions',
        rationale: `Important. ${MARKERS.rationale}`,
        conditions: [`Yearly report. ${MARKERS.condition}`],
      }),
    );
    expect(decided.status).toBe('approved_with_conditions');

    const expected: [Person, string[]][] = [
      [applicant, ['information_requested', 'case_decided']],
      [io, ['case_submitted', 'case_decided']],
      [ioNl, ['case_submitted', 'case_decided']],
      [ioInAppOnly, ['case_submitted', 'case_decided']],
      [leader, ['case_escalated']],
      [ksChair, ['stage_opened', 'information_provided']],
      [ksChair2, ['stage_opened']],
      [ksReviewer, ['reviewer_assigned']],
      [dueChair, ['stage_opened']],
      [dueReviewer, ['reviewer_assigned']],
      [people.rdChair, []],
    ];
    for (const [user, types] of expected) {
      const got = { user: user.name, types: await typesOf(user) };
      expect(got).toEqual({ user: user.name, types });
    }
    // Nobody else was told anything: not the inactive officer, not the world's other users.
    const told = await t.app.get(DataSource).getRepository(Notification).findBy({ caseId });
    expect(told.filter((n) => n.userId === people.ioInactive.id)).toEqual([]);
    expect(new Set(told.map((n) => n.userId))).toEqual(
      new Set(expected.filter(([, types]) => types.length).map(([user]) => user.id)),
    );
  });

  it('writes each notification text in its reader’s language, naming the case and what to do', async () => {
    const [nl] = (await notificationsOf(people.dueChair)).items;
    expect(nl).toMatchObject({ type: 'stage_opened', caseId, caseReference: reference });
    expect(nl.text).toContain(`Dossier ${reference} “Radar & signals: “AI” <pilot>”`);
    expect(nl.text).toContain('Ethische Commissie voor Dual Use');
    const [en] = (await notificationsOf(people.leader)).items;
    expect(en.text).toBe(
      `Case ${reference} “Radar & signals: “AI” <pilot>” was escalated to university leadership and waits for your decision.`,
    );
    // A change of language applies to what one reads from then on.
    await w.expectOk(await w.patch(people.leader, '/auth/me', { language: 'nl' }));
    expect((await notificationsOf(people.leader)).items[0].text).toMatch(/^Dossier .* universiteitsbestuur/);
  });

  it('lists one’s own notifications newest first, marks one or all read, and 404s someone else’s', async () => {
    const io = people.io;
    const page = await notificationsOf(io);
    expect(conformanceProblems(document, responseSchema(document, 'get', '/api/notifications', 200), page)).toEqual([]);
    expect(page.items.map((n) => n.type).slice(0, 2)).toEqual(['case_decided', 'case_submitted']);
    expect((await notificationsOf(io, '&unread=true')).total).toBe(page.total);

    const first = page.items[0];
    expect((await w.post(people.ioNl, `/notifications/${first.id}/read`)).status).toBe(404);
    expect((await w.post(io, `/notifications/00000000-0000-4000-8000-000000000000/read`)).status).toBe(404);
    const read = await w.expectOk(await w.post(io, `/notifications/${first.id}/read`));
    expect(read).toMatchObject({ id: first.id, readAt: expect.any(String) });
    expect(
      conformanceProblems(document, responseSchema(document, 'post', '/api/notifications/{id}/read', 200), read),
    ).toEqual([]);
    expect((await w.expectOk(await w.post(io, `/notifications/${first.id}/read`))).readAt).toBe(read.readAt);
    expect((await notificationsOf(io, '&unread=true')).total).toBe(page.total - 1);

    const all = await w.expectOk(await w.post(io, '/notifications/read-all'));
    expect(all).toEqual({ updated: page.total - 1 });
    expect((await notificationsOf(io, '&unread=true')).total).toBe(0);
    expect(await w.expectOk(await w.post(io, '/notifications/read-all'))).toEqual({ updated: 0 });
    // Another user's inbox is untouched.
    expect((await notificationsOf(people.ioNl, '&unread=true')).total).toBeGreaterThan(0);
    expect((await w.get(io, '/notifications?unread=maybe')).status).toBe(400);
  });

  it('mails each notification once to those who want mail, in their language, with only who must do what', async () => {
    const wantMail = Object.values(people).filter((p) => p.emailNotifications && p.id !== people.ioInactive.id);
    const expectedMails = (await t.app.get(DataSource).getRepository(Notification).findBy({ caseId })).filter((n) =>
      wantMail.some((p) => p.id === n.userId),
    );
    await eventually(async () => catcher.mails.length >= expectedMails.length, 'the mails');
    // One more poll: nothing more arrives (each mail exactly once).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const mails = catcher.mails.filter((m) => m.subject.includes(reference));
    expect(mails).toHaveLength(expectedMails.length);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);

    const byAddress = new Map<string, CaughtMail[]>();
    for (const mail of mails) for (const to of mail.to) byAddress.set(to, [...(byAddress.get(to) ?? []), mail]);
    for (const p of Object.values(people)) {
      const count = expectedMails.filter((n) => n.userId === p.id).length;
      expect({ who: p.name, mails: byAddress.get(p.email)?.length ?? 0 }).toEqual({ who: p.name, mails: count });
    }
    expect(byAddress.has(people.ioInAppOnly.email)).toBe(false);
    expect(byAddress.has(people.ioInactive.email)).toBe(false);

    for (const mail of mails) {
      expect(mail.from).toBe('"Partnership Review" <review@uni.example>');
      expect(mail.subject.startsWith(`${reference}: `)).toBe(true);
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@review\.uni\.example>$/);
      expect(mail.text).toContain(`https://review.uni.example/cases/${caseId}`);
      expect(mail.html).toContain(`href="https://review.uni.example/cases/${caseId}"`);
      for (const [what, marker] of Object.entries(MARKERS)) {
        const leaked = [mail.subject, mail.text, mail.html].some((part) => part.includes(marker));
        expect({ mail: mail.subject, what, leaked }).toEqual({ mail: mail.subject, what, leaked: false });
      }
      expect(mail.text + mail.html).not.toContain('Harbin');
    }
    // The title is the user's text: plain in the text part, escaped in the HTML part.
    const toApplicant = byAddress.get(people.applicant.email)!;
    expect(toApplicant.map((m) => m.subject).sort()).toEqual(
      [`${reference}: eindbeslissing genomen`, `${reference}: vragen over uw dossier`].sort(),
    );
    expect(toApplicant[0].text).toContain('“Radar & signals: “AI” <pilot>”');
    expect(toApplicant[0].text).toContain('Open het dossier:');
    expect(toApplicant[0].html).toContain('Radar &amp; signals: “AI” &lt;pilot&gt;');
    expect(toApplicant[0].html).not.toContain('<pilot>');
    expect(byAddress.get(people.io.email)!.map((m) => m.subject)).toContain(`${reference}: a new case to triage`);
  });

  it('lists the deliveries to the admin only, by status, with their last error', async () => {
    const sent = await w.expectOk(await w.get(w.admin, '/admin/mail?status=sent&pageSize=100'));
    expect(sent.total).toBeGreaterThan(0);
    expect(sent.items[0]).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: expect.any(String) });
    expect(conformanceProblems(document, responseSchema(document, 'get', '/api/admin/mail', 200), sent)).toEqual([]);
    expect((await w.expectOk(await w.get(w.admin, '/admin/mail?status=failed'))).total).toBe(0);
    expect((await w.get(people.io, '/admin/mail')).status).toBe(403);
    expect((await w.get(w.admin, '/admin/mail?status=lost')).status).toBe(400);
  });

  it('re-screens after an import as a job that the International Office and the admin can follow', async () => {
    const res = await t
      .http()
      .post('/api/screening/lists')
      .set(bearer(people.io.token))
      .field('name', 'Another list')
      .field('format', 'csv')
      .attach('file', PARTNERS_CSV, 'partners.csv');
    expect(res.status).toBe(201);
    const job = await waitForJob(t, people.io.token, res.body.rescreenJobId);
    expect(conformanceProblems(document, responseSchema(document, 'get', '/api/jobs/{id}', 200), job)).toEqual([]);
    expect((await w.get(people.leader, `/jobs/${job.id}`)).status).toBe(403);
    expect((await w.get(people.io, '/jobs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
