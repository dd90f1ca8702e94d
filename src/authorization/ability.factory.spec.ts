import { subject } from '@casl/ability';
import { Role } from '../users/role';
import { Action, SubjectName } from './ability';
import { AbilityFactory } from './ability.factory';
import { AuthUser } from './auth-user';
import { CASE_STATUSES, CaseStatus, DECIDED_STATUSES } from '../domain/case.types';
import { attachmentSubject, canReadAttachment } from './rules/attachment-subject';
import { caseSubject, stageSubject } from './rules/case-subject';

const factory = new AbilityFactory();
const userWith = (...roles: Role[]): AuthUser => ({
  id: 'u1',
  email: 'u1@x',
  name: 'U',
  roles,
  committees: [],
  language: 'en',
});

describe('AbilityFactory', () => {
  // role × action × subject → allowed
  it.each<[Role, Action, SubjectName, boolean]>([
    ['admin', 'create', 'User', true],
    ['admin', 'list', 'User', true],
    ['admin', 'update', 'User', true],
    ['admin', 'update', 'Country', false],
    ['admin', 'read', 'CountryChange', false],
    ['admin', 'update', 'Committee', true],
    ['international_office', 'update', 'Country', true],
    ['international_office', 'read', 'CountryChange', true],
    ['international_office', 'create', 'User', false],
    ['international_office', 'list', 'User', false],
    ['international_office', 'update', 'Committee', false],
    ['researcher', 'read', 'Country', true],
    ['researcher', 'update', 'Country', false],
    ['researcher', 'list', 'User', false],
    ['reviewer', 'read', 'Committee', true],
    ['leadership', 'update', 'User', false],
    ['council', 'read', 'Country', true],
    ['council', 'read', 'CountryChange', false],
    ['researcher', 'read', 'Notification', true],
    ['council', 'update', 'Notification', true],
    ['researcher', 'read', 'ClosureDay', true],
    ['international_office', 'update', 'ClosureDay', true],
    ['reviewer', 'update', 'ClosureDay', false],
    ['admin', 'update', 'ClosureDay', false],
    ['international_office', 'read', 'Job', true],
    ['admin', 'read', 'Job', true],
    ['leadership', 'read', 'Job', false],
    ['researcher', 'read', 'Job', false],
    ['admin', 'list', 'MailDelivery', true],
    ['international_office', 'list', 'MailDelivery', false],
  ])('%s may %s %s: %s', (role, action, subjectName, allowed) => {
    expect(factory.createFor(userWith(role)).can(action, subjectName)).toBe(allowed);
  });

  it('lets every user read their own account and only the admin read others', () => {
    const researcher = factory.createFor(userWith('researcher'));
    expect(researcher.can('read', subject('User', { id: 'u1' }))).toBe(true);
    expect(researcher.can('read', subject('User', { id: 'u2' }))).toBe(false);
    expect(factory.createFor(userWith('admin')).can('read', subject('User', { id: 'u2' }))).toBe(true);
  });

  it('lets every user read and mark only their own notifications', () => {
    const researcher = factory.createFor(userWith('researcher'));
    expect(researcher.can('update', subject('Notification', { userId: 'u1' }))).toBe(true);
    expect(researcher.can('read', subject('Notification', { userId: 'u2' }))).toBe(false);
  });

  it('unions the abilities of several roles', () => {
    const both = factory.createFor(userWith('researcher', 'international_office'));
    expect(both.can('update', 'Country')).toBe(true);
    expect(both.can('create', 'User')).toBe(false);
  });
});

