import { CaseErrorCode } from '../cases/case.errors';
import {
  amendedRouteHasReason,
  conditionOpen,
  opinionNotYetGiven,
  proposalComplete,
  quorumMet,
  referralTargetFree,
  reviewerAssigned,
  stageOpen,
  TransitionFacts,
} from './case.checks';
import { CASE_TRANSITIONS, Transition, validateTransitions } from './case-transitions';
import { aggregateOutcome, StageForOutcome } from './outcome';

const stage = (over: Partial<NonNullable<TransitionFacts['stage']>> = {}): NonNullable<TransitionFacts['stage']> => ({
  committee: 'knowledge_security',
  status: 'open',
  quorum: 1,
  reviewerIds: ['r1'],
  countedOpinionReviewerIds: [],
  opinionReviewerIds: [],
  ...over,
});

describe('transition checks', () => {
  it.each<[string, (c: TransitionFacts) => CaseErrorCode | undefined, TransitionFacts, CaseErrorCode | undefined]>([
    [
      'complete partnership',
      proposalComplete,
      { actorId: 'a', proposal: { type: 'partnership', partnerCount: 1, destinationCount: 0 } },
      undefined,
    ],
    [
      'mobility without destinations',
      proposalComplete,
      { actorId: 'a', proposal: { type: 'mobility', partnerCount: 1, destinationCount: 0 } },
      CaseErrorCode.IncompleteProposal,
    ],
    [
      'no partners',
      proposalComplete,
      { actorId: 'a', proposal: { type: 'partnership', partnerCount: 0, destinationCount: 0 } },
      CaseErrorCode.IncompleteProposal,
    ],
    [
      'route as proposed',
      amendedRouteHasReason,
      { actorId: 'a', triage: { proposed: ['a', 'b'], requested: ['b', 'a'], reason: null } },
      undefined,
    ],
    [
      'route absent',
      amendedRouteHasReason,
      { actorId: 'a', triage: { proposed: ['a'], requested: null, reason: null } },
      undefined,
    ],
    [
      'route amended without reason',
      amendedRouteHasReason,
      { actorId: 'a', triage: { proposed: ['a'], requested: [], reason: ' ' } },
      CaseErrorCode.ReasonRequired,
    ],
    [
      'route amended with reason',
      amendedRouteHasReason,
      { actorId: 'a', triage: { proposed: ['a'], requested: [], reason: 'no risk' } },
      undefined,
    ],
    ['stage open', stageOpen, { actorId: 'a', stage: stage() }, undefined],
    ['stage decided', stageOpen, { actorId: 'a', stage: stage({ status: 'decided' }) }, CaseErrorCode.StageNotOpen],
    [
      'stage waiting for the applicant',
      stageOpen,
      { actorId: 'a', stage: stage({ status: 'information_requested' }) },
      CaseErrorCode.StageNotOpen,
    ],
    ['assigned reviewer', reviewerAssigned, { actorId: 'r1', stage: stage() }, undefined],
    ['unassigned reviewer', reviewerAssigned, { actorId: 'r2', stage: stage() }, CaseErrorCode.NotAssigned],
    ['first opinion', opinionNotYetGiven, { actorId: 'r1', stage: stage() }, undefined],
    [
      'second opinion',
      opinionNotYetGiven,
      { actorId: 'r1', stage: stage({ opinionReviewerIds: ['r1'] }) },
      CaseErrorCode.OpinionAlreadyGiven,
    ],
    [
      'quorum met',
      quorumMet,
      { actorId: 'c', decision: { decision: 'approve' }, stage: stage({ countedOpinionReviewerIds: ['r1'] }) },
      undefined,
    ],
    [
      'quorum not met',
      quorumMet,
      {
        actorId: 'c',
        decision: { decision: 'reject' },
        stage: stage({ quorum: 2, countedOpinionReviewerIds: ['r1'] }),
      },
      CaseErrorCode.QuorumNotMet,
    ],
    [
      'request_information ignores quorum',
      quorumMet,
      { actorId: 'c', decision: { decision: 'request_information' }, stage: stage() },
      undefined,
    ],
    [
      'referral to a free committee',
      referralTargetFree,
      { actorId: 'c', referral: { committee: 'dual_use_ethics', committeesWithStage: ['knowledge_security'] } },
      undefined,
    ],
    [
      'referral to a busy committee',
      referralTargetFree,
      {
        actorId: 'c',
        referral: { committee: 'knowledge_security', committeesWithStage: ['knowledge_security'] },
      },
      CaseErrorCode.ReferralTargetBusy,
    ],
    ['open condition', conditionOpen, { actorId: 'a', condition: { status: 'open' } }, undefined],
    ['met condition', conditionOpen, { actorId: 'a', condition: { status: 'met' } }, CaseErrorCode.ConditionNotOpen],
  ])('%s', (_label, check, context, expected) => {
    expect(check(context)).toBe(expected);
  });
});

