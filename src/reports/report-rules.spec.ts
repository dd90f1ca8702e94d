import { subject } from '@casl/ability';
import { Action } from '../authorization/ability';
import { AbilityFactory } from '../authorization/ability.factory';
import { Role } from '../users/role';

const factory = new AbilityFactory();
const as = (role: Role) =>
  factory.createFor({
    id: 'u1',
    email: 'u1@x',
    name: 'U',
    roles: [role],
    committees: role === 'reviewer' ? [{ committee: 'knowledge_security', chair: true }] : [],
    language: 'en',
  });

describe('council report rules', () => {
  // role × action × published → allowed
  it.each<[Role, Action, boolean, boolean]>([
    ['international_office', 'create', false, true],
    ['international_office', 'read', false, true],
    ['international_office', 'publish', false, true],
    ['leadership', 'read', false, true],
    ['leadership', 'read', true, true],
    ['leadership', 'create', false, false],
    ['leadership', 'publish', false, false],
    ['council', 'read', false, false],
    ['council', 'read', true, true],
    ['council', 'create', false, false],
    ['council', 'publish', false, false],
    ['researcher', 'read', true, false],
    ['reviewer', 'read', true, false],
    ['admin', 'read', true, false],
    ['admin', 'create', false, false],
  ])('%s may %s a report (published: %s): %s', (role, action, published, allowed) => {
    expect(as(role).can(action, subject('Report', { published }))).toBe(allowed);
  });

  it('lets the council past the route check, which the instance check then narrows to published reports', () => {
    expect(as('council').can('read', 'Report')).toBe(true);
    expect(as('researcher').can('read', 'Report')).toBe(false);
  });
});
