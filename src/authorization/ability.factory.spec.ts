import { subject } from '@casl/ability';
import { Role } from '../users/role';
import { Action, SubjectName } from './ability';
import { AbilityFactory } from './ability.factory';
import { AuthUser } from './auth-user';
import { caseSubject, stageSubject } from './rules/case-subject';

const factory = new AbilityFactory();
const userWith = (...roles: Role[]): AuthUser => ({ id: 'u1', email: 'u1@x', name: 'U', roles, committees: [] });

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
  ])('%s may %s %s: %s', (role, action, subjectName, allowed) => {
    expect(factory.createFor(userWith(role)).can(action, subjectName)).toBe(allowed);
  });

  it('lets every user read their own account and only the admin read others', () => {
    const researcher = factory.createFor(userWith('researcher'));
    expect(researcher.can('read', subject('User', { id: 'u1' }))).toBe(true);
    expect(researcher.can('read', subject('User', { id: 'u2' }))).toBe(false);
    expect(factory.createFor(userWith('admin')).can('read', subject('User', { id: 'u2' }))).toBe(true);
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
  const applicant: AuthUser = { id: 'applicant', email: 'a@x', name: 'A', roles: ['researcher'], committees: [] };

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
