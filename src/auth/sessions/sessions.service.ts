import type {} from '@fastify/cookie';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { LessThan, Not, Repository } from 'typeorm';
import { AuthUser } from '../../authorization/auth-user';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { User } from '../../users/user.entity';
import { UsersRepository } from '../../users/users.repository';
import { CommonErrorCode } from '../../common/common.errors';
import { DomainError } from '../../common/domain-error';
import { toUserResponse } from '../../users/dto/user.response';
import { AuthErrorCode } from '../auth.errors';
import { toAuthUser } from '../auth-user.mapper';
import { SessionResponse } from '../dto/login.dto';
import { Session, SignInMethod } from './session.entity';

export const SESSION_COOKIE = 'pr_session';
/** The header that carries the session's CSRF token on unsafe requests made with the cookie. */
export const CSRF_HEADER = 'x-csrf-token';
/** The field that carries it in an HTML form (application/x-www-form-urlencoded). */
export const CSRF_FORM_FIELD = '_csrf';

/** The idle expiry is pushed forward at most this often, so an active session is not written on every request. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

/** A live session, as resolved from a request's cookie. */
export interface ActiveSession {
  id: string;
  user: User;
  authUser: AuthUser;
  method: SignInMethod;
  /** Send it back in X-CSRF-Token (or the `_csrf` form field) with every unsafe request. */
  csrfToken: string;
  /** When the session ends if no request comes first (the idle or the absolute end, whichever is sooner). */
  expiresAt: Date;
}

/**
 * Browser sessions: a random secret in an HttpOnly cookie, its SHA-256 in the `sessions` table.
 * A session ends on logout, after SESSION_IDLE_MINUTES without a request, SESSION_ABSOLUTE_HOURS
 * after sign-in, and at once when the user is deactivated or their password changes (both raise
 * the user's token version, which the session recorded at sign-in).
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Opens a session for the user and sets its cookie on the reply. */
  async open(user: User, method: SignInMethod, reply: FastifyReply): Promise<ActiveSession> {
    const now = this.clock.now();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.sessionAbsoluteHours * 3_600_000);
    // Forget this user's sessions that have ended anyway, so the table stays small without a sweeper.
    await this.sessions.delete({ userId: user.id, expiresAt: LessThan(now) });
    await this.sessions.delete({ userId: user.id, tokenVersion: Not(user.tokenVersion) });
    const session = Object.assign(new Session(), {
      id: randomUUID(),
      secretHash: hashSecret(secret),
      userId: user.id,
      tokenVersion: user.tokenVersion,
      method,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    await this.sessions.insert(session);
    reply.setCookie(SESSION_COOKIE, secret, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      maxAge: this.config.sessionAbsoluteHours * 3600,
    });
    return this.toActive(session, user, secret);
  }

  /** Whether the request carries a session cookie at all (live or not). */
  hasCookie(request: FastifyRequest): boolean {
    return Boolean(request.cookies?.[SESSION_COOKIE]);
  }

  /**
   * The live session named by the request's cookie, or null: no cookie, an unknown secret, an
   * ended session, or a user who was deactivated or changed their password since.
   */
  async fromRequest(request: FastifyRequest): Promise<ActiveSession | null> {
    const secret = request.cookies?.[SESSION_COOKIE];
    if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
    const session = await this.sessions.findOne({ where: { secretHash: hashSecret(secret) } });
    if (!session) return null;
    const now = this.clock.now();
    const user = now < this.endOf(session) ? await this.users.findById(session.userId) : null;
    if (!user || !user.active || user.tokenVersion !== session.tokenVersion) {
      await this.sessions.delete({ id: session.id });
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
      session.lastSeenAt = now;
      await this.sessions.update({ id: session.id }, { lastSeenAt: now });
    }
    return this.toActive(session, user, secret);
  }

  /** The current user from the session cookie, or null: for pages that also serve people who are not signed in. */
  async currentUser(request: FastifyRequest): Promise<AuthUser | null> {
    return (await this.fromRequest(request))?.authUser ?? null;
  }

  /** Ends the request's session (if any) and clears its cookie. */
  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const secret = request.cookies?.[SESSION_COOKIE];
    if (secret) await this.sessions.delete({ secretHash: hashSecret(secret) });
    reply.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
    });
  }

  /**
   * Logout: ends the cookie's session and clears the cookie. While the session lives, the request
   * must carry its CSRF token (another site must not sign people out); a dead or missing cookie
   * is just cleared.
   */
  async logout(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = await this.fromRequest(request);
    if (session && !this.verifyCsrfToken(session, this.csrfTokenOf(request))) {
      throw new DomainError(AuthErrorCode.CsrfTokenInvalid);
    }
    await this.end(request, reply);
  }

  /** The answer of GET /api/auth/session; 401 for a request that came with a bearer token instead of the cookie. */
  describe(session: ActiveSession | null): SessionResponse {
    if (!session) throw new DomainError(CommonErrorCode.NotAuthenticated, 'This request carries no session cookie');
    return {
      user: toUserResponse(session.user),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  /** Whether `token` is the session's CSRF token (compared in constant time). */
  verifyCsrfToken(session: ActiveSession, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expected = Buffer.from(session.csrfToken);
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * The CSRF token a request sends: the X-CSRF-Token header, or for an HTML form posted as
   * application/x-www-form-urlencoded its `_csrf` field.
   */
  csrfTokenOf(request: FastifyRequest): unknown {
    const header = request.headers[CSRF_HEADER];
    if (header !== undefined) return header;
    const contentType = (request.headers['content-type'] ?? '').toLowerCase();
    // A file upload form cannot be read before the guard runs: its token comes in the form's URL.
    if (contentType.startsWith('multipart/form-data')) {
      const query = request.query as Record<string, unknown> | null | undefined;
      return query && typeof query === 'object' ? query[CSRF_FORM_FIELD] : undefined;
    }
    if (!contentType.startsWith('application/x-www-form-urlencoded')) return undefined;
    const body = request.body as Record<string, unknown> | null | undefined;
    return body && typeof body === 'object' ? body[CSRF_FORM_FIELD] : undefined;
  }

  private endOf(session: Session): Date {
    const idleEnd = session.lastSeenAt.getTime() + this.config.sessionIdleMinutes * 60_000;
    return new Date(Math.min(idleEnd, session.expiresAt.getTime()));
  }

  private toActive(session: Session, user: User, secret: string): ActiveSession {
    return {
      id: session.id,
      user,
      authUser: toAuthUser(user),
      method: session.method,
      csrfToken: csrfTokenFor(secret),
      expiresAt: this.endOf(session),
    };
  }
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Derived from the cookie's secret, so it needs no storage and another site, which cannot read
 * the cookie, cannot compute it; the stored hash does not reveal it either.
 */
function csrfTokenFor(secret: string): string {
  return createHmac('sha256', secret).update('csrf').digest('base64url');
}
