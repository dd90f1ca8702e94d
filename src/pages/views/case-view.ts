import { AppAbility } from '../../authorization/ability';
import { AuthUser } from '../../authorization/auth-user';
import { CaseResponse } from '../../cases/case-response.mapper';
import { DECISIONS, LEADERSHIP_DECISIONS } from '../../domain/case.types';
import { FieldBuilder, FormValues } from '../forms/fields';
import { FormErrors } from '../forms/form-errors';
import { Catalogue, fill } from '../i18n';
import { PageFormat } from '../format';
import { CaseActions } from './case-actions';
import { buildDocumentsView } from './documents-view';
import type { AttachmentResponse } from '../../attachments/attachments.service';

export interface CommitteeName {
  key: string;
  name: string;
  quorum: number;
}

export interface HistoryEntry {
  at: string | null;
  actor: { id: string | null; name: string };
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  details: Record<string, unknown> | null;
}

/** A form of the case page that the server refused: its name, what was typed, and why. */
export interface FailedForm {
  form: string;
  values: FormValues;
  errors: FormErrors;
}

export interface CaseViewInput {
  t: Catalogue;
  format: PageFormat;
  now: Date;
  actor: AuthUser;
  ability: AppAbility;
  kase: CaseResponse;
  history: HistoryEntry[];
  committees: CommitteeName[];
  countryName: (code: string) => string;
  /** Active members per committee, for the chair's choice of reviewers. */
  members: Record<string, { id: string; name: string }[]>;
  failed: FailedForm | null;
  /** The documents the attachments service lists for the viewer. */
  documents: AttachmentResponse[];
  /** The session's CSRF token, for the upload form's URL. */
  csrf: string;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The sentence that says what a case waits for now. */
export function waitsFor(
  t: Catalogue,
  format: PageFormat,
  kase: Pick<CaseResponse, 'status' | 'stages' | 'outcome'>,
  committeeName: (key: string) => string,
): string {
  switch (kase.status) {
    case 'in_review': {
      const open = kase.stages.filter((s) => s.status === 'open' || s.status === 'information_requested');
      const stages = open.map((s) =>
        fill(t.waitsFor.stage, { committee: committeeName(s.committee), due: format.date(s.dueAt) }),
      );
      return fill(t.waitsFor.in_review, { stages: stages.join(', ') });
    }
    case 'approved_with_conditions': {
      const count = kase.outcome?.conditions.filter((c) => c.status === 'open').length ?? 0;
      return count ? fill(t.waitsFor.conditions, { count }) : t.waitsFor.nothing;
    }
    case 'draft':
    case 'triage':
    case 'information_requested':
    case 'escalated':
      return t.waitsFor[kase.status];
    default:
      return t.waitsFor.nothing;
  }
}

/** Whether an open stage is past its due date. */
export function isOverdue(stage: { status: string; dueAt: string | null }, now: Date): boolean {
  return stage.status === 'open' && stage.dueAt !== null && new Date(stage.dueAt) < now;
}

export function buildCaseView(input: CaseViewInput) {
  const { t, format, now, actor, ability, kase, failed } = input;
  const names = new Map(input.committees.map((c) => [c.key, c.name]));
  const committeeName = (key: string) => names.get(key) ?? key;
  const actions = new CaseActions(ability, kase, actor.id);
  const c = t.casePage;
  const formOf = (name: string) => {
    const mine = failed?.form === name ? failed : null;
    return {
      fields: new FieldBuilder(mine?.values ?? {}, mine?.errors.fields ?? {}),
      errors: mine?.errors ?? null,
    };
  };
  const yesNo = (value: boolean | undefined) => (value ? t.app.yes : t.app.no);
  const opinionsVisible = kase.stages.some((s) => s.opinions !== undefined);

  const stages = kase.stages.map((s) => {
    const key = `${s.committee}`;
    const quorum = input.committees.find((k) => k.key === s.committee)?.quorum ?? 1;
    const assign = actions.offerOnStage('assign_reviewers', s.committee);
    const opinion = actions.offerOnStage('give_opinion', s.committee);
    const decide = actions.offerOnStage('decide', s.committee);
    const refer = actions.offerOnStage('refer', s.committee);
    const assignForm = formOf(`assign:${key}`);
    const opinionForm = formOf(`opinion:${key}`);
    const decideForm = formOf(`decide:${key}`);
    const referForm = formOf(`refer:${key}`);
    const assigned = new Set((s.reviewers ?? []).map((r) => r.id));
    const members = (input.members[s.committee] ?? []).filter((m) => m.id !== kase.applicant.id && !assigned.has(m.id));
    const decisionOptions = DECISIONS.map((d) => ({ value: d, label: t.decision[d] }));
    return {
      committee: committeeName(s.committee),
      key: s.committee,
      status: t.stageStatus[s.status],
      statusClass: s.status,
      due: format.date(s.dueAt),
      overdue: isOverdue(s, now),
      decided: s.decidedAt ? format.date(s.decidedAt) : null,
      decision: s.decision ? t.decision[s.decision] : null,
      rationale: s.rationale,
      conditions: s.conditions ?? [],
      reviewers: s.reviewers ? s.reviewers.map((r) => r.name) : null,
      opinions: s.opinions
        ? s.opinions.map((o) => ({
            reviewer: o.reviewer.name,
            recommendation: t.decision[o.recommendation],
            comment: o.comment,
            at: format.dateTime(o.at),
          }))
        : null,
      quorum: s.opinions ? fill(c.quorum, { count: s.opinions.length, quorum }) : null,
      assign: assign.offered
        ? {
            title: fill(c.assign, { committee: committeeName(s.committee) }),
            action: `/cases/${kase.id}/stages/${s.committee}/reviewers`,
            errors: assignForm.errors,
            members: assignForm.fields.choices(
              'reviewerIds',
              c.assignPick,
              members.map((m) => ({ value: m.id, label: m.name })),
              'checkbox',
            ),
            hasMembers: members.length > 0,
          }
        : null,
      opinion: opinion.offered
        ? {
            title: fill(c.opinion, { committee: committeeName(s.committee) }),
            action: `/cases/${kase.id}/stages/${s.committee}/opinions`,
            errors: opinionForm.errors,
            recommendation: opinionForm.fields.select('recommendation', c.recommendation, decisionOptions, {
              placeholder: t.proposal.choose,
              required: true,
            }),
            comment: opinionForm.fields.input('comment', c.comment, { required: true }),
          }
        : null,
      decide: decide.offered
        ? {
            title: fill(c.decide, { committee: committeeName(s.committee) }),
            action: `/cases/${kase.id}/stages/${s.committee}/decision`,
            errors: decideForm.errors,
            decision: decideForm.fields.select('decision', c.decisionField, decisionOptions, {
              placeholder: t.proposal.choose,
              required: true,
            }),
            rationale: decideForm.fields.input('rationale', c.decisionRationale, { required: true }),
            conditions: decideForm.fields.input('conditions', c.decisionConditions),
            questions: decideForm.fields.input('questions', c.decisionQuestions),
          }
        : null,
      refer: refer.offered
        ? {
            title: fill(c.refer, { committee: committeeName(s.committee) }),
            action: `/cases/${kase.id}/stages/${s.committee}/refer`,
            errors: referForm.errors,
            committee: referForm.fields.select(
              'committee',
              c.referTo,
              input.committees
                .filter((k) => !kase.stages.some((st) => st.committee === k.key))
                .map((k) => ({ value: k.key, label: k.name })),
              { placeholder: t.proposal.choose, required: true },
            ),
            reason: referForm.fields.input('reason', c.referReason, { required: true }),
          }
        : null,
    };
  });

  const submit = actions.offer('submit');
  const withdraw = actions.offer('withdraw');
  const respond = actions.offer('respond');
  const update = actions.offer('update');
  const triage = actions.offer('triage');
  const ask = actions.offer('request_information');
  const conflict = actions.offer('declare_conflict');
  const leadership = actions.offer('leadership_decide');
  const conditionsAction = actions.offer('update_condition');
  const myCommittees = actor.committees.filter((m) => kase.stages.some((s) => s.committee === m.committee));

  const withdrawForm = formOf('withdraw');
  const respondForm = formOf('respond');
  const triageForm = formOf('triage');
  const askForm = formOf('ask');
  const conflictForm = formOf('conflict');
  const leadershipForm = formOf('leadership');
  const proposed = new Set(kase.route.map((r) => r.committee));
  const triageValues: FormValues = failed?.form === 'triage' ? failed.values : { committees: [...proposed] };

  const questionsAndAnswers = input.history
    .filter((h) => h.action === 'information_requested' || h.action === 'information_provided')
    .map((h) => {
      const details = h.details ?? {};
      const from = str(details.from);
      return h.action === 'information_requested'
        ? {
            question: true,
            who: fill(c.askedBy, {
              from: from === 'international_office' ? c.internationalOffice : committeeName(from),
              at: format.dateTime(h.at),
            }),
            text: str(details.questions),
          }
        : { question: false, who: `${h.actor.name}, ${format.dateTime(h.at)}`, text: str(details.answer) };
    });

  const documents = buildDocumentsView({ ...input, actions });
  const placed = new Set<string>([
    ...documents.placed,
    ...stages.flatMap((s) =>
      (['assign', 'opinion', 'decide', 'refer'] as const).filter((f) => s[f] !== null).map((f) => `${f}:${s.key}`),
    ),
    ...(kase.outcome?.conditions ?? []).map((cond) => `condition:${cond.id}`),
    ...(submit.offered ? ['submit'] : []),
    ...(withdraw.offered ? ['withdraw'] : []),
    ...(respond.offered ? ['respond'] : []),
    ...(triage.offered ? ['triage'] : []),
    ...(ask.offered ? ['ask'] : []),
    ...(conflict.offered && myCommittees.length ? ['conflict'] : []),
    ...(leadership.offered ? ['leadership'] : []),
  ]);

  const anyAction =
    update.offered ||
    submit.offered ||
    withdraw.offered ||
    respond.offered ||
    triage.offered ||
    ask.offered ||
    (conflict.offered && myCommittees.length > 0) ||
    leadership.offered ||
    stages.some((s) => s.assign || s.opinion || s.decide || s.refer);

  return {
    kase: {
      id: kase.id,
      reference: kase.reference,
      title: kase.title,
      summary: kase.summary,
      type: t.caseType[kase.type],
      status: t.status[kase.status],
      statusClass: kase.status,
      department: kase.department ?? '',
      applicant: kase.applicant.name,
      period:
        kase.startDate || kase.endDate
          ? `${format.calendarDate(kase.startDate)} – ${format.calendarDate(kase.endDate)}`
          : '',
      submitted: kase.submittedAt ? format.date(kase.submittedAt) : null,
      waitsFor: waitsFor(t, format, kase, committeeName),
    },
    partners: kase.partners.map((p) => ({
      name: p.name,
      country: input.countryName(p.country),
      type: t.partnerType[p.type],
    })),
    destinations: kase.destinations.map((d) => ({
      country: input.countryName(d.country),
      city: d.city ?? '',
      from: format.calendarDate(d.from),
      to: format.calendarDate(d.to),
    })),
    technology: kase.technologyAreas.map((a) => t.technologyArea[a as keyof Catalogue['technologyArea']] ?? a),
    dualUse: {
      annexI: kase.dualUse.annexICategories.map(
        (n) => t.proposal.annex[String(n) as keyof Catalogue['proposal']['annex']] ?? String(n),
      ),
      militaryEndUse: yesNo(kase.dualUse.militaryEndUse),
      misusePotential: yesNo(kase.dualUse.misusePotential),
      humanRightsConcern: yesNo(kase.dualUse.humanRightsConcern),
      details: kase.dualUse.details ?? '',
    },
    funding: kase.funding.map((f) => ({ source: f.source, type: t.fundingType[f.type] })),
    route: kase.route.map((r) => ({
      committee: committeeName(r.committee),
      reasons: r.reasons.map((reason) => ({ rule: t.rule[reason.rule] ?? t.rule.other, message: reason.message })),
    })),
    routeShown: kase.status !== 'draft',
    ruleSetVersion: kase.ruleSetVersion ? fill(c.ruleSetVersion, { version: kase.ruleSetVersion }) : null,
    stages,
    opinionsVisible,
    screening: kase.screening
      ? {
          hits: kase.screening.hits.map((h) => ({
            partner: h.partnerName,
            list: h.list,
            entity: h.entityName,
            matched: h.matchedName,
            score: format.score(h.score),
            high: h.score >= 0.7,
            reasons: h.reasons.join('; '),
            decision: h.decision
              ? {
                  label: h.decision.decision === 'false_positive' ? c.hitFalsePositive : c.hitConfirmed,
                  by: fill(c.hitDecidedBy, {
                    name: h.decision.decidedBy.name,
                    at: format.dateTime(h.decision.decidedAt),
                  }),
                  reason: h.decision.reason,
                }
              : null,
          })),
        }
      : null,
    openQuestions: kase.informationRequest
      ? kase.informationRequest.questions.map((q) => ({
          from: q.from === 'international_office' ? c.internationalOffice : committeeName(q.from),
          text: q.text,
        }))
      : [],
    questionsAndAnswers,
    outcome: kase.outcome
      ? {
          decision: t.status[kase.outcome.decision],
          decidedOn: fill(c.decidedOn, { date: format.date(kase.outcome.decidedAt) }),
          rationale: kase.outcome.rationale ?? '',
          note: kase.outcome.note ?? '',
          conditions: kase.outcome.conditions.map((cond) => {
            const form = formOf(`condition:${cond.id}`);
            const open = cond.status === 'open' && conditionsAction.offered;
            return {
              id: cond.id,
              text: cond.text,
              status: t.conditionStatus[cond.status],
              statusClass: cond.status,
              waiverReason: cond.waiverReason ?? '',
              canMeet: open,
              canWaive: open && actions.canWaive(),
              action: `/cases/${kase.id}/conditions/${cond.id}`,
              errors: form.errors,
              reason: form.fields.input('reason', c.waiverReason, { required: true }),
            };
          }),
        }
      : null,
    documents: documents.view,
    history: input.history.map((h) => ({
      at: format.dateTime(h.at),
      who: h.actor.id === null && h.actor.name === 'system' ? t.history.system : h.actor.name,
      what: t.history[h.action as keyof Catalogue['history']] ?? t.history.other,
      status: h.toStatus && h.toStatus !== h.fromStatus ? t.status[h.toStatus as keyof Catalogue['status']] : '',
    })),
    actions: {
      any: anyAction,
      /** A refusal of a form this page does not show (someone posted it anyway): shown on top. */
      errors: failed && !placed.has(failed.form) ? failed.errors : null,
      edit: update.offered ? `/cases/${kase.id}/edit` : null,
      submit: submit.offered ? { action: `/cases/${kase.id}/submit`, errors: formOf('submit').errors } : null,
      submitBlocked: !submit.offered && submit.refusedBy ? t.errors[submit.refusedBy] : null,
      withdraw: withdraw.offered
        ? {
            action: `/cases/${kase.id}/withdraw`,
            errors: withdrawForm.errors,
            reason: withdrawForm.fields.input('reason', c.withdrawReason, { required: true }),
          }
        : null,
      respond: respond.offered
        ? {
            action: `/cases/${kase.id}/respond`,
            errors: respondForm.errors,
            answer: respondForm.fields.input('answer', c.answerText, { hint: c.answerHint, required: true }),
          }
        : null,
      triage: triage.offered
        ? {
            action: `/cases/${kase.id}/triage`,
            errors: triageForm.errors,
            committees: new FieldBuilder(triageValues, triageForm.errors?.fields ?? {}).choices(
              'committees',
              c.triageCommittees,
              input.committees.map((k) => ({
                value: k.key,
                label: proposed.has(k.key) ? `${k.name} (${c.triageProposed})` : k.name,
              })),
              'checkbox',
            ),
            reason: triageForm.fields.input('reason', c.triageReason),
          }
        : null,
      ask: ask.offered
        ? {
            action: `/cases/${kase.id}/request-information`,
            errors: askForm.errors,
            questions: askForm.fields.input('questions', c.questionsText, { required: true }),
          }
        : null,
      conflict:
        conflict.offered && myCommittees.length
          ? {
              action: `/cases/${kase.id}/conflicts`,
              errors: conflictForm.errors,
              committee: conflictForm.fields.select(
                'committee',
                c.conflictCommittee,
                myCommittees.map((m) => ({ value: m.committee, label: committeeName(m.committee) })),
                { required: true },
              ),
              reason: conflictForm.fields.input('reason', c.conflictReason, { required: true }),
            }
          : null,
      leadership: leadership.offered
        ? {
            action: `/cases/${kase.id}/leadership-decision`,
            errors: leadershipForm.errors,
            decision: leadershipForm.fields.select(
              'decision',
              c.decisionField,
              LEADERSHIP_DECISIONS.map((d) => ({ value: d, label: t.decision[d] })),
              { placeholder: t.proposal.choose, required: true },
            ),
            rationale: leadershipForm.fields.input('rationale', c.decisionRationale, { required: true }),
            conditions: leadershipForm.fields.input('conditions', c.decisionConditions),
          }
        : null,
    },
  };
}
