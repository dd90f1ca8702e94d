import { DataSource } from 'typeorm';
import { CaseStage } from '../../src/cases/case.entity';
import { WorkingDayCalendar } from '../../src/workflow/working-day-calendar';
import { benignPartnership, CaseWorld, riskyMobility, sensitivePartnership } from '../support/case-world';
import { TestApp } from '../support/test-app';

describe('case lifecycle (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('a draft', () => {
    it('is created by a researcher with a readable reference, seen only by them', async () => {
      const res = await w.post(w.researcher, '/cases', sensitivePartnership());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        reference: expect.stringMatching(/^IRR-\d{4}-\d{5}$/),
        status: 'draft',
        type: 'partnership',
        applicant: { id: w.researcher.id, name: w.researcher.name, email: w.researcher.email },
        partners: [{ name: 'Harbin Institute of Technology', country: 'CN', type: 'university' }],
        route: [],
        stages: [],
        outcome: null,
        version: 1,
      });
      for (const other of [w.otherResearcher, w.io, w.ksChair, w.leadership]) {
        expect((await w.get(other, `/cases/${res.body.id}`)).status).toBe(404);
      }
      // Council and admin have no access to cases at all: a case is as unknown to them as a missing one,
      // on every route about one case; the case list is refused outright.
      const missing = await w.get(w.io, '/cases/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      for (const outsider of [w.council, w.admin]) {
        const read = await w.get(outsider, `/cases/${res.body.id}`);
        expect({ status: read.status, body: read.body }).toEqual({ status: 404, body: missing.body });
        expect((await w.get(outsider, `/cases/${res.body.id}/history`)).status).toBe(404);
        expect((await w.post(outsider, `/cases/${res.body.id}/withdraw`, { reason: 'x' })).status).toBe(404);
        expect((await w.get(outsider, '/cases')).status).toBe(403);
      }
    });

    it.each([
      ['no partners', { partners: [] }, 'partners'],
      ['a mobility without destinations', { type: 'mobility' }, 'destinations'],
      [
        'an unknown partner country',
        { partners: [{ name: 'Atlantis University', country: 'QQ', type: 'university' }] },
        'partners.0.country',
      ],
      [
        'a malformed country',
        { partners: [{ name: 'Atlantis University', country: 'Q', type: 'university' }] },
        'partners.0.country',
      ],
      ['an unknown partner type', { partners: [{ name: 'X Corp', country: 'DE', type: 'pirate' }] }, 'partners.0.type'],
      ['an end before the start', { startDate: '2027-05-01', endDate: '2027-04-01' }, 'endDate'],
      ['an unknown technology area', { technologyAreas: ['telepathy'] }, 'technologyAreas'],
      [
        'an Annex I category out of range',
        { dualUse: { annexICategories: [12], militaryEndUse: false, misusePotential: false } },
        'annexICategories',
      ],
      ['an unknown field', { secret: 'x' }, 'secret'],
      ['a blank title', { title: '   ' }, 'title'],
      ['an empty summary', { summary: '' }, 'summary'],
      ['null technology areas', { technologyAreas: null }, 'technologyAreas'],
      ['null funding', { funding: null }, 'funding'],
      ['a null dual-use declaration', { dualUse: null }, 'dualUse'],
    ])('rejects %s with a 400 naming the field, and stores nothing', async (_label, override, field) => {
      const before = (await w.get(w.researcher, '/cases?mine=true')).body.total;
      const res = await w.post(w.researcher, '/cases', benignPartnership(override));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
      expect((await w.get(w.researcher, '/cases?mine=true')).body.total).toBe(before);
    });

    it('takes a short title and summary: the contract asks only that they are given', async () => {
      expect(await w.draft(benignPartnership({ title: 'AI', summary: 'Exchange.' }))).toMatchObject({
        title: 'AI',
        summary: 'Exchange.',
      });
    });

    it('is edited by its applicant only', async () => {
      const draft = await w.draft(benignPartnership());
      const res = await w.patch(w.researcher, `/cases/${draft.id}`, {
        title: 'A better title',
        partners: [{ name: 'Sorbonne Université', country: 'fr', type: 'university' }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'A better title',
        version: 2,
        partners: [{ name: 'Sorbonne Université', country: 'FR', type: 'university' }],
      });
      expect((await w.patch(w.otherResearcher, `/cases/${draft.id}`, { title: 'Hijacked' })).status).toBe(404);
      expect((await w.patch(w.researcher, `/cases/${draft.id}`, { type: 'mobility' })).status).toBe(400);
    });

    it.each([['title'], ['summary'], ['type'], ['partners'], ['dualUse'], ['technologyAreas']])(
      'refuses an edit that sets %s to null with a 400 naming it, and changes nothing',
      async (field) => {
        const draft = await w.draft(sensitivePartnership());
        const res = await w.patch(w.researcher, `/cases/${draft.id}`, { [field]: null });
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.message)).toContain(field);
        expect(await w.expectOk(await w.get(w.researcher, `/cases/${draft.id}`))).toEqual(draft);
      },
    );

    it('lets an edit clear the fields that may be empty', async () => {
      const draft = await w.draft(benignPartnership({ department: 'Physics', startDate: '2027-01-01' }));
      const cleared = await w.expectOk(
        await w.patch(w.researcher, `/cases/${draft.id}`, { department: null, startDate: null }),
      );
      expect(cleared).toMatchObject({ department: null, startDate: null, version: 2 });
    });
  });

  it('runs the full path: submit, route, triage, reviewers, opinions, information request, decisions, conditions', async () => {
    const draft = await w.draft(sensitivePartnership());

    // Submit: routing proposes knowledge_security and dual_use_ethics, with reasons.
    const submitted = await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    expect(submitted.status).toBe('triage');
    expect(submitted.submittedAt).toEqual(expect.any(String));
    expect(submitted.ruleSetVersion).toEqual(expect.any(String));
    expect(submitted.route.map((r: { committee: string }) => r.committee)).toEqual([
      'knowledge_security',
      'dual_use_ethics',
    ]);
    for (const entry of submitted.route) {
      expect(entry.reasons.length).toBeGreaterThan(0);
      for (const reason of entry.reasons)
        expect(reason).toEqual({ rule: expect.any(String), message: expect.stringMatching(/\w+ \w+/) });
    }
    expect(JSON.stringify(submitted.route)).toContain('China');
    expect((await w.post(w.researcher, `/cases/${draft.id}/submit`)).status).toBe(409);
    expect((await w.patch(w.researcher, `/cases/${draft.id}`, { title: 'Too late' })).status).toBe(409);

    // Now visible to the IO and to the two committees' members, not to risk_destinations.
    expect((await w.get(w.io, `/cases/${draft.id}`)).status).toBe(200);
    expect((await w.get(w.rdChair, `/cases/${draft.id}`)).status).toBe(404);
    expect((await w.post(w.researcher, `/cases/${draft.id}/triage`, {})).status).toBe(403);

    // Triage: amending the route needs a reason.
    expect((await w.post(w.io, `/cases/${draft.id}/triage`, { committees: ['knowledge_security'] })).status).toBe(400);
    expect(
      (
        await w.post(w.io, `/cases/${draft.id}/triage`, {
          committees: ['knowledge_security', 'nonexistent_committee'],
          reason: 'x',
        })
      ).status,
    ).toBe(400);
    const inReview = await w.expectOk(await w.post(w.io, `/cases/${draft.id}/triage`, {}));
    expect(inReview.status).toBe('in_review');
    expect(inReview.stages).toEqual([
      expect.objectContaining({
        committee: 'knowledge_security',
        status: 'open',
        dueAt: expect.any(String),
        decision: null,
      }),
      expect.objectContaining({
        committee: 'dual_use_ethics',
        status: 'open',
        dueAt: expect.any(String),
        decision: null,
      }),
    ]);
    // The committees' targets, 15 and 20 working days (in Brussels, without Belgian public holidays
    // and closure days), from the moment the stages opened; test/e2e/working-days.e2e-spec.ts holds
    // the clock on known dates and checks them exactly.
    const opened = new Date(inReview.stages[0].openedAt);
    const calendar = t.app.get(WorkingDayCalendar);
    expect(inReview.stages.map((s: { dueAt: string }) => s.dueAt)).toEqual([
      calendar.addWorkingDaysNow(opened, 15).toISOString(),
      calendar.addWorkingDaysNow(opened, 20).toISOString(),
    ]);
    expect((await w.post(w.io, `/cases/${draft.id}/triage`, {})).status).toBe(409);

    // Only the chair of the committee assigns, and only members of that committee.
    expect(
      (
        await w.post(w.ksMember, `/cases/${draft.id}/stages/knowledge_security/reviewers`, {
          reviewerIds: [w.ksMember.id],
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await w.post(w.dueChair, `/cases/${draft.id}/stages/knowledge_security/reviewers`, {
          reviewerIds: [w.ksMember.id],
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await w.post(w.ksChair, `/cases/${draft.id}/stages/knowledge_security/reviewers`, {
          reviewerIds: [w.dueMember.id],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await w.post(w.ksChair, `/cases/${draft.id}/stages/knowledge_security/reviewers`, {
          reviewerIds: [w.researcher.id],
        })
      ).status,
    ).toBe(400);
    const assigned = await w.expectOk(
      await w.post(w.ksChair, `/cases/${draft.id}/stages/knowledge_security/reviewers`, {
        reviewerIds: [w.ksMember.id],
      }),
    );
    expect(assigned.stages[0].reviewers).toEqual([{ id: w.ksMember.id, name: w.ksMember.name }]);

    // No decision before the quorum; only assigned reviewers give opinions, once.
    expect(
      (
        await w.post(w.ksChair, `/cases/${draft.id}/stages/knowledge_security/decision`, {
          decision: 'approve',
          rationale: 'ok',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await w.post(w.ksMember2, `/cases/${draft.id}/stages/knowledge_security/opinions`, {
          recommendation: 'reject',
          comment: 'no',
        })
      ).status,
    ).toBe(403);
    const opinion = await w.post(w.ksMember, `/cases/${draft.id}/stages/knowledge_security/opinions`, {
      recommendation: 'approve_with_conditions',
      comment: 'Only with an export licence check',
    });
    expect(opinion.status).toBe(201);
    expect(
      (
        await w.post(w.ksMember, `/cases/${draft.id}/stages/knowledge_security/opinions`, {
          recommendation: 'approve',
          comment: 'again',
        })
      ).status,
    ).toBe(409);

    // The applicant never sees opinions, reviewers or screening hits.
    const asApplicant = await w.expectOk(await w.get(w.researcher, `/cases/${draft.id}`));
    expect(asApplicant.screening).toBeUndefined();
    for (const stage of asApplicant.stages) {
      expect(stage.opinions).toBeUndefined();
      expect(stage.reviewers).toBeUndefined();
    }
    expect(JSON.stringify(asApplicant)).not.toContain('export licence check');
    expect(JSON.stringify(asApplicant)).not.toContain(w.ksMember.name);
    const asIo = await w.expectOk(await w.get(w.io, `/cases/${draft.id}`));
    expect(asIo.screening).toEqual({ hits: [] });
    expect(asIo.stages[0].opinions).toEqual([
      {
        reviewer: { id: w.ksMember.id, name: w.ksMember.name },
        recommendation: 'approve_with_conditions',
        comment: 'Only with an export licence check',
        at: expect.any(String),
      },
    ]);

    // Knowledge security approves with conditions; the case waits for the other stage.
    expect(
      (
        await w.post(w.ksChair, `/cases/${draft.id}/stages/knowledge_security/decision`, {
          decision: 'approve_with_conditions',
          rationale: 'Acceptable with safeguards',
        })
      ).status,
    ).toBe(400);
    const ksDecided = await w.expectOk(
      await w.post(w.ksChair, `/cases/${draft.id}/stages/knowledge_security/decision`, {
        decision: 'approve_with_conditions',
        rationale: 'Acceptable with safeguards',
        conditions: ['No access to the radar test facility', 'Annual report to the committee'],
      }),
    );
    expect(ksDecided.status).toBe('in_review');
    expect(ksDecided.stages[0]).toMatchObject({
      status: 'decided',
      decision: 'approve_with_conditions',
      decidedAt: expect.any(String),
    });
    expect(
      (
        await w.post(w.ksChair, `/cases/${draft.id}/stages/knowledge_security/decision`, {
          decision: 'reject',
          rationale: 'changed my mind',
        })
      ).status,
    ).toBe(409);

    // Dual use asks a question (no quorum needed): the stage clock stops, the applicant may edit.
    const dueBefore = new Date(ksDecided.stages[1].dueAt).getTime();
    const asked = await w.expectOk(
      await w.post(w.dueChair, `/cases/${draft.id}/stages/dual_use_ethics/decision`, {
        decision: 'request_information',
        rationale: 'Need details',
        questions: 'Which radar bands are involved?',
      }),
    );
    expect(asked.status).toBe('information_requested');
    expect(asked.stages[1].status).toBe('information_requested');
    expect(asked.informationRequest).toMatchObject({
      returnTo: 'in_review',
      questions: [{ from: 'dual_use_ethics', text: 'Which radar bands are involved?' }],
    });
    expect(
      (
        await w.patch(w.researcher, `/cases/${draft.id}`, {
          summary: 'Joint research on machine learning for civil weather radar only.',
        })
      ).status,
    ).toBe(200);
    expect((await w.post(w.otherResearcher, `/cases/${draft.id}/respond`, { answer: 'x' })).status).toBe(404);
    await new Promise((r) => setTimeout(r, 20));
    const answered = await w.expectOk(
      await w.post(w.researcher, `/cases/${draft.id}/respond`, { answer: 'Only civil X-band weather radar.' }),
    );
    expect(answered.status).toBe('in_review');
    expect(answered.informationRequest).toBeNull();
    expect(answered.stages.map((s: { status: string }) => s.status)).toEqual(['decided', 'open']);
    expect(new Date(answered.stages[1].dueAt).getTime()).toBeGreaterThan(dueBefore);

    // Dual use approves: every stage decided, conditions gathered.
    const done = await w.decideStage(draft.id, 'dual_use_ethics', w.dueChair, w.dueMember, {
      decision: 'approve',
      rationale: 'Civil use only',
    });
    expect(done.status).toBe('approved_with_conditions');
    expect(done.outcome).toMatchObject({ decision: 'approved_with_conditions', decidedAt: expect.any(String) });
    expect(done.outcome.conditions).toEqual([
      { id: expect.any(String), text: 'No access to the radar test facility', status: 'open' },
      { id: expect.any(String), text: 'Annual report to the committee', status: 'open' },
    ]);
    expect((await w.post(w.researcher, `/cases/${draft.id}/withdraw`, { reason: 'changed plans' })).status).toBe(409);

    // Conditions: the applicant marks one met; only the IO waives, with a reason.
    const [first, second] = done.outcome.conditions;
    const met = await w.expectOk(
      await w.patch(w.researcher, `/cases/${draft.id}/conditions/${first.id}`, { status: 'met' }),
    );
    expect(met.outcome.conditions[0].status).toBe('met');
    expect((await w.patch(w.researcher, `/cases/${draft.id}/conditions/${first.id}`, { status: 'met' })).status).toBe(
      409,
    );
    expect(
      (
        await w.patch(w.researcher, `/cases/${draft.id}/conditions/${second.id}`, {
          status: 'waived',
          reason: 'not needed',
        })
      ).status,
    ).toBe(403);
    expect((await w.patch(w.io, `/cases/${draft.id}/conditions/${second.id}`, { status: 'waived' })).status).toBe(400);
    const waived = await w.expectOk(
      await w.patch(w.io, `/cases/${draft.id}/conditions/${second.id}`, {
        status: 'waived',
        reason: 'Facility closed',
      }),
    );
    expect(waived.outcome.conditions[1]).toMatchObject({ status: 'waived', waiverReason: 'Facility closed' });

    // History: complete for the IO, without confidential events for the applicant.
    const ioHistory = await w.expectOk(await w.get(w.io, `/cases/${draft.id}/history`));
    const actions = (ioHistory as unknown as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual([
      'created',
      'submitted',
      'route_confirmed',
      'reviewers_assigned',
      'opinion_given',
      'stage_decided',
      'information_requested',
      'updated',
      'information_provided',
      'reviewers_assigned',
      'opinion_given',
      'stage_decided',
      'condition_met',
      'condition_waived',
    ]);
    const applicantHistory = (await w.get(w.researcher, `/cases/${draft.id}/history`)).body as {
      action: string;
      actor: { id: string | null; name: string };
    }[];
    expect(applicantHistory.map((e) => e.action)).not.toContain('opinion_given');
    expect(applicantHistory.map((e) => e.action)).not.toContain('reviewers_assigned');
    const decision = applicantHistory.find((e) => e.action === 'stage_decided')!;
    expect(decision.actor).toEqual({ id: null, name: 'Knowledge Security Committee' });
    expect(JSON.stringify(applicantHistory)).not.toContain(w.ksMember.name);
    expect(JSON.stringify(applicantHistory)).not.toContain(w.ksChair.name);
    expect(JSON.stringify(applicantHistory)).not.toContain('export licence');
  });

  it('rejects at once when one stage rejects, cancelling the open stages', async () => {
    const kase = await w.inReview(sensitivePartnership());
    const rejected = await w.decideStage(kase.id, 'dual_use_ethics', w.dueChair, w.dueMember, {
      decision: 'reject',
      rationale: 'Military end use cannot be excluded',
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.stages.map((s: { committee: string; status: string }) => [s.committee, s.status])).toEqual([
      ['knowledge_security', 'cancelled'],
      ['dual_use_ethics', 'decided'],
    ]);
    expect(rejected.outcome).toMatchObject({ decision: 'rejected', rationale: 'Military end use cannot be excluded' });
    expect(
      (
        await w.post(w.ksChair, `/cases/${kase.id}/stages/knowledge_security/decision`, {
          decision: 'approve',
          rationale: 'late',
        })
      ).status,
    ).toBe(409);
    expect((await w.get(w.leadership, `/cases/${kase.id}`)).status).toBe(200);
  });

  it('escalates to leadership when a stage escalates, and leadership decides finally', async () => {
    const kase = await w.inReview(sensitivePartnership());
    await w.decideStage(kase.id, 'knowledge_security', w.ksChair, w.ksMember, {
      decision: 'escalate',
      rationale: 'Strategic question for the board',
    });
    expect((await w.get(w.leadership, `/cases/${kase.id}`)).status).toBe(404);
    const escalated = await w.decideStage(kase.id, 'dual_use_ethics', w.dueChair, w.dueMember, {
      decision: 'approve_with_conditions',
      rationale: 'ok',
      conditions: ['Civil use declaration'],
    });
    expect(escalated.status).toBe('escalated');
    const seen = await w.expectOk(await w.get(w.leadership, `/cases/${kase.id}`));
    expect(seen.stages[0].opinions).toHaveLength(1);
    expect(
      (await w.post(w.io, `/cases/${kase.id}/leadership-decision`, { decision: 'approve', rationale: 'x' })).status,
    ).toBe(403);
    expect(
      (
        await w.post(w.leadership, `/cases/${kase.id}/leadership-decision`, {
          decision: 'approve_with_conditions',
          rationale: 'x',
        })
      ).status,
    ).toBe(400);
    const decided = await w.expectOk(
      await w.post(w.leadership, `/cases/${kase.id}/leadership-decision`, {
        decision: 'approve_with_conditions',
        rationale: 'Strategically important',
        conditions: ['Board review after one year'],
      }),
    );
    expect(decided.status).toBe('approved_with_conditions');
    expect(decided.outcome).toMatchObject({
      decision: 'approved_with_conditions',
      rationale: 'Strategically important',
    });
    expect(decided.outcome.conditions.map((c: { text: string }) => c.text)).toEqual([
      'Civil use declaration',
      'Board review after one year',
    ]);
    expect(
      (await w.post(w.leadership, `/cases/${kase.id}/leadership-decision`, { decision: 'reject', rationale: 'again' }))
        .status,
    ).toBe(409);
  });

  it('clears a case with an empty route at triage', async () => {
    const draft = await w.draft(benignPartnership());
    const submitted = await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    expect(submitted.route).toEqual([]);
    const cleared = await w.expectOk(await w.post(w.io, `/cases/${draft.id}/triage`, {}));
    expect(cleared.status).toBe('approved');
    expect(cleared.outcome).toMatchObject({ decision: 'approved', note: 'no review required', conditions: [] });
  });

  it('lets the IO amend a route with a reason, and clear a routed case with a reason', async () => {
    const routed = await w.draft(riskyMobility());
    const submitted = await w.expectOk(await w.post(w.researcher, `/cases/${routed.id}/submit`));
    expect(submitted.route.map((r: { committee: string }) => r.committee)).toEqual(['risk_destinations']);
    expect((await w.post(w.io, `/cases/${routed.id}/triage`, { committees: [] })).status).toBe(400);
    const cleared = await w.expectOk(
      await w.post(w.io, `/cases/${routed.id}/triage`, {
        committees: [],
        reason: 'Covered by the university travel framework',
      }),
    );
    expect(cleared).toMatchObject({ status: 'approved', outcome: { note: 'no review required' } });

    const other = await w.draft(riskyMobility());
    await w.post(w.researcher, `/cases/${other.id}/submit`);
    const amended = await w.expectOk(
      await w.post(w.io, `/cases/${other.id}/triage`, {
        committees: ['risk_destinations', 'knowledge_security'],
        reason: 'Partner has defence links',
      }),
    );
    expect(amended.stages.map((s: { committee: string }) => s.committee).sort()).toEqual([
      'knowledge_security',
      'risk_destinations',
    ]);
    const history = (await w.get(w.io, `/cases/${other.id}/history`)).body as {
      action: string;
      details: { reason: string };
    }[];
    expect(history.find((e) => e.action === 'route_amended')?.details.reason).toBe('Partner has defence links');
  });

  it('asks the applicant at triage and returns to triage on the answer', async () => {
    const draft = await w.draft(riskyMobility());
    await w.post(w.researcher, `/cases/${draft.id}/submit`);
    const asked = await w.expectOk(
      await w.post(w.io, `/cases/${draft.id}/request-information`, { questions: 'Who is your local contact?' }),
    );
    expect(asked.status).toBe('information_requested');
    expect((await w.post(w.io, `/cases/${draft.id}/triage`, {})).status).toBe(409);
    const answered = await w.expectOk(
      await w.post(w.researcher, `/cases/${draft.id}/respond`, {
        answer: 'Dr. Shevchenko',
        changes: { destinations: [{ country: 'UA', city: 'Lviv', from: '2027-04-01', to: '2027-04-10' }] },
      }),
    );
    expect(answered.status).toBe('triage');
    expect(answered.destinations[0].city).toBe('Lviv');
    expect((await w.post(w.researcher, `/cases/${draft.id}/respond`, { answer: 'again' })).status).toBe(409);
  });

  it('lets the applicant withdraw before a final outcome, cancelling open stages', async () => {
    const kase = await w.inReview(riskyMobility());
    expect((await w.post(w.io, `/cases/${kase.id}/withdraw`, { reason: 'Not yours to withdraw' })).status).toBe(403);
    const withdrawn = await w.expectOk(
      await w.post(w.researcher, `/cases/${kase.id}/withdraw`, { reason: 'Trip cancelled' }),
    );
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.stages[0].status).toBe('cancelled');
    expect((await w.post(w.researcher, `/cases/${kase.id}/withdraw`, { reason: 'again' })).status).toBe(409);
    const draft = await w.draft(benignPartnership());
    expect((await w.post(w.researcher, `/cases/${draft.id}/withdraw`, { reason: 'Not needed' })).body.status).toBe(
      'withdrawn',
    );
    // Never submitted, so it never reached the International Office: not by id, history or list.
    expect((await w.get(w.io, `/cases/${draft.id}`)).status).toBe(404);
    expect((await w.get(w.io, `/cases/${draft.id}/history`)).status).toBe(404);
    const listed = await w.expectOk(await w.get(w.io, `/cases?status=withdrawn&pageSize=100`));
    expect(listed.items.map((c: { id: string }) => c.id)).toContain(kase.id);
    expect(listed.items.map((c: { id: string }) => c.id)).not.toContain(draft.id);
  });

  it('lets an assignment lapse when the reviewer leaves the committee', async () => {
    const both = await w.t.createUser(
      ['reviewer'],
      [
        { committee: 'knowledge_security', chair: false },
        { committee: 'dual_use_ethics', chair: false },
      ],
    );
    const kase = await w.inReview(sensitivePartnership());
    await w.expectOk(
      await w.post(w.dueChair, `/cases/${kase.id}/stages/dual_use_ethics/reviewers`, { reviewerIds: [both.id] }),
    );
    await w.expectOk(
      await w.patch(w.admin, `/users/${both.id}`, { committees: [{ committee: 'knowledge_security', chair: false }] }),
    );
    // Still on the case through knowledge_security, but no longer an assessor for dual_use_ethics.
    expect((await w.get(both, `/cases/${kase.id}`)).status).toBe(200);
    expect(
      (
        await w.post(both, `/cases/${kase.id}/stages/dual_use_ethics/opinions`, {
          recommendation: 'approve',
          comment: 'Fine',
        })
      ).status,
    ).toBe(403);
  });

  it('lets a chair refer the case to another committee, opening a new stage', async () => {
    const kase = await w.inReview(riskyMobility());
    expect(
      (
        await w.post(w.rdChair, `/cases/${kase.id}/stages/risk_destinations/refer`, {
          committee: 'risk_destinations',
          reason: 'loop',
        })
      ).status,
    ).toBe(409);
    expect((await w.get(w.dueChair, `/cases/${kase.id}`)).status).toBe(404);
    const referred = await w.expectOk(
      await w.post(w.rdChair, `/cases/${kase.id}/stages/risk_destinations/refer`, {
        committee: 'dual_use_ethics',
        reason: 'Drones in the field work',
      }),
    );
    expect(referred.stages.map((s: { committee: string; status: string }) => [s.committee, s.status])).toEqual([
      ['risk_destinations', 'open'],
      ['dual_use_ethics', 'open'],
    ]);
    expect((await w.get(w.dueChair, `/cases/${kase.id}`)).status).toBe(200);
    await w.decideStage(kase.id, 'risk_destinations', w.rdChair, w.rdMember, {
      decision: 'approve',
      rationale: 'Safe region',
    });
    const done = await w.decideStage(kase.id, 'dual_use_ethics', w.dueChair, w.dueMember, {
      decision: 'approve',
      rationale: 'No drones after all',
    });
    expect(done.status).toBe('approved');
  });

  it('recuses a reviewer who declares a conflict: they no longer see the case and do not count for the quorum', async () => {
    const kase = await w.inReview(sensitivePartnership());
    await w.expectOk(
      await w.post(w.ksChair, `/cases/${kase.id}/stages/knowledge_security/reviewers`, {
        reviewerIds: [w.ksMember.id, w.ksMember2.id],
      }),
    );
    await w.expectOk(
      await w.post(w.ksMember2, `/cases/${kase.id}/stages/knowledge_security/opinions`, {
        recommendation: 'approve',
        comment: 'fine',
      }),
      201,
    );
    expect(
      (await w.post(w.ksMember2, `/cases/${kase.id}/conflicts`, { committee: 'dual_use_ethics', reason: 'x' })).status,
    ).toBe(400);
    const declared = await w.post(w.ksMember2, `/cases/${kase.id}/conflicts`, {
      committee: 'knowledge_security',
      reason: 'I co-authored with the partner',
    });
    expect(declared.status).toBe(201);
    expect(declared.body).toEqual({ caseId: kase.id, committee: 'knowledge_security', recused: true });
    expect((await w.get(w.ksMember2, `/cases/${kase.id}`)).status).toBe(404);
    expect((await w.get(w.ksMember2, '/cases')).body.items.map((c: { id: string }) => c.id)).not.toContain(kase.id);
    expect(
      (
        await w.post(w.ksMember2, `/cases/${kase.id}/stages/knowledge_security/opinions`, {
          recommendation: 'approve',
          comment: 'x',
        })
      ).status,
    ).toBe(404);
    // Their earlier opinion no longer counts: the quorum of one is not met.
    expect(
      (
        await w.post(w.ksChair, `/cases/${kase.id}/stages/knowledge_security/decision`, {
          decision: 'approve',
          rationale: 'ok',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await w.post(w.ksChair, `/cases/${kase.id}/stages/knowledge_security/reviewers`, {
          reviewerIds: [w.ksMember2.id],
        })
      ).status,
    ).toBe(409);
  });

  it('never lets the applicant review their own case, even as a committee member', async () => {
    const professor = await t.createUser(
      ['researcher', 'reviewer'],
      [{ committee: 'knowledge_security', chair: true }],
    );
    const kase = await w.inReview(sensitivePartnership(), professor);
    const own = await w.expectOk(await w.get(professor, `/cases/${kase.id}`));
    expect(own.screening).toBeUndefined();
    expect(own.stages[0].opinions).toBeUndefined();
    expect(
      (
        await w.post(professor, `/cases/${kase.id}/stages/knowledge_security/reviewers`, {
          reviewerIds: [w.ksMember.id],
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await w.post(w.ksChair, `/cases/${kase.id}/stages/knowledge_security/reviewers`, {
          reviewerIds: [professor.id],
        })
      ).status,
    ).toBe(409);
  });

  it('lists overdue open stages to the IO and to chairs of that committee', async () => {
    const kase = await w.inReview(riskyMobility());
    await t.app
      .get(DataSource)
      .getRepository(CaseStage)
      .update({ caseId: kase.id }, { dueAt: new Date(t.now().getTime() - 3 * 86_400_000 - 60_000) });
    const forIo = await w.expectOk(await w.get(w.io, '/cases/overdue'));
    expect(forIo).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: kase.id,
          reference: kase.reference,
          committee: 'risk_destinations',
          daysOverdue: 3,
        }),
      ]),
    );
    const forChair = (await w.get(w.rdChair, '/cases/overdue')).body as { caseId: string }[];
    expect(forChair.map((o) => o.caseId)).toContain(kase.id);
    const forOtherChair = (await w.get(w.ksChair, '/cases/overdue')).body as { caseId: string }[];
    expect(forOtherChair.map((o) => o.caseId)).not.toContain(kase.id);
    expect((await w.get(w.rdMember, '/cases/overdue')).status).toBe(403);
    expect((await w.get(w.researcher, '/cases/overdue')).status).toBe(403);
  });

  it('filters the list by status, committee, type, country, text and mine', async () => {
    const mobility = await w.inReview(riskyMobility({ title: 'Unique zebra expedition' }));
    const ids = async (query: string) =>
      ((await w.get(w.io, `/cases?${query}`)).body.items as { id: string }[]).map((c) => c.id);
    expect(await ids('q=zebra')).toEqual([mobility.id]);
    expect(await ids(`q=${mobility.reference}`)).toEqual([mobility.id]);
    expect(await ids('q=kyiv%20polytechnic')).toContain(mobility.id);
    expect(await ids('country=ua')).toContain(mobility.id);
    expect(await ids('country=CN')).not.toContain(mobility.id);
    expect(await ids('type=mobility')).toContain(mobility.id);
    expect(await ids('type=partnership')).not.toContain(mobility.id);
    expect(await ids('committee=risk_destinations&status=in_review')).toContain(mobility.id);
    expect(await ids('committee=dual_use_ethics')).not.toContain(mobility.id);
    expect(await ids('q=100%25')).toEqual([]);
    const mine = (await w.get(w.researcher, '/cases?mine=true&pageSize=100')).body;
    expect(mine.items.every((c: { applicant: { id: string } }) => c.applicant.id === w.researcher.id)).toBe(true);
    expect((await w.get(w.io, '/cases?status=unknown')).status).toBe(400);
    expect((await w.get(w.io, '/cases?pageSize=101')).status).toBe(400);
  });

  it('keeps a hash-chained audit trail whose tampering is detected', async () => {
    const kase = await w.inReview(riskyMobility());
    expect(await w.expectOk(await w.get(w.io, `/cases/${kase.id}/history/verification`))).toEqual({
      valid: true,
      events: 3,
      brokenAtSeq: null,
    });
    expect((await w.get(w.researcher, `/cases/${kase.id}/history/verification`)).status).toBe(403);
    const db = t.app.get(DataSource);
    const p = (n: number) => (db.options.type === 'postgres' ? `$${n}` : '?');
    await db.query(`UPDATE case_events SET "details" = ${p(1)} WHERE "caseId" = ${p(2)} AND seq = 2`, [
      JSON.stringify({ proposedRoute: [] }),
      kase.id,
    ]);
    expect(await w.expectOk(await w.get(w.io, `/cases/${kase.id}/history/verification`))).toEqual({
      valid: false,
      events: 3,
      brokenAtSeq: 2,
    });
  });
});
