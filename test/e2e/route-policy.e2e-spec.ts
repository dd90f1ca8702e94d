import { RequestMethod } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ROUTE_POLICY, RoutePolicy } from '../../src/authorization/policy.decorators';
import { bearer, TestApp } from '../support/test-app';

describe('route policies (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });

  afterAll(async () => {
    await t.close();
  });

  function routes(): { route: string; policy: RoutePolicy | undefined }[] {
    const reflector = t.app.get(Reflector);
    const found: { route: string; policy: RoutePolicy | undefined }[] = [];
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
    for (const wrapper of controllers) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (
          name === 'constructor' ||
          typeof handler !== 'function' ||
          Reflect.getMetadata(PATH_METADATA, handler) === undefined
        )
          continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        found.push({
          route: `${method} ${controller.name}.${name}`,
          policy: reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [handler, controller]),
        });
      }
    }
    return found;
  }

  it('finds the routes of every controller', () => {
    const names = routes().map((r) => r.route);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST AuthController.login',
        'GET UsersController.list',
        'PUT CountriesController.update',
        'GET HealthController.check',
      ]),
    );
  });

  it('every route declares @Public() or the ability it requires', () => {
    expect(
      routes()
        .filter((r) => !r.policy)
        .map((r) => r.route),
    ).toEqual([]);
  });

  it('only health and the sign-in routes (login, logout, single sign-on) are public', () => {
    expect(
      routes()
        .filter((r) => r.policy?.public)
        .map((r) => r.route)
        .sort(),
    ).toEqual([
      'GET AuthPagesController.loginForm',
      'GET HealthController.check',
      'GET OidcController.callback',
      'GET OidcController.login',
      'POST AuthController.login',
      'POST AuthController.logout',
      'POST AuthPagesController.language',
      'POST AuthPagesController.login',
      'POST AuthPagesController.logout',
    ]);
  });

  it('serves the OpenAPI UI and a document that declares summary, operationId, security and 4xx on every operation', async () => {
    const ui = await t.http().get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    const document = res.body;
    expect(document.openapi).toMatch(/^3\./);
    expect(document.servers?.length).toBeGreaterThan(0);
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, summary: typeof op.summary === 'string' && op.summary.length > 0 }).toEqual({
          where,
          summary: true,
        });
        expect(operationIds.has(op.operationId as string)).toBe(false);
        operationIds.add(op.operationId as string);
        expect({ where, security: Array.isArray(op.security) }).toEqual({ where, security: true });
        // Health takes no input and needs no token: it is the one operation without a 4xx.
        if (where !== 'GET /api/health') {
          expect({ where, has4xx: Object.keys(op.responses as object).some((s) => s.startsWith('4')) }).toEqual({
            where,
            has4xx: true,
          });
        }
      }
    }
    expect(document.paths['/api/auth/login'].post.security).toEqual([]);
    // Every route that takes the bearer token takes the session cookie instead.
    expect(document.paths['/api/users'].post.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(document.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    // Every endpoint of the HTTP contract (docs/api.md), with its method.
    const contract: [string, string][] = [
      ['post', '/api/auth/login'],
      ['get', '/api/auth/me'],
      ['post', '/api/users'],
      ['get', '/api/users'],
      ['get', '/api/users/{id}'],
      ['patch', '/api/users/{id}'],
      ['get', '/api/countries'],
      ['put', '/api/countries/{code}'],
      ['post', '/api/screening/lists'],
      ['get', '/api/screening/search'],
      ['post', '/api/screening/sources'],
      ['get', '/api/screening/sources'],
      ['post', '/api/screening/sources/{id}/refresh'],
      ['post', '/api/cases'],
      ['get', '/api/cases'],
      ['get', '/api/cases/{id}'],
      ['patch', '/api/cases/{id}'],
      ['get', '/api/cases/{id}/history'],
      ['post', '/api/cases/{id}/submit'],
      ['post', '/api/cases/{id}/triage'],
      ['post', '/api/cases/{id}/request-information'],
      ['post', '/api/cases/{id}/stages/{committee}/reviewers'],
      ['post', '/api/cases/{id}/stages/{committee}/opinions'],
      ['post', '/api/cases/{id}/stages/{committee}/decision'],
      ['post', '/api/cases/{id}/stages/{committee}/refer'],
      ['post', '/api/cases/{id}/respond'],
      ['post', '/api/cases/{id}/conflicts'],
      ['post', '/api/cases/{id}/leadership-decision'],
      ['post', '/api/cases/{id}/withdraw'],
      ['post', '/api/cases/{id}/screening/hits/{hitId}/decision'],
      ['patch', '/api/cases/{id}/conditions/{conditionId}'],
      ['get', '/api/cases/overdue'],
      ['post', '/api/cases/{id}/attachments'],
      ['get', '/api/cases/{id}/attachments'],
      ['get', '/api/cases/{id}/attachments/{attachmentId}'],
      ['delete', '/api/cases/{id}/attachments/{attachmentId}'],
      ['post', '/api/reports'],
      ['get', '/api/reports'],
      ['get', '/api/reports/{id}'],
      ['get', '/api/reports/{id}/html'],
      ['get', '/api/reports/{id}/markdown'],
      ['post', '/api/reports/{id}/publish'],
      ['get', '/api/health'],
      ['patch', '/api/auth/me'],
      ['get', '/api/notifications'],
      ['post', '/api/notifications/{id}/read'],
      ['post', '/api/notifications/read-all'],
      ['get', '/api/admin/mail'],
      ['get', '/api/jobs/{id}'],
      ['get', '/api/calendar/closures'],
      ['put', '/api/calendar/closures/{date}'],
      ['delete', '/api/calendar/closures/{date}'],
    ];
    expect(contract.filter(([method, path]) => !document.paths[path]?.[method])).toEqual([]);
  });

  it('passes the recommended rules of a standard OpenAPI linter (Redocly)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify((await t.http().get('/api/docs-json')).body));
    const output = execFileSync(process.execPath, [join(__dirname, '..', 'support', 'lint-openapi.mjs'), file], {
      encoding: 'utf8',
    });
    const problems = JSON.parse(output) as { rule: string; severity: string; at: string }[];
    // Accepted warnings: the service is not open source (no licence), health takes no input (no 4xx), and
    // the single sign-on routes answer a browser with a redirect (302), never a 2xx.
    const accepted = (p: { rule: string; at: string }) =>
      p.rule === 'info-license' ||
      (p.rule === 'operation-4xx-response' && p.at.includes('health')) ||
      (p.rule === 'operation-2xx-response' && p.at.startsWith('#/paths/~1api~1auth~1oidc~1'));
    expect(problems.filter((p) => !accepted(p))).toEqual([]);
  });

  it('sets security headers (helmet)', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('returns an error id and nothing else about a 500', async () => {
    const admin = await t.adminToken();
    // Break the database under the app: the next query fails inside a handler.
    const dataSource = t.app.get((await import('typeorm')).DataSource);
    await dataSource.query('ALTER TABLE committees RENAME TO committees_gone');
    try {
      const res = await t.http().get('/api/committees').set(bearer(admin));
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        code: 'INTERNAL_ERROR',
        message: expect.stringMatching(/error id [0-9a-f-]{36}/),
        errorId: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/committees|SQL|stack/i);
    } finally {
      await dataSource.query('ALTER TABLE committees_gone RENAME TO committees');
    }
  });
});
