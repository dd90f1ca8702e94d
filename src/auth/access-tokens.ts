import type { JwtModuleOptions } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../config/app-config';

/**
 * Access tokens are HS256 JWTs. The secret is handed to jsonwebtoken as a KeyObject: given a
 * string, it first tries to read it as a public key (crypto.createPublicKey) on every single
 * verification, which costs more than the HMAC itself.
 */
export function accessTokenOptions(config: AppConfig): JwtModuleOptions {
  return {
    secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
    signOptions: { algorithm: 'HS256' },
    verifyOptions: { algorithms: ['HS256'] },
  };
}

/**
 * Access tokens whose signature was checked, with their claims. Checking a token's signature again
 * gives the same answer, so a token seen before costs a lookup instead of an HMAC and two JSON
 * parses; its expiry is still checked at every use, as jsonwebtoken checks it (against the system
 * clock). Only tokens that passed the check are kept, at most `max`, the oldest going first.
 */
export class VerifiedTokens<Claims extends { exp?: number }> {
  private readonly claims = new Map<string, Claims>();

  constructor(private readonly max = 10_000) {}

  get(token: string, nowMs: number = Date.now()): Claims | undefined {
    const claims = this.claims.get(token);
    if (!claims) return undefined;
    if (claims.exp !== undefined && nowMs >= claims.exp * 1000) {
      this.claims.delete(token);
      return undefined;
    }
    return claims;
  }

  add(token: string, claims: Claims): void {
    if (this.claims.size >= this.max) this.claims.delete(this.claims.keys().next().value!);
    this.claims.set(token, claims);
  }
}
