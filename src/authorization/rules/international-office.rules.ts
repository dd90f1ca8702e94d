import { RoleRules } from './rule-context';

/** Every submitted case (not their own), triage and condition follow-up; reference data. */
export const internationalOfficeRules: RoleRules = (user, { can }) => {
  can('update', 'Country');
  can('read', 'CountryChange');
  can(
    [
      'read',
      'read_confidential',
      'triage',
      'request_information',
      'update_condition',
      'waive_condition',
      'decide_screening_hit',
    ],
    'Case',
    {
      submitted: true,
      applicantId: { $ne: user.id },
    },
  );
  can('add_internal_attachment', 'Case', { submitted: true, applicantId: { $ne: user.id } });
  can('read', 'Attachment', { applicantId: { $ne: user.id } });
  can('read_overdue', 'Case');
  can(['create', 'read'], 'ScreeningList');
  can(['create', 'read', 'publish'], 'Report');
  can('update', 'ClosureDay');
  can('read', 'Job');
};
