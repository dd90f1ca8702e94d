import { DataSource } from 'typeorm';
import { toAuthUser } from '../../src/auth/auth.service';
import { AbilityFactory } from '../../src/authorization/ability.factory';
import { caseSubject } from '../../src/authorization/rules/case-subject';
import { Case } from '../../src/cases/case.entity';
import { CaseReadingService } from '../../src/cases/case-reading.service';
import { toCaseResponse } from '../../src/cases/case-response.mapper';
import { CaseQuery } from '../../src/cases/dto/case-query.dto';
import { UsersRepository } from '../../src/users/users.repository';
import { benignPartnership, CaseWorld, riskyMobility, sensitivePartnership } from '../support/case-world';
import { TestApp, TestUser } from '../support/test-app';

/**
 * Lists and case pages read cases with plain SQL and a hand-written hydrator. What they answer
 * must be exactly what the mapper makes of the full entity graph TypeORM loads (every field, every
 * date, JSON column and null), for every viewer: the applicant, reviewers, a recused reviewer, the
 * International Office and leadership.
 */
describe('case read model: lists and case pages answer what the entity graph gives', () => {
  let t: TestApp;
  let w: CaseWorld;
  let viewers: TestUser[];

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
    viewers = [w.researcher, w.otherResearcher, w.io, w.leadership, w.ksChair, w.ksMember, w.ksMember2, w.rdChair];

    await w.draft(benignPartnership());
    const triage = await w.draft(riskyMobility(), w.otherResearcher);
    await w.expectOk(await w.post(w.otherResearcher, `/cases/${triage.id}/submit`));
    // Two reviewers and two opinions on one stage, a recusal, conditions with a waiver.
    const reviewed = await w.inReview(sensitivePartnership());
    await w.expectOk(
      await w.post(w.ksChair, `/cases/${reviewed.id}/stages/knowledge_security/reviewers`, {
        reviewerIds: [w.ksMember.id, w.ksMember2.id],
      }),
    );
    for (const member of [w.ksMember2, w.ksMember]) {
      await w.expectOk(
        await w.post(member, `/cases/${reviewed.id}/stages/knowledge_security/opinions`, {
          recommendation: 'approve_with_conditions',
          comment: `Opinion of ${member.name}`,
        }),
        201,
      );
    }
    const recused = await w.inReview(sensitivePartnership(), w.otherResearcher);
    await w.expectOk(
      await w.post(w.ksMember, `/cases/${recused.id}/conflicts`, { committee: 'knowledge_security', reason: 'Friend' }),
      201,
    );
    const conditional = await w.inReview(riskyMobility());
    await w.decideStage(conditional.id, 'risk_destinations', w.rdChair, w.rdMember, {
      decision: 'approve_with_conditions',
      rationale: 'With care',
      conditions: ['Register with the embassy', 'Daily check-in'],
    });
    const decided = await w.expectOk(await w.get(w.io, `/cases/${conditional.id}`));
    const [first] = decided.outcome.conditions as { id: string }[];
    await w.expectOk(
      await w.patch(w.io, `/cases/${conditional.id}/conditions/${first.id}`, {
        status: 'waived',
        reason: 'Not needed',
      }),
    );
    const asked = await w.inReview(riskyMobility());
    await w.expectOk(
      await w.post(w.rdChair, `/cases/${asked.id}/stages/risk_destinations/decision`, {
        decision: 'request_information',
        rationale: 'q',
        questions: 'Where will you stay?',
      }),
    );
    const escalated = await w.inReview(riskyMobility());
    await w.decideStage(escalated.id, 'risk_destinations', w.rdChair, w.rdMember, {
      decision: 'escalate',
      rationale: 'Board',
    });
    const cleared = await w.draft(benignPartnership(), w.otherResearcher);
    await w.expectOk(await w.post(w.otherResearcher, `/cases/${cleared.id}/submit`));
    await w.expectOk(await w.post(w.io, `/cases/${cleared.id}/triage`, {}));
  });

  afterAll(async () => {
    await t.close();
  });

  /** What the mapper makes of the entity graph, reviewers in the documented order (assignment, then id). */
  async function expected(viewer: TestUser) {
    const actor = toAuthUser((await t.app.get(UsersRepository).findById(viewer.id))!);
    const ability = t.app.get(AbilityFactory).createFor(actor);
    const all = await t.app
      .get(DataSource)
      .getRepository(Case)
      .find({
        relations: {
          applicant: true,
          stages: { reviewers: { reviewer: true }, opinions: { reviewer: true } },
          conditions: true,
          conflicts: true,
        },
        order: { createdAt: 'DESC', reference: 'DESC' },
      });
    return all
      .filter((kase) => ability.can('read', caseSubject(kase)))
      .map((kase) => {
        for (const stage of kase.stages) {
          stage.reviewers.sort((a, b) => +a.assignedAt - +b.assignedAt || a.reviewerId.localeCompare(b.reviewerId));
        }
        const confidential = kase.applicantId !== actor.id && ability.can('read_confidential', caseSubject(kase));
        return JSON.parse(JSON.stringify(toCaseResponse(kase, { confidential })));
      });
  }

  it('answers every visible case on its page exactly as the entity graph maps', async () => {
    let compared = 0;
    for (const viewer of viewers) {
      for (const kase of await expected(viewer)) {
        expect(await w.expectOk(await w.get(viewer, `/cases/${kase.id}`))).toEqual(kase);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(25);
  });

  it('answers the same cases, in the same order and shape, in the list', async () => {
    for (const viewer of viewers) {
      const list = await w.expectOk(await w.get(viewer, '/cases?pageSize=100'));
      const cases = await expected(viewer);
      expect({ viewer: viewer.email, items: list.items, total: list.total }).toEqual({
        viewer: viewer.email,
        items: cases,
        total: cases.length,
      });
    }
  });

  it('pages through the list without gaps or repeats', async () => {
    const all = (await w.expectOk(await w.get(w.io, '/cases?pageSize=100'))).items.map((c: { id: string }) => c.id);
    const paged: string[] = [];
    for (let page = 1; page <= Math.ceil(all.length / 3); page++) {
      const res = await w.expectOk(await w.get(w.io, `/cases?page=${page}&pageSize=3`));
      expect(res.total).toBe(all.length);
      paged.push(...res.items.map((c: { id: string }) => c.id));
    }
    expect(paged).toEqual(all);
  });

  it('shows a write to the very next read, in the list and its total', async () => {
    const before = await w.expectOk(await w.get(w.io, '/cases?pageSize=1'));
    const draft = await w.draft(sensitivePartnership({ title: 'Fresh' }), w.otherResearcher);
    await w.expectOk(await w.post(w.otherResearcher, `/cases/${draft.id}/submit`));
    const after = await w.expectOk(await w.get(w.io, '/cases?pageSize=1'));
    expect(after.total).toBe(before.total + 1);
    expect(after.items[0]).toMatchObject({ id: draft.id, status: 'triage' });
    const service = t.app.get(CaseReadingService);
    const actor = toAuthUser((await t.app.get(UsersRepository).findById(w.io.id))!);
    const page = await service.list(actor, Object.assign(new CaseQuery(), { q: 'fresh' }));
    expect(page.items.map((c) => c.id)).toEqual([draft.id]);
  });
});
