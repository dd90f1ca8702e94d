import type {} from '@fastify/cookie';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';

export const PENDING_SIGN_IN_COOKIE = 'pr_sign_in';
const COOKIE_PATH = '/api/auth';
/** Time to sign in at the provider. */
export const PENDING_SIGN_IN_TTL_MS = 10 * 60 * 1000;

export interface PendingSignIn<Data extends object = object> {
  method: string;
  returnTo: string;
  expiresAt: number;
  data: Data;
}

/**
 * What a sign-in must remember between the redirect to the provider and the browser's return
 * (state, nonce, PKCE verifier, where to go next): sealed (AES-256-GCM, a key derived from
 * JWT_SECRET) in a short-lived HttpOnly cookie. Every instance can read it, nothing is stored,
 * and the browser can neither read nor change it. SameSite=Lax: sent on the provider's redirect
 * back (a top-level GET), not on requests other sites make in the background.
 */
@Injectable()
export class PendingSignIns {
  private readonly key: Buffer;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = createHmac('sha256', config.jwtSecret).update('partnership-review pending sign-in').digest();
  }

  remember(reply: FastifyReply, pending: Omit<PendingSignIn, 'expiresAt'>): void {
    const value = this.seal({ ...pending, expiresAt: this.clock.now().getTime() + PENDING_SIGN_IN_TTL_MS });
    reply.setCookie(PENDING_SIGN_IN_COOKIE, value, {
      ...this.cookieOptions(),
      maxAge: PENDING_SIGN_IN_TTL_MS / 1000,
    });
  }

  /** The sign-in this browser started with `method`, or null (none, expired, altered); the cookie is cleared either way. */
  take<Data extends object>(request: FastifyRequest, reply: FastifyReply, method: string): PendingSignIn<Data> | null {
    const value = request.cookies?.[PENDING_SIGN_IN_COOKIE];
    reply.clearCookie(PENDING_SIGN_IN_COOKIE, this.cookieOptions());
    const pending = value ? this.open<Data>(value) : null;
    if (!pending || pending.method !== method || pending.expiresAt <= this.clock.now().getTime()) return null;
    return pending;
  }

  private cookieOptions() {
    return { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure: this.config.secureCookies };
  }

  private seal(pending: PendingSignIn): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(pending), 'utf8'), cipher.final()]);
    return [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
  }

  private open<Data extends object>(value: string): PendingSignIn<Data> | null {
    const [iv, body, tag] = value.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !body || !tag || iv.length !== 12 || tag.length !== 16) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      const json = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      return JSON.parse(json) as PendingSignIn<Data>;
    } catch {
      return null;
    }
  }
}
