import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { AbilityFactory } from '../authorization/ability.factory';
import { AuthUser } from '../authorization/auth-user';
import { PasswordHasher } from '../auth/password-hasher';
import { CommitteesRepository } from '../committees/committees.repository';
import { invalidInput } from '../common/common.errors';
import { DomainError, isUniqueViolation } from '../common/domain-error';
import { UserErrorCode } from './user.errors';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { CommitteeMembershipInput, CreateUserDto, UpdateUserDto, UserSettingsDto } from './dto/user-input.dto';
import { toUserResponse, UserResponse } from './dto/user.response';
import { Role } from './role';
import { CommitteeMembership, User, UserRole } from './user.entity';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly committees: CommitteesRepository,
    private readonly hasher: PasswordHasher,
    private readonly abilities: AbilityFactory,
  ) {}

  async create(_actor: AuthUser, input: CreateUserDto): Promise<UserResponse> {
    const email = input.email.trim().toLowerCase();
    const committees = input.committees ?? [];
    await this.assertMemberships(input.roles, committees);
    if (await this.users.findByEmail(email)) throw new DomainError(UserErrorCode.EmailTaken);
    const user = new User();
    Object.assign(user, {
      email,
      name: input.name.trim(),
      department: input.department ?? null,
      passwordHash: await this.hasher.hash(input.password),
      active: true,
      tokenVersion: 0,
      language: input.language ?? 'en',
      emailNotifications: input.emailNotifications ?? true,
      roles: input.roles.map((role) => Object.assign(new UserRole(), { role })),
      committees: committees.map((m) =>
        Object.assign(new CommitteeMembership(), { committeeKey: m.committee, chair: m.chair }),
      ),
    });
    try {
      return toUserResponse(await this.users.insert(user));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(UserErrorCode.EmailTaken);
      throw error;
    }
  }

  async list(_actor: AuthUser, query: PageQuery): Promise<Page<UserResponse>> {
    const [users, total] = await this.users.findPage(query.skip, query.pageSize);
    return pageOf(users.map(toUserResponse), total, query);
  }

  async get(actor: AuthUser, id: string): Promise<UserResponse> {
    return toUserResponse(await this.findVisible(actor, id));
  }

  /**
   * The actor's own profile as committed (read through the read connection), so that it may be
   * kept with the request's change stamp (UnchangedAnswers).
   */
  async getOwn(actor: AuthUser): Promise<UserResponse> {
    const user = await this.users.findCommitted(actor.id);
    if (!user) throw new DomainError(UserErrorCode.NotFound);
    return toUserResponse(user);
  }

  async update(actor: AuthUser, id: string, input: UpdateUserDto): Promise<UserResponse> {
    const user = await this.findVisible(actor, id);
    const roles = input.roles ?? user.roleNames();
    // Dropping the reviewer role ends the committee memberships with it.
    const committees = input.committees ?? (roles.includes('reviewer') ? undefined : []);
    await this.assertMemberships(roles, committees ?? []);
    const losesAdmin =
      user.active && user.roleNames().includes('admin') && (input.active === false || !roles.includes('admin'));
    if (losesAdmin && (await this.users.countActiveWithRole('admin')) <= 1) {
      throw new DomainError(UserErrorCode.LastAdmin);
    }
    if (input.name !== undefined) user.name = input.name.trim();
    if (input.department !== undefined) user.department = input.department;
    const revokeTokens = (input.active === false && user.active) || input.password !== undefined;
    if (input.active !== undefined) user.active = input.active;
    applySettings(user, input);
    if (input.password !== undefined) user.passwordHash = await this.hasher.hash(input.password);
    if (revokeTokens) user.tokenVersion += 1;
    return toUserResponse(await this.users.update(user, input.roles, committees));
  }

  /** A user's own language and e-mail setting. */
  async updateOwnSettings(actor: AuthUser, input: UserSettingsDto): Promise<UserResponse> {
    const user = await this.findVisible(actor, actor.id);
    applySettings(user, input);
    return toUserResponse(await this.users.update(user));
  }

  private async findVisible(actor: AuthUser, id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user || !this.abilities.createFor(actor).can('read', subject('User', { id: user.id })))
      throw new DomainError(UserErrorCode.NotFound);
    return user;
  }

  private async assertMemberships(roles: Role[], committees: CommitteeMembershipInput[]): Promise<void> {
    if (committees.length === 0) return;
    if (!roles.includes('reviewer')) throw invalidInput('committees is only allowed for users with role reviewer');
    const keys = committees.map((m) => m.committee);
    if (new Set(keys).size !== keys.length) throw invalidInput('committees must not name a committee twice');
    const known = new Set(await this.committees.keys());
    const unknown = keys.filter((k) => !known.has(k));
    if (unknown.length)
      throw invalidInput(
        `committees.committee must be one of ${[...known].join(', ')} (unknown: ${unknown.join(', ')})`,
      );
  }
}

function applySettings(user: User, input: UserSettingsDto): void {
  if (input.language !== undefined) user.language = input.language;
  if (input.emailNotifications !== undefined) user.emailNotifications = input.emailNotifications;
}
