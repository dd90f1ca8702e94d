import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { isTrue, ReadConnection } from '../database/read-connection';
import { TransactionRunner } from '../database/transaction-runner';
import { Language } from './language';
import { CommitteeMembership, User, UserRole } from './user.entity';
import { Role } from './role';

@Injectable()
export class UsersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly reads: ReadConnection,
  ) {}

  private get users() {
    return this.dataSource.getRepository(User);
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id } });
  }

  /**
   * The user with their roles and committee memberships as committed, read with plain SQL through
   * the read connection (ReadConnection): what a request reads after its change stamp may be kept
   * with that stamp. Roles and memberships come in a stable order; null if there is no such user.
   */
  async findCommitted(id: string): Promise<User | null> {
    const [users, memberships] = await Promise.all([
      this.reads.query(
        'SELECT u."id", u."email", u."name", u."department", u."active", u."tokenVersion", u."language",' +
          ' u."emailNotifications" FROM users u WHERE u."id" = :id',
        { id },
      ),
      // The roles (committee NULL) and the committee memberships.
      this.reads.query(
        'SELECT r."role" AS "role", NULL AS "committee", NULL AS "chair" FROM user_roles r WHERE r."userId" = :id' +
          ' UNION ALL SELECT NULL, m."committeeKey", m."chair" FROM committee_memberships m WHERE m."userId" = :id' +
          ' ORDER BY "role", "committee"',
        { id },
      ),
    ]);
    const [row] = users;
    if (!row) return null;
    return Object.assign(new User(), {
      id: row.id as string,
      email: row.email as string,
      name: row.name as string,
      department: (row.department as string | null) ?? null,
      active: isTrue(row.active),
      tokenVersion: Number(row.tokenVersion),
      language: row.language as Language,
      emailNotifications: isTrue(row.emailNotifications),
      roles: memberships
        .filter((m) => m.role !== null)
        .map((m) => Object.assign(new UserRole(), { userId: row.id, role: m.role as Role })),
      committees: memberships
        .filter((m) => m.committee !== null)
        .map((m) =>
          Object.assign(new CommitteeMembership(), {
            userId: row.id,
            committeeKey: m.committee as string,
            chair: isTrue(m.chair),
          }),
        ),
    });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOne({ where: { email: email.toLowerCase() } });
  }

  async findPage(skip: number, take: number): Promise<[User[], number]> {
    return this.users.findAndCount({ order: { email: 'ASC' }, skip, take });
  }

  /** Every user's name (to keep them out of anonymised text). */
  async allNames(): Promise<string[]> {
    return (await this.users.find({ select: { name: true } })).map((u) => u.name);
  }

  /** The active reviewers who are members of the committee, by name (whom a chair may assign). */
  async findActiveCommitteeMembers(committeeKey: string): Promise<User[]> {
    return this.users.find({
      where: { active: true, roles: { role: 'reviewer' }, committees: { committeeKey } },
      order: { name: 'ASC' },
    });
  }

  async anyWithRole(role: Role): Promise<boolean> {
    return (await this.dataSource.getRepository(UserRole).count({ where: { role } })) > 0;
  }

  async countActiveWithRole(role: Role): Promise<number> {
    return this.users.count({ where: { active: true, roles: { role } } });
  }

  insert(user: User): Promise<User> {
    return this.transactions.run((manager) => manager.save(user));
  }

  /** Saves the user's own columns and, when given, replaces their roles and committee memberships, in one transaction. */
  async update(user: User, roles?: Role[], committees?: { committee: string; chair: boolean }[]): Promise<User> {
    await this.transactions.run(async (manager: EntityManager) => {
      const { roles: _r, committees: _c, ...columns } = user;
      await manager.update(User, { id: user.id }, { ...columns, updatedAt: this.clock.now() });
      if (roles) {
        await manager.delete(UserRole, { userId: user.id });
        if (roles.length)
          await manager.insert(
            UserRole,
            roles.map((role) => ({ userId: user.id, role })),
          );
      }
      if (committees) {
        await manager.delete(CommitteeMembership, { userId: user.id });
        if (committees.length) {
          await manager.insert(
            CommitteeMembership,
            committees.map((m) => ({ userId: user.id, committeeKey: m.committee, chair: m.chair })),
          );
        }
      }
    });
    return (await this.findById(user.id))!;
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      await manager.increment(User, { id: userId }, 'tokenVersion', 1);
      await manager.update(User, { id: userId }, { passwordHash, updatedAt: this.clock.now() });
    });
  }
}
