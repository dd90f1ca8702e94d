import { subject } from '@casl/ability';
import { Role } from '../users/role';
import { Action, SubjectName } from './ability';
import { AbilityFactory } from './ability.factory';
import { AuthUser } from './auth-user';

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