describe('case visibility rules (docs/workflow.md, visibility)', () => {
  const reviewer = (committee: string, chair = false): AuthUser => ({
    id: 'rev',
    email: 'r@x',
    name: 'R',
    roles: ['reviewer'],
    committees: [{ committee, chair }],
    language: 'en',
  });
  const subjectFor = (
    status: string,
    over: { applicantId?: string; conflicts?: { userId: string }[]; neverSubmitted?: boolean } = {},
  ) =>
    caseSubject({
      id: 'c1',
      status: status as never,
      applicantId: over.applicantId ?? 'applicant',
      submittedAt: status === 'draft' || over.neverSubmitted ? null : new Date('2026-01-05T10:00:00Z'),
      stages: [{ committeeKey: 'knowledge_security' }],
      conflicts: over.conflicts ?? [],
    });
  const applicant: AuthUser = {
    id: 'applicant',
    email: 'a@x',
    name: 'A',
    roles: ['researcher'],
    committees: [],
    language: 'en',
  };

  it.each<[string, AuthUser, string, boolean]>([
    ['the applicant, a draft', applicant, 'draft', true],
    ['the applicant, rejected', applicant, 'rejected', true],
    ['another researcher', userWith('researcher'), 'triage', false],
    ['a committee member, triage', reviewer('knowledge_security'), 'triage', true],
    ['a committee member, a draft', reviewer('knowledge_security'), 'draft', false],
    ['a member of a committee without a stage', reviewer('dual_use_ethics'), 'in_review', false],
    ['the International Office, triage', userWith('international_office'), 'triage', true],
    ['the International Office, a draft', userWith('international_office'), 'draft', false],
    ['leadership, escalated', userWith('leadership'), 'escalated', true],
    ['leadership, approved', userWith('leadership'), 'approved', true],
    ['leadership, in review', userWith('leadership'), 'in_review', false],
    ['leadership, withdrawn', userWith('leadership'), 'withdrawn', false],
    ['council', userWith('council'), 'approved', false],
    ['admin', userWith('admin'), 'approved', false],
  ])('%s: read %s → %s', (_label, user, status, allowed) => {
    expect(factory.createFor(user).can('read', subjectFor(status))).toBe(allowed);
  });

  it('keeps a draft withdrawn before submission between the applicant and the system', () => {
    const withdrawnDraft = subjectFor('withdrawn', { neverSubmitted: true });
    expect(factory.createFor(applicant).can('read', withdrawnDraft)).toBe(true);
    expect(factory.createFor(userWith('international_office')).can('read', withdrawnDraft)).toBe(false);
    expect(factory.createFor(reviewer('knowledge_security')).can('read', withdrawnDraft)).toBe(false);
    expect(factory.createFor(userWith('leadership')).can('read', withdrawnDraft)).toBe(false);
    expect(factory.createFor(userWith('international_office')).can('read', subjectFor('withdrawn'))).toBe(true);
  });

  it('hides the case from a recused reviewer and never lets the applicant read confidential data', () => {
    expect(
      factory
        .createFor(reviewer('knowledge_security'))
        .can('read', subjectFor('in_review', { conflicts: [{ userId: 'rev' }] })),
    ).toBe(false);
    const applicantReviewer: AuthUser = {
      ...reviewer('knowledge_security', true),
      id: 'applicant',
      roles: ['researcher', 'reviewer'],
    };
    const ability = factory.createFor(applicantReviewer);
    expect(ability.can('read', subjectFor('in_review'))).toBe(true);
    expect(ability.can('read_confidential', subjectFor('in_review'))).toBe(false);
    expect(
      ability.can(
        'decide',
        stageSubject(
          { id: 'c1', status: 'in_review', applicantId: 'applicant', submittedAt: new Date() },
          'knowledge_security',
        ),
      ),
    ).toBe(false);
  });

  it('lets only the chair of the committee act on its stage', () => {
    const s = stageSubject(
      {
        id: 'c1',
        status: 'in_review',
        applicantId: 'applicant',
        submittedAt: new Date(),
        stages: [{ committeeKey: 'knowledge_security' }],
      },
      'knowledge_security',
    );
    expect(factory.createFor(reviewer('knowledge_security', true)).can('decide', s)).toBe(true);
    expect(factory.createFor(reviewer('knowledge_security', false)).can('decide', s)).toBe(false);
    expect(factory.createFor(reviewer('dual_use_ethics', true)).can('decide', s)).toBe(false);
  });
});

/**
 * Documents follow the case: a document is visible when its case is (the case rules) and its kind
 * is (the attachment rules: never an internal one for the applicant). The expectation here is
 * written out by role, independently of the rules, for every case status and both kinds of document.
 */
