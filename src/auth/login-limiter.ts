import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { LoginFailure } from './login-failure.entity';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_ADDRESS = 100;

/** API.md: 10 failed logins for one e-mail, or 100 from one address, within 15 minutes → 429. */
@Injectable()
export class LoginLimiter {
  constructor(
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
    private readonly transactions: TransactionRunner,
  ) {}

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

  async recordFailure(email: string, ip: string, now = new Date()): Promise<void> {
    await this.transactions.run(async (manager) => {
      await manager.insert(LoginFailure, { email, ip, at: now });
      await manager.delete(LoginFailure, { at: LessThan(new Date(now.getTime() - LOGIN_WINDOW_MS)) });
    });
  }
}
