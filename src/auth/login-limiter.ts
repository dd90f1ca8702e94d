import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { LoginFailure } from './login-failure.entity';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_ADDRESS = 100;

/**
 * API.md: 10 failed logins for one e-mail, or 100 from one address, within 15 minutes → 429.
 *
 * Attempts for one e-mail run one after the other (within this process), so a burst of parallel
 * guesses meets the limit exactly, while parallel correct logins all pass. Each attempt is recorded
 * as a failure before its check and removed again when it succeeds, so attempts from one address
 * that are still in flight count towards the address limit too. Between instances sharing one
 * database, the limit may be overshot by attempts that start in the same few milliseconds.
 */
@Injectable()
export class LoginLimiter {
  private gate: Promise<unknown> = Promise.resolve();
  private readonly byEmail = new Map<string, Promise<unknown>>();

  constructor(
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Runs `check` as one login attempt: 429 when a limit is reached, else the attempt counts as a
   * failure unless `check` answers something other than null.
   */
  attempt<T>(email: string, ip: string, check: () => Promise<T | null>): Promise<T | null> {
    return this.oneAtATime(email, async () => {
      const id = await this.serialised(async () => {
        const now = new Date();
        await this.assertAllowed(email, ip, now);
        return this.recordFailure(email, ip, now);
      });
      const result = await check();
      if (result !== null) await this.failures.delete({ id });
      return result;
    });
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

  async assertAllowed(email: string, ip: string, now = new Date()): Promise<void> {
    const since = MoreThan(new Date(now.getTime() - LOGIN_WINDOW_MS));
    const [byEmail, byAddress] = await Promise.all([
      this.failures.count({ where: { email, at: since } }),
      this.failures.count({ where: { ip, at: since } }),
    ]);
    if (byEmail >= MAX_FAILURES_PER_EMAIL || byAddress >= MAX_FAILURES_PER_ADDRESS) {
      throw new HttpException(
        { statusCode: 429, message: 'Too many failed login attempts; try again later', error: 'Too Many Requests' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  /** Records a failed attempt (and forgets those outside the window); returns its id. */
  async recordFailure(email: string, ip: string, now = new Date()): Promise<number> {
    return this.transactions.run(async (manager) => {
      const inserted = await manager.insert(LoginFailure, { email, ip, at: now });
      await manager.delete(LoginFailure, { at: LessThan(new Date(now.getTime() - LOGIN_WINDOW_MS)) });
      return Number(inserted.identifiers[0].id);
    });
  }
}