describe('attachment visibility rules: role × case status × kind', () => {
  const member = (committee: string): AuthUser => ({
    id: 'rev',
    email: 'r@x',
    name: 'R',
    roles: ['reviewer'],
    committees: [{ committee, chair: false }],
    language: 'en',
  });
  const applicant: AuthUser = {
    id: 'applicant',
    email: 'a@x',
    name: 'A',
    roles: ['researcher'],
    committees: [],
    language: 'en',
  };
  const kaseIn = (status: CaseStatus, conflicts: { userId: string }[] = []) => ({
    id: 'c1',
    status,
    applicantId: 'applicant',
    submittedAt: status === 'draft' ? null : new Date('2026-01-05T10:00:00Z'),
    stages: [{ committeeKey: 'knowledge_security' }],
    conflicts,
  });
  const submitted = (s: CaseStatus) => s !== 'draft';
  const viewers: [string, AuthUser, (status: CaseStatus, kind: string) => boolean, { userId: string }[]?][] = [
    ['the applicant', applicant, (_s, kind) => kind !== 'internal'],
    ['another researcher', userWith('researcher'), () => false],
    ['a member of the committee with a stage', member('knowledge_security'), (s) => submitted(s)],
    ['a member who declared a conflict', member('knowledge_security'), () => false, [{ userId: 'rev' }]],
    ['a member of a committee without a stage', member('dual_use_ethics'), () => false],
    ['the International Office', userWith('international_office'), (s) => submitted(s)],
    ['leadership', userWith('leadership'), (s) => ['escalated', ...DECIDED_STATUSES].includes(s)],
    ['council', userWith('council'), () => false],
    ['admin', userWith('admin'), () => false],
  ];
  const cells = viewers.flatMap(([label, user, expected, conflicts]) =>
    CASE_STATUSES.flatMap((status) =>
      ['project_description', 'internal'].map(
        (kind) => [label, status, kind, expected(status, kind), user, conflicts ?? []] as const,
      ),
    ),
  );

  it.each(cells)('%s, %s case, %s document → %s', (_label, status, kind, expected, user, conflicts) => {
    const allowed = canReadAttachment(factory.createFor(user), kaseIn(status, [...conflicts]), {
      kind,
      uploadedById: 'applicant',
    });
    expect(allowed).toBe(expected);
  });

  it('lets the applicant add their kinds, staff on the case add internal ones, and only the uploader delete', () => {
    const kase = caseSubject(kaseIn('information_requested'));
    const can = (user: AuthUser, action: Action) => factory.createFor(user).can(action, kase);
    expect(can(applicant, 'add_attachment')).toBe(true);
    expect(can(applicant, 'add_internal_attachment')).toBe(false);
    expect(can(userWith('international_office'), 'add_internal_attachment')).toBe(true);
    expect(can(userWith('international_office'), 'add_attachment')).toBe(false);
    expect(can(member('knowledge_security'), 'add_internal_attachment')).toBe(true);
    expect(can(member('dual_use_ethics'), 'add_internal_attachment')).toBe(false);
    expect(can(userWith('leadership'), 'add_internal_attachment')).toBe(false);
    expect(can(userWith('researcher'), 'add_attachment')).toBe(false);
    const recused = caseSubject(kaseIn('in_review', [{ userId: 'rev' }]));
    expect(factory.createFor(member('knowledge_security')).can('add_internal_attachment', recused)).toBe(false);

    const own = attachmentSubject({ kind: 'other', uploadedById: 'applicant' }, { applicantId: 'applicant' });
    expect(factory.createFor(applicant).can('delete', own)).toBe(true);
    expect(factory.createFor({ ...applicant, id: 'someone' }).can('delete', own)).toBe(false);
    expect(factory.createFor(userWith('international_office')).can('delete', own)).toBe(false);
  });

  it('never shows the applicant an internal document, also when they sit on the committee', () => {
    const applicantReviewer: AuthUser = {
      ...member('knowledge_security'),
      id: 'applicant',
      roles: ['researcher', 'reviewer', 'international_office'],
    };
    const ability = factory.createFor(applicantReviewer);
    const kase = kaseIn('in_review');
    expect(canReadAttachment(ability, kase, { kind: 'internal', uploadedById: 'io' })).toBe(false);
    expect(canReadAttachment(ability, kase, { kind: 'agreement_draft', uploadedById: 'applicant' })).toBe(true);
  });
});
