import crypto from 'node:crypto';
import { loadConfig } from '../config/app-config';

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
