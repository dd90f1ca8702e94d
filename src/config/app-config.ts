import { Logger } from '@nestjs/common';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
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
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class ConfigError extends Error {}

type Parse = 'string' | 'int' | 'boolean';
interface SettingDeclaration {
  property: string;
  name: string;
  parse: Parse;
}
const SETTINGS: SettingDeclaration[] = [];

/** Declares that the property is read from the environment variable `name`. */
function Setting(name: string, parse: Parse = 'string'): PropertyDecorator {
  return (_target, property) => {
    SETTINGS.push({ property: String(property), name, parse });
  };
}

/** The names of all settings, as they appear in the environment. */
export function settingNames(): string[] {
  return SETTINGS.map((s) => s.name);
}

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

@ValidatorConstraint({ name: 'knownTimeZone' })
class KnownTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'APP_TIME_ZONE must be an IANA time zone such as Europe/Brussels';
  }
}

/**
 * The service's settings, read from the environment once at start (`loadConfig`) and injected as
 * this class. A setting is declared in one place: a property with `@Setting(NAME)`, its default and
 * its validation. The README's settings table documents it.
 */
export class AppConfig {
  @Setting('NODE_ENV')
  @IsIn(['development', 'production', 'test'])
  readonly nodeEnv: 'development' | 'production' | 'test' = 'development';

  @Setting('PORT', 'int')
  @IsInt()
  @Min(0)
  @Max(65535)
  readonly port: number = 3000;

  @Setting('DATABASE_URL')
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<file path> or postgres://user:pass@host:port/db',
  })
  readonly databaseUrl: string = 'sqlite:data/app.sqlite';

  /** Required in production; otherwise a random secret per start (tokens do not survive a restart). */
  @Setting('JWT_SECRET')
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  readonly jwtSecret: string = '';

  @Setting('JWT_EXPIRES_IN_SECONDS', 'int')
  @IsInt()
  @Min(60)
  readonly jwtExpiresInSeconds: number = 3600;

  @Setting('ADMIN_EMAIL')
  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  readonly adminEmail?: string;

  @Setting('ADMIN_PASSWORD')
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters long' })
  readonly adminPassword?: string;

  /** Reverse proxies whose X-Forwarded-For is believed: a number of hops, or their addresses/CIDRs. */
  @Setting('TRUST_PROXY')
  @IsOptional()
  @Validate(TrustProxyList)
  readonly trustProxy?: string;

  /** The public base URL used in links (mails); defaults to http://localhost:<PORT>. */
  @Setting('APP_URL')
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'APP_URL must be an http(s) URL' })
  readonly appUrl?: string;

  /** The time zone of "today", due dates and reminders. */
  @Setting('APP_TIME_ZONE')
  @Validate(KnownTimeZone)
  readonly appTimeZone: string = 'Europe/Brussels';

  /**
   * Tests only: the clock starts at this instant and runs on from there, so a test run can be held
   * on a Saturday night. Refused in production.
   */
  @Setting('TEST_CLOCK_START')
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'TEST_CLOCK_START must be an ISO 8601 date and time' })
  readonly testClockStart?: string;

  /** The SMTP server mail leaves through (`smtp://user:pass@host:port` or `smtps://`); unset: in-app notifications only. */
  @Setting('SMTP_URL')
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, {
    message: 'SMTP_URL must be smtp://user:pass@host:port or smtps://user:pass@host:port',
  })
  readonly smtpUrl?: string;

  /** The sender of notification mails: an address, or `Name <address>`. */
  @Setting('MAIL_FROM')
  @IsOptional()
  @Matches(/^([^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, {
    message: 'MAIL_FROM must be an e-mail address, or Name <address>',
  })
  readonly mailFromSetting?: string;

  /** How often each instance looks for background jobs; 0 turns this instance's job runner off. */
  @Setting('JOBS_POLL_MS', 'int')
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  readonly jobsPollMs: number = 1000;

  /** Background jobs one instance runs at once (mails are sent this many at a time). */
  @Setting('JOBS_CONCURRENCY', 'int')
  @IsInt()
  @Min(1)
  @Max(32)
  readonly jobsConcurrency: number = 4;
  /** The identity provider's issuer; without it single sign-on is off and its routes answer 404. */
  @Setting('OIDC_ISSUER_URL')
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'OIDC_ISSUER_URL must be an http(s) URL' })
  readonly oidcIssuerUrl?: string;

  @Setting('OIDC_CLIENT_ID')
  @IsOptional()
  @IsString()
  readonly oidcClientId?: string;

  @Setting('OIDC_CLIENT_SECRET')
  @IsOptional()
  @IsString()
  readonly oidcClientSecret?: string;

  @Setting('OIDC_SCOPES')
  @Matches(/(^|\s)openid(\s|$)/, { message: 'OIDC_SCOPES must be space-separated scopes including openid' })
  readonly oidcScopes: string = 'openid email profile';

  /** Whether a person the product does not know gets an account (role researcher) at their first sign-in. */
  @Setting('OIDC_AUTO_PROVISION', 'boolean')
  @IsBoolean({ message: 'OIDC_AUTO_PROVISION must be true or false' })
  readonly oidcAutoProvision: boolean = false;

  /** With false, only admins may sign in with a password (everyone else through the identity provider). */
  @Setting('PASSWORD_LOGIN', 'boolean')
  @IsBoolean({ message: 'PASSWORD_LOGIN must be true or false' })
  readonly passwordLogin: boolean = true;

  /**
   * argon2id's memory per password hash, in KiB. The default is the library's (64 MiB); the floor is
   * OWASP's smallest recommended argon2id setting (19 MiB with 2 iterations). Hashes already stored
   * keep verifying when this changes: each carries its own parameters.
   */
  @Setting('PASSWORD_HASH_MEMORY_KIB', 'int')
  @IsInt()
  @Min(19_456)
  @Max(1_048_576)
  readonly passwordHashMemoryKib: number = 65_536;

  /** argon2id's passes over that memory per password hash. */
  @Setting('PASSWORD_HASH_ITERATIONS', 'int')
  @IsInt()
  @Min(2)
  @Max(10)
  readonly passwordHashIterations: number = 3;

  /**
   * Memory for answers of the case list and case page kept while nothing is committed (0: none are
   * kept). Any commit ends them all, so no answer is ever older than the last write.
   */
  @Setting('READ_CACHE_MB', 'int')
  @IsInt()
  @Min(0)
  @Max(4096)
  readonly readCacheMb: number = 32;

  /** A browser session ends after this many minutes without a request. */
  @Setting('SESSION_IDLE_MINUTES', 'int')
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  readonly sessionIdleMinutes: number = 60;

  /** A browser session ends this many hours after sign-in, however active. */
  @Setting('SESSION_ABSOLUTE_HOURS', 'int')
  @IsInt()
  @Min(1)
  @Max(30 * 24)
  readonly sessionAbsoluteHours: number = 12;

  /**
   * Where uploads wait on local disk until they are checked and stored in the database; files left
   * there by a crash are removed at start. Needs room for the uploads running at once.
   */
  @Setting('UPLOAD_SPOOL_DIR')
  @IsString()
  @MinLength(1)
  readonly uploadSpoolDir: string = join(tmpdir(), 'partnership-review-uploads');

  get admin(): { email: string; password: string } | null {
    return this.adminEmail && this.adminPassword ? { email: this.adminEmail, password: this.adminPassword } : null;
  }

  get publicUrl(): string {
    return (this.appUrl ?? `http://localhost:${this.port}`).replace(/\/+$/, '');
  }

  get mailFrom(): string {
    return this.mailFromSetting ?? `Partnership review <no-reply@${new URL(this.publicUrl).hostname}>`;
  }

  /** Single sign-on settings, or null when it is off. */
  get oidc(): { issuerUrl: string; clientId: string; clientSecret: string; scopes: string } | null {
    if (!this.oidcIssuerUrl || !this.oidcClientId || !this.oidcClientSecret) return null;
    return {
      issuerUrl: this.oidcIssuerUrl,
      clientId: this.oidcClientId,
      clientSecret: this.oidcClientSecret,
      scopes: this.oidcScopes.trim().split(/\s+/).join(' '),
    };
  }

  /** Cookies are marked Secure when the service is reached over https. */
  get secureCookies(): boolean {
    return this.publicUrl.startsWith('https:');
  }

  /** Fastify's `trustProxy`: without it the client address is the peer's (a load balancer's, behind one). */
  get fastifyTrustProxy(): false | string | ((address: string, hop: number) => boolean) {
    const value = this.trustProxy?.trim();
    if (!value) return false;
    if (!/^\d+$/.test(value)) return value;
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
}

