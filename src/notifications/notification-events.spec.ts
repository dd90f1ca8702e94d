import { AppliedForEvents, eventsOf, INTERNATIONAL_OFFICE, LEADERSHIP } from './notification-events';

const NOW = new Date('2027-05-05T12:00:00.000Z');
const EARLIER = new Date('2027-05-03T09:00:00.000Z');
const DUE = new Date('2027-05-26T12:00:00.000Z');

type Stage = AppliedForEvents['kase']['stages'][number];
const stage = (committeeKey: string, over: Partial<Stage> = {}): Stage => ({
  committeeKey,
  status: 'open',
  openedAt: EARLIER,
  dueAt: DUE,
  pausedAt: null,
  reviewers: [],
  ...over,
});

function applied(
  action: AppliedForEvents['action'],
  status: AppliedForEvents['kase']['status'],
  fromStatus: string | null,
  stages: Stage[] = [],
  details: Record<string, unknown> = {},
): AppliedForEvents {
  return {
    action,
    now: NOW,
    entry: { action: 'x', fromStatus, toStatus: status, details },
    kase: { status, applicantId: 'applicant', stages },
  };
}

const applicant = { kind: 'users', userIds: ['applicant'] };
const chairs = (committee: string) => ({ kind: 'chairs', committee });

describe('what each case action tells whom', () => {
  it.each<[string, AppliedForEvents, unknown[]]>([
    [
      'submit: the International Office',
      applied('submit', 'triage', 'draft'),
      [{ type: 'case_submitted', audiences: [INTERNATIONAL_OFFICE], confidential: false }],
    ],
    [
      'triage: the chairs of each stage it opened',
      applied('triage', 'in_review', 'triage', [
        stage('knowledge_security', { openedAt: NOW }),
        stage('dual_use_ethics', { openedAt: NOW }),
      ]),
      [
        {
          type: 'stage_opened',
          params: { committee: 'knowledge_security', dueAt: DUE.toISOString() },
          audiences: [chairs('knowledge_security')],
        },
        {
          type: 'stage_opened',
          params: expect.objectContaining({ committee: 'dual_use_ethics' }),
          audiences: [chairs('dual_use_ethics')],
        },
      ],
    ],
    [
      'clearing at triage: the applicant and the International Office',
      applied('triage', 'approved', 'triage'),
      [{ type: 'case_decided', audiences: [applicant, INTERNATIONAL_OFFICE] }],
    ],
    [
      'a referral: only the chairs of the new stage',
      applied('refer', 'in_review', 'in_review', [
        stage('risk_destinations'),
        stage('dual_use_ethics', { openedAt: NOW }),
      ]),
      [{ type: 'stage_opened', audiences: [chairs('dual_use_ethics')] }],
    ],
    [
      'an assignment: the reviewers assigned now, confidentially',
      applied('assign_reviewers', 'in_review', 'in_review', [
        stage('knowledge_security', {
          reviewers: [
            { reviewerId: 'earlier', assignedAt: EARLIER },
            { reviewerId: 'new', assignedAt: NOW },
          ],
        }),
      ]),
      [
        {
          type: 'reviewer_assigned',
          params: { committee: 'knowledge_security' },
          audiences: [{ kind: 'users', userIds: ['new'] }],
          confidential: true,
        },
      ],
    ],
    [
      'a question at triage: the applicant',
      applied('request_information', 'information_requested', 'triage'),
      [{ type: 'information_requested', audiences: [applicant] }],
    ],
    [
      'a question by a stage: the applicant',
      applied('decide', 'information_requested', 'in_review', [
        stage('knowledge_security', { status: 'information_requested', pausedAt: NOW }),
      ]),
      [{ type: 'information_requested', audiences: [applicant] }],
    ],
    [
      'an answer at triage: the International Office',
      applied('respond', 'triage', 'information_requested'),
      [{ type: 'information_provided', params: { committee: null }, audiences: [INTERNATIONAL_OFFICE] }],
    ],
    [
      'an answer in review: the chairs of the committees that asked, and of a stage the answer opened',
      applied(
        'respond',
        'in_review',
        'information_requested',
        [stage('knowledge_security'), stage('dual_use_ethics'), stage('risk_destinations', { openedAt: NOW })],
        { reopenedStages: ['knowledge_security'], addedStages: ['risk_destinations'] },
      ),
      [
        { type: 'stage_opened', audiences: [chairs('risk_destinations')] },
        { type: 'information_provided', audiences: [chairs('knowledge_security')] },
      ],
    ],
    [
      'a stage decided while others are open: nobody',
      applied('decide', 'in_review', 'in_review', [stage('knowledge_security', { status: 'decided' })]),
      [],
    ],
    [
      'the last stage decided with an escalation: leadership',
      applied('decide', 'escalated', 'in_review'),
      [{ type: 'case_escalated', audiences: [LEADERSHIP] }],
    ],
    [
      'a reject: the applicant and the International Office',
      applied('decide', 'rejected', 'information_requested'),
      [{ type: 'case_decided', audiences: [applicant, INTERNATIONAL_OFFICE] }],
    ],
    [
      "leadership's decision: the applicant and the International Office",
      applied('leadership_decide', 'approved_with_conditions', 'escalated'),
      [{ type: 'case_decided', audiences: [applicant, INTERNATIONAL_OFFICE] }],
    ],
    ['an opinion: nobody', applied('give_opinion', 'in_review', 'in_review', [stage('knowledge_security')]), []],
    ['a withdrawal: nobody', applied('withdraw', 'withdrawn', 'in_review'), []],
    [
      'a condition met: nobody',
      applied('update_condition', 'approved_with_conditions', 'approved_with_conditions'),
      [],
    ],
    ['a re-screening: nobody', applied('rescreen', 'in_review', 'in_review'), []],
  ])('%s', (_label, action, expected) => {
    const events = eventsOf(action);
    expect(events).toHaveLength(expected.length);
    expect(events).toEqual(expected.map((e) => expect.objectContaining(e)));
  });
});
