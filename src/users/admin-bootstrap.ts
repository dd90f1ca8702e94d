import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PasswordHasher } from '../auth/password-hasher';
import { User, UserRole } from './user.entity';
import { UsersRepository } from './users.repository';

/** At start, creates the admin named by ADMIN_EMAIL/ADMIN_PASSWORD if no admin exists yet. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (await this.users.anyWithRole('admin')) return;
    if (!admin) {
      this.logger.warn('No admin exists: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create one');
      return;
    }
    const email = admin.email.toLowerCase();
    if (await this.users.findByEmail(email)) {
      this.logger.error(`ADMIN_EMAIL ${email} belongs to an existing user without the admin role; no admin created`);
      return;
    }
    const user = Object.assign(new User(), {
      email,
      name: 'Administrator',
      department: null,
      passwordHash: await this.hasher.hash(admin.password),
      active: true,
      tokenVersion: 0,
      language: 'en',
      emailNotifications: true,
      roles: [Object.assign(new UserRole(), { role: 'admin' })],
      committees: [],
    });
    await this.users.insert(user);
    this.logger.log(`Created the first admin ${email}`);
  }
}