describe('a check without its facts', () => {
  it('fails instead of passing', () => {
    expect(() => stageOpen({ actorId: 'a' })).toThrow('stageOpen is missing its facts: stage');
    expect(() => quorumMet({ actorId: 'a', stage: stage() })).toThrow('quorumMet is missing its facts: decision');
  });
});

describe('the transition table', () => {
  it('is valid: every status reachable from draft, terminal statuses have no exits', () => {
    expect(() => validateTransitions()).not.toThrow();
  });

  it.each<[string, Record<string, Transition>, string]>([
    [
      'an unknown status',
      { ...CASE_TRANSITIONS, submit: { ...CASE_TRANSITIONS.submit, to: ['limbo' as never] } },
      'unknown status limbo',
    ],
    [
      'an exit from a terminal status',
      { ...CASE_TRANSITIONS, reopen: { from: ['rejected'], to: ['triage'], subject: 'Case', facts: [], checks: [] } },
      'leaves terminal status rejected',
    ],
    [
      'an unreachable status',
      {
        ...CASE_TRANSITIONS,
        leadership_decide: { ...CASE_TRANSITIONS.leadership_decide, to: [] },
        decide: { ...CASE_TRANSITIONS.decide, to: ['in_review'] },
      },
      'escalated is not reachable',
    ],
    [
      'a check without the facts it reads',
      { ...CASE_TRANSITIONS, submit: { ...CASE_TRANSITIONS.submit, facts: [] } },
      'submit: check proposalComplete needs facts proposal',
    ],
    [
      'a stage action without stage facts',
      { ...CASE_TRANSITIONS, refer: { ...CASE_TRANSITIONS.refer, facts: ['referral'], checks: [referralTargetFree] } },
      'refer: a stage action needs stage facts',
    ],
  ])('rejects a table with %s', (_label, table, message) => {
    expect(() => validateTransitions(table)).toThrow(message);
  });

  it('lets the applicant withdraw before, and never after, a final outcome', () => {
    expect(CASE_TRANSITIONS.withdraw.from).toEqual(
      expect.arrayContaining(['draft', 'triage', 'in_review', 'information_requested', 'escalated']),
    );
    for (const final of ['approved', 'approved_with_conditions', 'rejected', 'withdrawn'] as const)
      expect(CASE_TRANSITIONS.withdraw.from).not.toContain(final);
  });
});

describe('aggregateOutcome', () => {
  const s = (
    status: StageForOutcome['status'],
    decision: StageForOutcome['decision'] = null,
    conditions: string[] = [],
  ): StageForOutcome => ({ status, decision, conditions });

  it.each<[string, StageForOutcome[], ReturnType<typeof aggregateOutcome>]>([
    ['one approval', [s('decided', 'approve')], 'approved'],
    ['a stage still open', [s('decided', 'approve'), s('open')], null],
    ['a stage waiting for the applicant', [s('decided', 'approve'), s('information_requested')], null],
    ['a reject while others are open', [s('decided', 'reject'), s('open')], 'rejected'],
    ['a reject beside an escalation', [s('decided', 'escalate'), s('decided', 'reject')], 'rejected'],
    ['an escalation', [s('decided', 'approve_with_conditions', ['c1']), s('decided', 'escalate')], 'escalated'],
    [
      'conditions',
      [s('decided', 'approve'), s('decided', 'approve_with_conditions', ['c1'])],
      'approved_with_conditions',
    ],
    ['cancelled stages are ignored', [s('decided', 'approve'), s('cancelled')], 'approved'],
    ['no decided stage', [s('cancelled')], null],
  ])('%s', (_label, stages, expected) => {
    expect(aggregateOutcome(stages)).toBe(expected);
  });
});
