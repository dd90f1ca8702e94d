import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, settingNames } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: 'sqlite:data/app.sqlite',
      nodeEnv: 'development',
      appTimeZone: 'Europe/Brussels',
    });
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.admin).toBeNull();
  });

  it('accepts a PostgreSQL URL, a numeric port and a public URL', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@localhost:5432/db',
      APP_URL: 'https://review.uni.example/',
    });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u:p@localhost:5432/db' });
    expect(config.publicUrl).toBe('https://review.uni.example');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ JWT_EXPIRES_IN_SECONDS: '5' }, 'JWT_EXPIRES_IN_SECONDS'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long-enough-password' }, 'ADMIN_EMAIL'],
    [{ ADMIN_EMAIL: 'admin@uni.example' }, 'ADMIN_PASSWORD'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ TRUST_PROXY: 'yes please' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'beef' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '1.2.3' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ APP_TIME_ZONE: 'Europe/Atlantis' }, 'APP_TIME_ZONE'],
    [{ APP_URL: 'review.uni.example' }, 'APP_URL'],
    [{ TEST_CLOCK_START: 'saturday night' }, 'TEST_CLOCK_START'],
    [{ OIDC_ISSUER_URL: 'login.uni.example' }, 'OIDC_ISSUER_URL'],
    [{ OIDC_ISSUER_URL: 'https://login.uni.example' }, 'OIDC_CLIENT_ID'],
    [{ OIDC_ISSUER_URL: 'http://login.uni.example', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }, 'OIDC_ISSUER_URL'],
    [{ OIDC_SCOPES: 'email profile' }, 'OIDC_SCOPES'],
    [{ OIDC_AUTO_PROVISION: 'yes' }, 'OIDC_AUTO_PROVISION'],
    [{ PASSWORD_LOGIN: '0' }, 'PASSWORD_LOGIN'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES'],
    [{ SESSION_IDLE_MINUTES: 'an hour' }, 'SESSION_IDLE_MINUTES'],
    [{ SESSION_ABSOLUTE_HOURS: '0' }, 'SESSION_ABSOLUTE_HOURS'],
    [
      { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), TEST_CLOCK_START: '2026-11-28T23:30:00Z' },
      'TEST_CLOCK_START',
    ],
  ])('stops on %j with a message naming %s', (raw, setting) => {
    expect(() => loadConfig(raw)).toThrow(ConfigError);
    expect(() => loadConfig(raw)).toThrow(setting);
  });

  it('leaves single sign-on off by default, with password login and sessions of an hour idle and 12 hours at most', () => {
    expect(loadConfig({})).toMatchObject({
      oidc: null,
      oidcScopes: 'openid email profile',
      oidcAutoProvision: false,
      passwordLogin: true,
      sessionIdleMinutes: 60,
      sessionAbsoluteHours: 12,
      secureCookies: false,
    });
  });

  it('reads the single sign-on settings and true/false switches', () => {
    const config = loadConfig({
      OIDC_ISSUER_URL: 'https://login.uni.example/realms/staff',
      OIDC_CLIENT_ID: 'partnership-review',
      OIDC_CLIENT_SECRET: 'a-secret',
      OIDC_SCOPES: ' openid  email profile ',
      OIDC_AUTO_PROVISION: 'true',
      PASSWORD_LOGIN: 'false',
      APP_URL: 'https://review.uni.example',
    });
    expect(config.oidc).toEqual({
      issuerUrl: 'https://login.uni.example/realms/staff',
      clientId: 'partnership-review',
      clientSecret: 'a-secret',
      scopes: 'openid email profile',
    });
    expect(config).toMatchObject({ oidcAutoProvision: true, passwordLogin: false, secureCookies: true });
    expect(
      loadConfig({ OIDC_ISSUER_URL: 'http://localhost:4000', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }).oidc,
    ).not.toBeNull();
  });

  it('generates a random JWT secret per start when none is set, outside production', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(40) }).jwtSecret).toBe('x'.repeat(40));
  });

  it('pairs the first admin', () => {
    expect(loadConfig({ ADMIN_EMAIL: 'a@uni.example', ADMIN_PASSWORD: 'long-enough-password' }).admin).toEqual({
      email: 'a@uni.example',
      password: 'long-enough-password',
    });
  });

  it('documents every setting in the README', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const firstCells = readme.split('\n').flatMap((line) => (line.startsWith('| ') ? [line.split(' | ')[0]] : []));
    const undocumented = settingNames().filter((name) => !firstCells.some((cell) => cell.includes(`\`${name}\``)));
    expect(undocumented).toEqual([]);
  });
});

describe('the Fastify trustProxy setting', () => {
  it.each([
    [{}, false],
    [{ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, '10.0.0.0/8, 127.0.0.1'],
    [{ TRUST_PROXY: '::1' }, '::1'],
    [{ TRUST_PROXY: 'loopback' }, 'loopback'],
    [{ TRUST_PROXY: 'fd00::/8,loopback' }, 'fd00::/8,loopback'],
  ])('turns %j into %j', (raw, expected) => {
    expect(loadConfig(raw).fastifyTrustProxy).toEqual(expected);
  });

  it('trusts exactly the given number of proxy hops', () => {
    const trust = loadConfig({ TRUST_PROXY: '2' }).fastifyTrustProxy as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('10.0.0.1', hop))).toEqual([true, true, false]);
  });
});
