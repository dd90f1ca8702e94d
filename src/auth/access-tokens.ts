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
