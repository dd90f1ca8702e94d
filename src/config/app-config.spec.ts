import { buildAppConfig, ConfigError, trustProxySetting, validateEnvironment } from './app-config';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, DATABASE_URL: 'sqlite:data/app.sqlite', NODE_ENV: 'development' });
  });

  it('accepts a PostgreSQL URL and a numeric port', () => {
    expect(validateEnvironment({ PORT: '8080', DATABASE_URL: 'postgres://u:p@localhost:5432/db' })).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://u:p@localhost:5432/db',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long-enough-password' }, 'ADMIN_EMAIL'],
    [{ ADMIN_EMAIL: 'admin@uni.example' }, 'ADMIN_PASSWORD'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ TRUST_PROXY: 'yes please' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'beef' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '1.2.3' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
  ])('stops on %j with a message naming %s', (raw, setting) => {
    expect(() => validateEnvironment(raw)).toThrow(ConfigError);
    expect(() => validateEnvironment(raw)).toThrow(setting);
  });

  it('generates a random JWT secret per start when none is set, outside production', () => {
    const a = buildAppConfig(validateEnvironment({}));
    const b = buildAppConfig(validateEnvironment({}));
    expect(a.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(buildAppConfig(validateEnvironment({ JWT_SECRET: 'x'.repeat(40) })).jwtSecret).toBe('x'.repeat(40));
  });
});

describe('trustProxySetting', () => {
  it.each([
    [{}, false],
    [{ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, '10.0.0.0/8, 127.0.0.1'],
    [{ TRUST_PROXY: '::1' }, '::1'],
    [{ TRUST_PROXY: 'loopback' }, 'loopback'],
    [{ TRUST_PROXY: 'fd00::/8,loopback' }, 'fd00::/8,loopback'],
  ])('turns %j into %j', (raw, expected) => {
    expect(trustProxySetting(validateEnvironment(raw))).toEqual(expected);
  });

  it('trusts exactly the given number of proxy hops', () => {
    const trust = trustProxySetting(validateEnvironment({ TRUST_PROXY: '2' })) as (
      address: string,
      hop: number,
    ) => boolean;
    expect([0, 1, 2].map((hop) => trust('10.0.0.1', hop))).toEqual([true, true, false]);
  });
});
