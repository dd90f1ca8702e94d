import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { AuthErrorCode } from './auth.errors';
import { TransactionRunner } from '../database/transaction-runner';
import { LoginFailure } from './login-failure.entity';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_ADDRESS = 100;

/**
 * 10 failed logins for one e-mail, or 100 from one address, within 15 minutes → 429.
 *
 * Failures are kept in the database, so the limits hold across restarts and instances. Within a
 * process, attempts for one e-mail run one after the other, so a burst of parallel guesses meets the
 * limit exactly while parallel correct logins all pass; and attempts still in flight from an address
 * count towards its limit. Between instances sharing one database the limit may be overshot by the
 * attempts that start in the same few milliseconds. A successful login writes nothing. A wrong current
 * password at a password change counts as a failed login of that user's e-mail.
 */
@Injectable()
export class LoginLimiter {
  private gate: Promise<unknown> = Promise.resolve();
  private readonly byEmail = new Map<string, Promise<unknown>>();
  private readonly inFlightByAddress = new Map<string, number>();

  constructor(
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `check` as one login attempt: 429 when a limit is reached; a failure is recorded when
   * `check` answers null (or throws). With `email` null (a sign-in through an identity provider,
   * which names nobody before it succeeds) only the address's limit applies.
   */
  attempt<T>(email: string | null, ip: string, check: () => Promise<T | null>): Promise<T | null> {
    const run = async () => {
      // Checking the limits and joining the attempts in flight is one step for all addresses.
      await this.serialised(async () => {
        await this.assertAllowed(email, ip, this.clock.now(), this.inFlightByAddress.get(ip) ?? 0);
        this.inFlightByAddress.set(ip, (this.inFlightByAddress.get(ip) ?? 0) + 1);
      });
      let result: T | null = null;
      try {
        result = await check();
        return result;
      } finally {
        if (result === null) await this.recordFailure(email ?? '', ip);
        const left = (this.inFlightByAddress.get(ip) ?? 1) - 1;
        if (left > 0) this.inFlightByAddress.set(ip, left);
        else this.inFlightByAddress.delete(ip);
      }
    };
    return email === null ? run() : this.oneAtATime(email, run);
  }

  private oneAtATime<T>(email: string, work: () => Promise<T>): Promise<T> {
    const result = (this.byEmail.get(email) ?? Promise.resolve()).then(work);
    const tail = result.catch(() => undefined);
    this.byEmail.set(email, tail);
    void tail.then(() => {
      if (this.byEmail.get(email) === tail) this.byEmail.delete(email);
    });
    return result;
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const result = this.gate.then(work);
    this.gate = result.catch(() => undefined);
    return result;
  }

  /** 429 when the failures in the window (plus `inFlightFromAddress` attempts under way) reach a limit. */
  async assertAllowed(
    email: string | null,
    ip: string,
    now = this.clock.now(),
    inFlightFromAddress = 0,
  ): Promise<void> {
    const since = MoreThan(new Date(now.getTime() - LOGIN_WINDOW_MS));
    const [byEmail, byAddress] = await Promise.all([
      email ? this.failures.count({ where: { email, at: since } }) : 0,
      this.failures.count({ where: { ip, at: since } }),
    ]);
    if (byEmail >= MAX_FAILURES_PER_EMAIL || byAddress + inFlightFromAddress >= MAX_FAILURES_PER_ADDRESS) {
      throw new DomainError(AuthErrorCode.LoginRateLimited);
    }
  }

  /** Records a failed attempt (and forgets those outside the window). */
  async recordFailure(email: string, ip: string, now = this.clock.now()): Promise<void> {
    await this.transactions.run(async (manager) => {
      await manager.insert(LoginFailure, { email, ip, at: now });
      await manager.delete(LoginFailure, { at: LessThan(new Date(now.getTime() - LOGIN_WINDOW_MS)) });
    });
  }
}
