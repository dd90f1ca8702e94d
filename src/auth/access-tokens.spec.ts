import crypto from 'node:crypto';
import { loadConfig } from '../config/app-config';
import { VerifiedTokens } from './access-tokens';

describe('access token keys', () => {
  const config = loadConfig({ JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256' });

  it('verifies tokens without parsing the secret as a public key each time', async () => {
    // jsonwebtoken takes crypto's functions when it is loaded: watch them first, and load it apart.
    const createPublicKey = jest.spyOn(crypto, 'createPublicKey');
    try {
      await jest.isolateModulesAsync(async () => {
        const { JwtService } = await import('@nestjs/jwt');
        const { accessTokenOptions } = await import('./access-tokens.js');
        const jwt = new JwtService(accessTokenOptions(config));
        const token = await jwt.signAsync({ sub: 'u1', ver: 3 });
        createPublicKey.mockClear();
        for (let i = 0; i < 5; i++) await expect(jwt.verifyAsync(token)).resolves.toMatchObject({ sub: 'u1', ver: 3 });
        expect(createPublicKey).not.toHaveBeenCalled();
      });
    } finally {
      createPublicKey.mockRestore();
    }
  });

  it('still signs and verifies HS256 with the configured secret', async () => {
    const { JwtService } = await import('@nestjs/jwt');
    const { accessTokenOptions } = await import('./access-tokens.js');
    const token = await new JwtService(accessTokenOptions(config)).signAsync({ sub: 'u1' });
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'HS256' });
    // A token signed with the plain string secret (as before) verifies, so tokens survive the change.
    const plain = new JwtService({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } });
    await expect(
      new JwtService(accessTokenOptions(config)).verifyAsync(await plain.signAsync({ sub: 'u2' })),
    ).resolves.toMatchObject({
      sub: 'u2',
    });
    await expect(
      new JwtService({ secret: 'another-secret-that-is-long-enough-too' }).verifyAsync(token),
    ).rejects.toThrow();
  });
});

describe('VerifiedTokens', () => {
  const at = (iso: string) => Date.parse(iso);

  it('gives the claims of a kept token until the second it expires, as jsonwebtoken counts', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>();
    const exp = at('2026-12-01T10:00:00Z') / 1000;
    tokens.add('t', { sub: 'u1', exp });
    expect(tokens.get('t', at('2026-12-01T09:59:59.999Z'))).toEqual({ sub: 'u1', exp });
    expect(tokens.get('t', at('2026-12-01T10:00:00.000Z'))).toBeUndefined();
    // Gone for good: an expired token is checked again (and refused) by the verifier.
    expect(tokens.get('t', at('2026-12-01T09:00:00Z'))).toBeUndefined();
    expect(tokens.get('unknown', at('2026-12-01T09:00:00Z'))).toBeUndefined();
  });

  it('keeps at most its limit, the oldest going first', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>(2);
    tokens.add('a', { sub: 'a' });
    tokens.add('b', { sub: 'b' });
    tokens.add('c', { sub: 'c' });
    expect([tokens.get('a'), tokens.get('b'), tokens.get('c')]).toEqual([undefined, { sub: 'b' }, { sub: 'c' }]);
  });
});
