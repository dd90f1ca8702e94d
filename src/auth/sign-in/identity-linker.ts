import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { DomainError, isUniqueViolation } from '../../common/domain-error';
import { AppConfig } from '../../config/app-config';
import { TransactionRunner } from '../../database/transaction-runner';
import { languageOfLocale } from '../../users/language';
import { User, UserRole } from '../../users/user.entity';
import { UsersRepository } from '../../users/users.repository';
import { AuthErrorCode } from '../auth.errors';
import { VerifiedIdentity } from './sign-in-strategy';
import { UserIdentity } from './user-identity.entity';

/**
 * Finds the user a verified identity belongs to. Once linked, by (provider, subject) alone, so a
 * changed e-mail address at the provider changes nothing. The first time, by the e-mail address,
 * only if the provider vouches for it (`email_verified`) and only for an active user who has no
 * other identity at that provider (a reassigned address must not take over an account). Someone
 * unknown gets an account (role researcher, no password) only with OIDC_AUTO_PROVISION=true, in the
 * language of the provider's `locale` claim when it is Dutch or English (else English), mail on.
 * Roles and committee memberships stay with the admins.
 */
@Injectable()
export class IdentityLinker {
  private readonly logger = new Logger(IdentityLinker.name);

  constructor(
    @InjectRepository(UserIdentity) private readonly identities: Repository<UserIdentity>,
    private readonly users: UsersRepository,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async userFor(identity: VerifiedIdentity, retried = false): Promise<User> {
    const now = this.clock.now();
    const email = identity.email?.trim().toLowerCase() || null;
    const linked = await this.identities.findOne({
      where: { provider: identity.provider, subject: identity.subject },
    });
    if (linked) {
      const user = await this.users.findById(linked.userId);
      if (!user?.active) throw new DomainError(AuthErrorCode.SsoNoAccount);
      await this.identities.update({ id: linked.id }, { email, lastSignInAt: now });
      return user;
    }
    if (!email || !identity.emailVerified) throw new DomainError(AuthErrorCode.SsoEmailNotVerified);
    try {
      const existing = await this.users.findByEmail(email);
      if (existing) {
        if (!existing.active) throw new DomainError(AuthErrorCode.SsoNoAccount);
        await this.identities.insert(this.identityOf(existing.id, identity, email, now));
        this.logger.log(`Linked ${identity.provider} subject ${identity.subject} to user ${existing.id} by e-mail`);
        return existing;
      }
      if (!this.config.oidcAutoProvision) throw new DomainError(AuthErrorCode.SsoNoAccount);
      return await this.provision(identity, email, now);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A parallel first sign-in of the same person won (then we find their link), or the user
      // has another identity at this provider already (then an admin must sort it out).
      if (!retried) return this.userFor(identity, true);
      this.logger.warn(
        `Not linking ${identity.provider} subject ${identity.subject}: its e-mail belongs to a user linked to another subject there`,
      );
      throw new DomainError(AuthErrorCode.SsoNoAccount);
    }
  }

  private async provision(identity: VerifiedIdentity, email: string, now: Date): Promise<User> {
    const id = await this.transactions.run(async (manager) => {
      const user = Object.assign(new User(), {
        email,
        name: (identity.name?.trim() || email).slice(0, 200),
        department: null,
        // No password: this person signs in through the identity provider only.
        passwordHash: '',
        active: true,
        tokenVersion: 0,
        // Their notifications in the language the provider names, if it is one of ours; mail on, as for any new user.
        language: languageOfLocale(identity.locale),
        emailNotifications: true,
        roles: [Object.assign(new UserRole(), { role: 'researcher' })],
        committees: [],
      });
      const saved = await manager.save(user);
      await manager.insert(UserIdentity, this.identityOf(saved.id, identity, email, now));
      return saved.id;
    });
    this.logger.log(`Created user ${id} (researcher) for ${identity.provider} subject ${identity.subject}`);
    return (await this.users.findById(id))!;
  }

  private identityOf(userId: string, identity: VerifiedIdentity, email: string, now: Date): UserIdentity {
    return Object.assign(new UserIdentity(), {
      id: randomUUID(),
      userId,
      provider: identity.provider,
      subject: identity.subject,
      email,
      createdAt: now,
      lastSignInAt: now,
    });
  }
}
