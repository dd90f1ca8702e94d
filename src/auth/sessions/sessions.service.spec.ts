import type { FastifyRequest } from 'fastify';
import type { Repository } from 'typeorm';
import { FixedClock } from '../../common/clock';
import { loadConfig } from '../../config/app-config';
import type { UsersRepository } from '../../users/users.repository';
import type { Session } from './session.entity';
import { ActiveSession, SessionsService } from './sessions.service';

describe('SessionsService CSRF helpers', () => {
  const service = new SessionsService(
    {} as Repository<Session>,
    {} as UsersRepository,
    new FixedClock(new Date('2026-12-19T22:30:00Z')),
    loadConfig({}),
  );
  const session = { csrfToken: 'the-token-of-this-session' } as ActiveSession;
  const request = (headers: Record<string, string>, body?: unknown, query: unknown = {}) =>
    ({ headers, body, query }) as unknown as FastifyRequest;

  it('reads the token from the X-CSRF-Token header, or from the _csrf field of an HTML form', () => {
    expect(service.csrfTokenOf(request({ 'x-csrf-token': 'a' }, { _csrf: 'b' }))).toBe('a');
    expect(
      service.csrfTokenOf(
        request({ 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, { _csrf: 'b' }),
      ),
    ).toBe('b');
    // A JSON body is not a form: its fields are not taken for the token.
    expect(service.csrfTokenOf(request({ 'content-type': 'application/json' }, { _csrf: 'b' }))).toBeUndefined();
    expect(service.csrfTokenOf(request({}))).toBeUndefined();
  });

  it('reads the token of a file upload form (multipart) from the _csrf query parameter, and only there', () => {
    const multipart = { 'content-type': 'multipart/form-data; boundary=x' };
    expect(service.csrfTokenOf(request(multipart, undefined, { _csrf: 'q' }))).toBe('q');
    expect(service.csrfTokenOf(request(multipart, { _csrf: 'b' }))).toBeUndefined();
    // Other forms do not take it from the URL.
    expect(
      service.csrfTokenOf(request({ 'content-type': 'application/x-www-form-urlencoded' }, {}, { _csrf: 'q' })),
    ).toBeUndefined();
  });

  it('accepts exactly the session token', () => {
    expect(service.verifyCsrfToken(session, 'the-token-of-this-session')).toBe(true);
    for (const wrong of [
      undefined,
      '',
      'the-token-of-this-sessio',
      'the-token-of-this-session!',
      ['the-token-of-this-session'],
      42,
    ])
      expect(service.verifyCsrfToken(session, wrong)).toBe(false);
  });
});
