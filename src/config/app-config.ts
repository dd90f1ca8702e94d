import { Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  validateSync,
} from 'class-validator';
import { isIP } from 'node:net';
import { randomBytes } from 'node:crypto';

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A number of hops, or a comma-separated list of IP addresses, CIDR ranges and proxy-addr's keywords. */
@ValidatorConstraint({ name: 'trustProxyList' })
class TrustProxyList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    if (/^\d{1,2}$/.test(value.trim())) return true;
    return value.split(',').every((item) => {
      const [address, prefix, ...rest] = item.trim().split('/');
      if (rest.length) return false;
      if (prefix === undefined && PROXY_KEYWORDS.has(address)) return true;
      const family = isIP(address);
      if (family === 0) return false;
      return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
    });
  }

  defaultMessage(): string {
    return 'TRUST_PROXY must be a number of proxy hops or a comma-separated list of proxy addresses (IP, CIDR, loopback, linklocal, uniquelocal)';
  }
}

/** The environment the service reads; validated once at start so a bad value stops it with the setting's name. */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<file path> or postgres://user:pass@host:port/db',
  })
  DATABASE_URL = 'sqlite:data/app.sqlite';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters long' })
  ADMIN_PASSWORD?: string;

  @IsInt()
  @Min(60)
  JWT_EXPIRES_IN_SECONDS = 3600;

  /** Reverse proxies whose X-Forwarded-For is believed: a number of hops, or their addresses/CIDRs. */
  @IsOptional()
  @Validate(TrustProxyList)
  TRUST_PROXY?: string;
}

export interface AppConfig {
  nodeEnv: EnvironmentVariables['NODE_ENV'];
  port: number;
  databaseUrl: string;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  admin: { email: string; password: string } | null;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

export const SETTING_NAMES = [
  'NODE_ENV',
  'PORT',
  'DATABASE_URL',
  'JWT_SECRET',
  'JWT_EXPIRES_IN_SECONDS',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'TRUST_PROXY',
] as const;
const NUMERIC = new Set(['PORT', 'JWT_EXPIRES_IN_SECONDS']);

/** Validates raw environment values; throws a ConfigError naming every bad setting. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const input: Record<string, unknown> = {};
  for (const key of SETTING_NAMES) {
    const value = raw[key];
    if (value === undefined || value === '') continue;
    input[key] = NUMERIC.has(key) && /^\d+$/.test(String(value)) ? Number(value) : value;
  }
  const env = plainToInstance(EnvironmentVariables, input);
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const messages = errors.flatMap((e) => Object.values(e.constraints ?? { invalid: `${e.property} is invalid` }));
    throw new ConfigError(`Invalid configuration: ${messages.join('; ')}`);
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  }
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration: ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  return env;
}

/**
 * Fastify's `trustProxy` for TRUST_PROXY: without it the client address is the peer's, so behind a
 * load balancer every client would share its address (and the per-address login limit).
 */
export function trustProxySetting(
  env: Pick<EnvironmentVariables, 'TRUST_PROXY'>,
): false | string | ((address: string, hop: number) => boolean) {
  const value = env.TRUST_PROXY?.trim();
  if (!value) return false;
  if (!/^\d+$/.test(value)) return value;
  const hops = Number(value);
  return (_address, hop) => hop < hops;
}

/** Turns validated settings into the typed configuration; a missing JWT_SECRET gets a random one for this start. */
export function buildAppConfig(env: EnvironmentVariables): AppConfig {
  let jwtSecret = env.JWT_SECRET;
  if (!jwtSecret) {
    jwtSecret = randomBytes(48).toString('base64url');
    new Logger('Config').warn(
      'JWT_SECRET is not set: using a random secret for this start; tokens will not survive a restart',
    );
  }
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    jwtSecret,
    jwtExpiresInSeconds: env.JWT_EXPIRES_IN_SECONDS,
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : null,
  };
}
