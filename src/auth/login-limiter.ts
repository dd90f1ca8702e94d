import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { LoginFailure } from './login-failure.entity';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_ADDRESS = 100;

/** A login attempt under way; it counts as a failure unless `succeeded` is called. */
export interface LoginAttempt {
  id: number;
}

/**
 * API.md: 10 failed logins for one e-mail, or 100 from one address, within 15 minutes → 429.
 *
 * An attempt is recorded as a failure before the password is checked and removed again when it
 * succeeds, so attempts in flight count too: a burst of parallel guesses cannot all pass the limit
 * while the (slow, by design) password hash of each is still being computed. The check-and-record
 * step is serialised within the process; between instances sharing one database the limit may be
 * overshot by the attempts that start in the same few milliseconds.
 */
@Injectable()
export class LoginLimiter {
  private gate: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Refuses with 429 when a limit is reached; otherwise records the attempt and returns it. */
  begin(email: string, ip: string, now = new Date()): Promise<LoginAttempt> {
    const attempt = this.gate.then(async () => {
      await this.assertAllowed(email, ip, now);
      return { id: await this.recordFailure(email, ip, now) };
    });
    this.gate = attempt.catch(() => undefined);
    return attempt;
  }

  /** The attempt succeeded: it no longer counts as a failure. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.failures.delete({ id: attempt.id });
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
