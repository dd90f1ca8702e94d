import { Logger } from '@nestjs/common';
import { loadConfig } from '../config/app-config';
import { MailTransport } from './mail-transport';

describe('MailTransport', () => {
  const secret = { JWT_SECRET: 'a-secret-that-is-long-enough-for-the-test' };

  afterEach(() => jest.restoreAllMocks());

  it('without SMTP_URL is off, and says so once at start', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const transport = new MailTransport(loadConfig(secret));
    transport.onModuleInit();
    expect(transport.enabled).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/SMTP_URL is not set/);
  });

  it('with SMTP_URL is on, without a warning', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const transport = new MailTransport(loadConfig({ ...secret, SMTP_URL: 'smtp://127.0.0.1:2525' }));
    transport.onModuleInit();
    expect(transport.enabled).toBe(true);
    expect(warn).not.toHaveBeenCalled();
    transport.onApplicationShutdown();
  });
});
