import type { FastifyReply, FastifyRequest } from 'fastify';
import { FixedClock } from '../../common/clock';
import { loadConfig } from '../../config/app-config';
import { PENDING_SIGN_IN_COOKIE, PENDING_SIGN_IN_TTL_MS, PendingSignIns } from './pending-sign-ins';

/** A reply that keeps the cookies set on it, and a request that sends them back. */
function browser() {
  const jar = new Map<string, string>();
  const reply = {
    setCookie: (name: string, value: string) => jar.set(name, value),
    clearCookie: (name: string) => jar.delete(name),
  } as unknown as FastifyReply;
  const request = () => ({ cookies: Object.fromEntries(jar) }) as unknown as FastifyRequest;
  return { jar, reply, request };
}

describe('PendingSignIns', () => {
  const config = loadConfig({ JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256' });
  const clock = new FixedClock(new Date('2026-12-01T09:00:00Z'));
  const pending = new PendingSignIns(config, clock);
  const signIn = { method: 'oidc', returnTo: '/cases', data: { state: 's', nonce: 'n', codeVerifier: 'v' } };

  it('gives back what was remembered, once, sealed so that the browser cannot read it', () => {
    const b = browser();
    pending.remember(b.reply, signIn);
    const sealed = b.jar.get(PENDING_SIGN_IN_COOKIE)!;
    expect(sealed).not.toMatch(/cases|codeVerifier/);
    expect(pending.take(b.request(), b.reply, 'oidc')).toMatchObject(signIn);
    expect(b.jar.has(PENDING_SIGN_IN_COOKIE)).toBe(false);
  });

  it('refuses an altered cookie, one sealed with another key, another method, and an expired one', () => {
    const b = browser();
    pending.remember(b.reply, signIn);
    const sealed = b.jar.get(PENDING_SIGN_IN_COOKIE)!;
    const [iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    const altered = [iv, flipped.toString('base64url'), tag].join('.');
    const other = new PendingSignIns(loadConfig({ JWT_SECRET: 'another-secret-that-is-long-enough-too' }), clock);
    const cases: [string, PendingSignIns, string][] = [
      [altered, pending, 'oidc'],
      ['not-a-sealed-value', pending, 'oidc'],
      [sealed, other, 'oidc'],
      [sealed, pending, 'saml'],
    ];
    for (const [value, reader, method] of cases) {
      b.jar.set(PENDING_SIGN_IN_COOKIE, value);
      expect(reader.take(b.request(), b.reply, method)).toBeNull();
    }
    b.jar.set(PENDING_SIGN_IN_COOKIE, sealed);
    clock.advance(PENDING_SIGN_IN_TTL_MS + 1);
    expect(pending.take(b.request(), b.reply, 'oidc')).toBeNull();
  });
});
