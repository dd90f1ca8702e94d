import type { OpenAPIObject } from '@nestjs/swagger';
import { AuthErrorCode } from '../auth.errors';
import { SESSION_COOKIE } from './sessions.service';

type Operation = {
  security?: Record<string, string[]>[];
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: ErrorSchema }> }>;
};
type ErrorSchema = { properties?: { code?: { enum?: string[] } } };

const UNSAFE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Declares the session cookie in the OpenAPI document: every operation that takes the bearer
 * token takes the cookie instead, and may then also answer SESSION_EXPIRED (401) and, for unsafe
 * methods, CSRF_TOKEN_INVALID (403).
 */
export function withSessionCookie(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.securitySchemes ??= {};
  document.components.securitySchemes.session = {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `The browser session (signed in by password with \`session: true\` or by single sign-on). With it, POST, PUT, PATCH and DELETE also need the \`X-CSRF-Token\` header with the csrfToken of GET /api/auth/session.`,
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem as Record<string, Operation>)) {
      if (!operation?.security?.some((requirement) => 'bearer' in requirement)) continue;
      operation.security = [...operation.security, { session: [] }];
      addCode(operation, '401', AuthErrorCode.SessionExpired);
      if (UNSAFE_METHODS.has(method)) addCode(operation, '403', AuthErrorCode.CsrfTokenInvalid);
    }
  }
  return document;
}

function addCode(operation: Operation, status: string, code: string): void {
  const response = operation.responses?.[status];
  const codes = response?.content?.['application/json']?.schema?.properties?.code;
  if (!response || !codes?.enum || codes.enum.includes(code)) return;
  codes.enum = [...codes.enum, code].sort();
  response.description = (response.description ?? '').replace(/Codes: .*$/, `Codes: ${codes.enum.join(', ')}`);
}
