import { AbilityFactory } from '../../src/authorization/ability.factory';
import { caseSubject } from '../../src/authorization/rules/case-subject';
import { toAuthUser } from '../../src/auth/auth.service';
import { DataSource } from 'typeorm';
import { Case } from '../../src/cases/case.entity';
import { CasesRepository } from '../../src/cases/cases.repository';
import { CaseQuery } from '../../src/cases/dto/case-query.dto';
import { UsersRepository } from '../../src/users/users.repository';
import { benignPartnership, CaseWorld, riskyMobility, sensitivePartnership } from '../support/case-world';
import { TestApp, TestUser } from '../support/test-app';

/**
 * The SQL filter of the case list (findVisibleTo) and the CASL rules must agree: over a seeded mix
 * of cases in every status and users of every role, the list equals the cases `read` allows.
 */
describe('case visibility: findVisibleTo agrees with the ability rules', () => {
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
    await w.draft(benignPartnership());
    await w.draft(sensitivePartnership(), professor);
    const triage = await w.draft(riskyMobility(), w.otherResearcher);
    await w.post(w.otherResearcher, `/cases/${triage.id}/submit`);
    await w.inReview(sensitivePartnership());
    await w.inReview(sensitivePartnership(), professor);
    await w.inReview(riskyMobility(), ioResearcher);
    const recused = await w.inReview(sensitivePartnership(), w.otherResearcher);
    await w.expectOk(
      await w.post(w.ksMember, `/cases/${recused.id}/conflicts`, {
        committee: 'knowledge_security',
        reason: 'Former colleague',
      }),
      201,
    );
    const asked = await w.inReview(riskyMobility());
    await w.post(w.rdChair, `/cases/${asked.id}/stages/risk_destinations/decision`, {
      decision: 'request_information',
      rationale: 'q',
      questions: 'Where will you stay?',
    });
    const escalated = await w.inReview(riskyMobility());
    await w.decideStage(escalated.id, 'risk_destinations', w.rdChair, w.rdMember, {
      decision: 'escalate',
      rationale: 'Board',
    });
    const rejected = await w.inReview(sensitivePartnership());
    await w.decideStage(rejected.id, 'dual_use_ethics', w.dueChair, w.dueMember, {
      decision: 'reject',
      rationale: 'No',
    });
    const cleared = await w.draft(benignPartnership(), w.otherResearcher);
    await w.post(w.otherResearcher, `/cases/${cleared.id}/submit`);
    await w.post(w.io, `/cases/${cleared.id}/triage`, {});
    const withdrawn = await w.inReview(riskyMobility());
    await w.post(w.researcher, `/cases/${withdrawn.id}/withdraw`, { reason: 'Cancelled trip' });
    const withdrawnDraft = await w.draft(sensitivePartnership());
    await w.expectOk(await w.post(w.researcher, `/cases/${withdrawnDraft.id}/withdraw`, { reason: 'Never mind' }));
  });

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
    expect(all.length).toBeGreaterThanOrEqual(12);

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
});
