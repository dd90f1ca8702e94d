import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import type { Role } from '../../src/users/role';
import { freshDatabaseUrl } from './test-database';

export const ADMIN = { email: 'admin@test.example', password: 'admin-password-123' };
export const PASSWORD = 'a-long-enough-password';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
}

/** The real application on a fresh database, with helpers to make users and log them in. */
export class TestApp {
  private counter = 0;

  private constructor(readonly app: NestFastifyApplication) {}

  /** With `DATABASE_URL` in `env`, on that database as it is (a restart); else on a fresh one. */
  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: env.DATABASE_URL ?? (await freshDatabaseUrl()),
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // OWASP's smallest recommended argon2id setting: the suites hash and check many passwords.
      PASSWORD_HASH_MEMORY_KIB: '19456',
      PASSWORD_HASH_ITERATIONS: '2',
      ...env,
    });
    return new TestApp(await createApp({ logger: false }));
  }

  /** The application's time: tests compare with this, never with the wall clock. */
  now(): Date {
    return this.app.get(Clock).now();
  }

  /** The application's date today (UTC), YYYY-MM-DD. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  http() {
    return request(this.app.getHttpServer());
  }

  async login(email: string, password: string): Promise<string> {
    const res = await this.http().post('/api/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  private adminTokenPromise?: Promise<string>;

  adminToken(): Promise<string> {
    this.adminTokenPromise ??= this.login(ADMIN.email, ADMIN.password);
    return this.adminTokenPromise;
  }

  /** Creates a user through the API as the admin, and logs them in. */
  async createUser(
    roles: Role[],
    committees: { committee: string; chair: boolean }[] = [],
    extra: Record<string, unknown> = {},
  ): Promise<TestUser> {
    const n = ++this.counter;
    const email = `${roles.join('-')}-${n}@test.example`;
    const name = `${roles.join(' ')} ${n}`;
    const res = await this.http()
      .post('/api/users')
      .set('Authorization', `Bearer ${await this.adminToken()}`)
      .send({
        email,
        name,
        password: PASSWORD,
        roles,
        committees: committees.length ? committees : undefined,
        ...extra,
      });
    if (res.status !== 201) throw new Error(`creating ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, email, name, token: await this.login(email, PASSWORD) };
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
