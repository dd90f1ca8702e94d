import { AbilityFactory } from '../../src/authorization/ability.factory';
import { caseSubject } from '../../src/authorization/rules/case-subject';
import { toAuthUser } from '../../src/auth/auth.service';
import { DataSource } from 'typeorm';
import { Case } from '../../src/cases/case.entity';
import { CasesRepository } from '../../src/cases/cases.repository';
import { CaseQuery } from '../../src/cases/dto/case-query.dto';
import { Attachment } from '../../src/attachments/attachment.entity';
import { canReadAttachment } from '../../src/authorization/rules/attachment-subject';
import { CASE_STATUSES } from '../../src/domain/case.types';
import { AuthUser } from '../../src/authorization/auth-user';
import { UsersRepository } from '../../src/users/users.repository';
import { benignPartnership, CaseWorld, riskyMobility, sensitivePartnership } from '../support/case-world';
import { TestApp, TestUser } from '../support/test-app';

/**
 * The SQL filter of the case list (findVisibleTo) and the CASL rules must agree: over a seeded mix
 * of cases in every status and users of every role, the list equals the cases `read` allows.
 */
/** Seeding a case in every status with documents, and asking for each document as each user, takes a while. */
const SLOW = 300_000;

describe('case visibility: findVisibleTo and the documents agree with the ability rules', () => {
  let t: TestApp;
  let w: CaseWorld;
  let users: TestUser[];

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
    const professor = await t.createUser(
      ['researcher', 'reviewer'],
      [{ committee: 'knowledge_security', chair: false }],
    );
    const ioResearcher = await t.createUser(['researcher', 'international_office']);
    users = [
      w.researcher,
      w.otherResearcher,
      w.io,
      w.leadership,
      w.council,
      w.ksChair,
      w.ksMember,
      w.ksMember2,
      w.dueChair,
      w.dueMember,
      w.rdChair,
      w.rdMember,
      professor,
      ioResearcher,
    ];

    // A mix: drafts, triage, in review, information requested, escalated, decided, withdrawn, recusals.
    // Every case carries a document of its applicant and, once submitted, an internal one.
    const draftWithDocument = async (body: object, by: TestUser) => {
      const draft = await w.draft(body, by);
      await w.attach(by, draft.id, 'project_description', 'project-description.docx');
      return draft;
    };
    const submitted = async (body: object, by: TestUser) => {
      const draft = await draftWithDocument(body, by);
      await w.expectOk(await w.post(by, `/cases/${draft.id}/submit`));
      await w.attach(w.io, draft.id, 'internal', 'notes.txt', 'triage-notes.txt');
      return draft;
    };
    const inReview = async (body: object, by: TestUser = w.researcher) => {
      const draft = await submitted(body, by);
      return w.expectOk(await w.post(w.io, `/cases/${draft.id}/triage`, {}));
    };

    await draftWithDocument(benignPartnership(), w.researcher);
    await draftWithDocument(sensitivePartnership(), professor);
    await submitted(riskyMobility(), w.otherResearcher);
    await inReview(sensitivePartnership());
    await inReview(sensitivePartnership(), professor);
    await inReview(riskyMobility(), ioResearcher);
    const recused = await inReview(sensitivePartnership(), w.otherResearcher);
    await w.attach(w.ksMember, recused.id, 'internal', 'partners.xlsx');
    await w.expectOk(
      await w.post(w.ksMember, `/cases/${recused.id}/conflicts`, {
        committee: 'knowledge_security',
        reason: 'Former colleague',
      }),
      201,
    );
    const asked = await inReview(riskyMobility());
    await w.post(w.rdChair, `/cases/${asked.id}/stages/risk_destinations/decision`, {
      decision: 'request_information',
      rationale: 'q',
      questions: 'Where will you stay?',
    });
    await w.attach(w.researcher, asked.id, 'other', 'site-plan.png');
    const escalated = await inReview(riskyMobility());
    await w.decideStage(escalated.id, 'risk_destinations', w.rdChair, w.rdMember, {
      decision: 'escalate',
      rationale: 'Board',
    });
    const rejected = await inReview(sensitivePartnership());
    await w.decideStage(rejected.id, 'dual_use_ethics', w.dueChair, w.dueMember, {
      decision: 'reject',
      rationale: 'No',
    });
    const withConditions = await inReview(riskyMobility());
    await w.decideStage(withConditions.id, 'risk_destinations', w.rdChair, w.rdMember, {
      decision: 'approve_with_conditions',
      rationale: 'With a security briefing',
      conditions: ['Attend the security briefing'],
    });
    const cleared = await submitted(benignPartnership(), w.otherResearcher);
    await w.post(w.io, `/cases/${cleared.id}/triage`, {});
    const withdrawn = await inReview(riskyMobility());
    await w.post(w.researcher, `/cases/${withdrawn.id}/withdraw`, { reason: 'Cancelled trip' });
    const withdrawnDraft = await draftWithDocument(sensitivePartnership(), w.researcher);
    await w.expectOk(await w.post(w.researcher, `/cases/${withdrawnDraft.id}/withdraw`, { reason: 'Never mind' }));
  }, SLOW);

  afterAll(async () => {
    await t.close();
  });

  it('returns, for every user, exactly the cases the rules let them read', async () => {
    const repository = t.app.get(CasesRepository);
    const abilities = t.app.get(AbilityFactory);
    const userRepository = t.app.get(UsersRepository);
    const query = Object.assign(new CaseQuery(), { page: 1, pageSize: 100 });
    // Every case in the database, loaded directly with what the rules look at.
    const all = await t.app
      .get(DataSource)
      .getRepository(Case)
      .find({ relations: { stages: true, conflicts: true } });
    expect(all.length).toBeGreaterThanOrEqual(14);
    expect(new Set(all.map((c) => c.status))).toEqual(new Set(CASE_STATUSES));

    let compared = 0;
    for (const user of users) {
      const actor = toAuthUser((await userRepository.findById(user.id))!);
      const ability = abilities.createFor(actor);
      const [listed] = await repository.findVisibleTo(actor, query);
      const expected = all
        .filter((c) => ability.can('read', caseSubject(c)))
        .map((c) => c.id)
        .sort();
      expect({ user: user.email, ids: listed.map((c) => c.id).sort() }).toEqual({ user: user.email, ids: expected });
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(20);
  });
  /** Every case in the database with what the rules look at, and every document. */
  async function everything() {
    const dataSource = t.app.get(DataSource);
    const cases = await dataSource.getRepository(Case).find({ relations: { stages: true, conflicts: true } });
    const attachments = await dataSource.getRepository(Attachment).find();
    return { cases, attachments };
  }

  const actorOf = async (user: TestUser): Promise<AuthUser> =>
    toAuthUser((await t.app.get(UsersRepository).findById(user.id))!);

  it(
    'lists and serves, for every user and every case status, exactly the documents the rules let them read',
    async () => {
      const { cases, attachments } = await everything();
      const abilities = t.app.get(AbilityFactory);
      expect(attachments.length).toBeGreaterThan(cases.length);
      let served = 0;
      for (const user of users) {
        const ability = abilities.createFor(await actorOf(user));
        for (const kase of cases) {
          const own = attachments.filter((a) => a.caseId === kase.id);
          const where = `${user.email} on a ${kase.status} case`;
          const listed = await w.get(user, `/cases/${kase.id}/attachments`);
          if (!ability.can('read', caseSubject(kase))) {
            expect({ where, status: listed.status, code: listed.body.code }).toEqual({
              where,
              status: 404,
              code: 'CASE_NOT_FOUND',
            });
          } else {
            const expected = own.filter((a) => canReadAttachment(ability, kase, a)).map((a) => a.id);
            expect({ where, ids: listed.body.map((a: { id: string }) => a.id).sort() }).toEqual({
              where,
              ids: expected.sort(),
            });
          }
          for (const attachment of own) {
            const visible = canReadAttachment(ability, kase, attachment);
            const res = await w.get(user, `/cases/${kase.id}/attachments/${attachment.id}`);
            expect({ where, kind: attachment.kind, status: res.status }).toEqual({
              where,
              kind: attachment.kind,
              status: visible ? 200 : 404,
            });
            if (visible) served++;
          }
        }
      }
      expect(served).toBeGreaterThan(50);
    },
    SLOW,
  );

  it(
    'shows the applicant their own documents and never an internal one; recused members, council and admin nothing',
    async () => {
      const { cases, attachments } = await everything();
      const seen = async (user: TestUser | string) => {
        const ids: string[] = [];
        for (const kase of cases) {
          const res = await w.get(user, `/cases/${kase.id}/attachments`);
          if (res.status === 200) ids.push(...res.body.map((a: { id: string }) => a.id));
        }
        return attachments.filter((a) => ids.includes(a.id));
      };
      const applicantCases = new Set(cases.filter((c) => c.applicantId === w.researcher.id).map((c) => c.id));
      const applicantSees = await seen(w.researcher);
      expect(applicantSees.length).toBeGreaterThan(0);
      expect(applicantSees.every((a) => applicantCases.has(a.caseId) && a.kind !== 'internal')).toBe(true);
      expect(applicantSees.map((a) => a.id).sort()).toEqual(
        attachments
          .filter((a) => applicantCases.has(a.caseId) && a.kind !== 'internal')
          .map((a) => a.id)
          .sort(),
      );
      const recusedCase = cases.find((c) => c.conflicts.some((x) => x.userId === w.ksMember.id))!;
      expect((await seen(w.ksMember)).some((a) => a.caseId === recusedCase.id)).toBe(false);
      expect((await w.get(w.ksMember, `/cases/${recusedCase.id}/attachments`)).status).toBe(404);
      expect(await seen(w.council)).toEqual([]);
      expect(await seen(w.admin)).toEqual([]);
    },
    SLOW,
  );
});