/** A value that does not parse stays a string, which the setting's validation then refuses by name. */
function parseSetting(parse: Parse, value: string): string | number | boolean {
  const trimmed = value.trim();
  if (parse === 'int' && /^-?\d+$/.test(trimmed)) return Number(trimmed);
  if (parse === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return value;
}

/**
 * Reads and validates the settings; throws a ConfigError naming every bad setting. An unset or
 * empty variable keeps the default.
 */
export function loadConfig(environment: Record<string, string | undefined> = process.env): AppConfig {
  const config = new AppConfig();
  for (const { property, name, parse } of SETTINGS) {
    const value = environment[name];
    if (value === undefined || value === '') continue;
    const parsed = parseSetting(parse, value);
    Object.assign(config, { [property]: parsed });
  }
  const givenSecret = Boolean(config.jwtSecret);
  if (!givenSecret) Object.assign(config, { jwtSecret: randomBytes(48).toString('base64url') });

  const names = new Map(SETTINGS.map((s) => [s.property, s.name]));
  const problems = validateSync(config).flatMap((error) => {
    const name = names.get(error.property) ?? error.property;
    return Object.values(error.constraints ?? { invalid: `${name} is invalid` }).map((message) =>
      message.startsWith(name) ? message : message.replace(new RegExp(`^${error.property}\\b`), name),
    );
  });
  if (config.nodeEnv === 'production' && !givenSecret) problems.push('JWT_SECRET is required when NODE_ENV=production');
  if (config.nodeEnv === 'production' && config.testClockStart) problems.push('TEST_CLOCK_START is for tests only');
  if (Boolean(config.adminEmail) !== Boolean(config.adminPassword)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (config.oidcIssuerUrl && (!config.oidcClientId || !config.oidcClientSecret)) {
    problems.push('OIDC_ISSUER_URL needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  }
  if (
    config.oidcIssuerUrl &&
    !/^https:|^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(config.oidcIssuerUrl + '/')
  ) {
    problems.push('OIDC_ISSUER_URL must be https (plain http only for a provider on this machine)');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  if (!givenSecret) {
    new Logger('Config').warn(
      'JWT_SECRET is not set: using a random secret for this start; tokens will not survive a restart',
    );
  }
  return config;
}
