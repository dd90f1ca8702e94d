import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { CommitteeMembership, User, UserRole } from './user.entity';
import { Role } from './role';

@Injectable()
export class UsersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  private get users() {
    return this.dataSource.getRepository(User);
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id } });
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
