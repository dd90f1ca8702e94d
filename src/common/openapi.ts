import { INestApplication } from '@nestjs/common';
import { ApiExtension, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { CommonErrorCode } from './common.errors';
import { errorDefinition } from './domain-error';

const ERROR_CODES = 'x-error-codes';

/**
 * The error codes this operation may answer beyond the common ones (invalid input, not
 * authenticated, forbidden, not found for a path id, body too large), which are added for it.
 */
export const ApiErrors = (...codes: string[]) => ApiExtension(ERROR_CODES, codes);

type Operation = {
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  parameters?: { in: string }[];
  requestBody?: unknown;
  [k: string]: unknown;
};

/** Builds the OpenAPI document from the code and fills in what every operation must declare. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('partnership-review API')
    .setDescription(
      'Risk review of international partnership and mobility proposals. This document is generated from the code; docs/api.md in the repository explains the conventions.',
    )
    .setVersion('1.0')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) =>
      `${lowerFirst(controllerKey.replace(/Controller$/, ''))}${upperFirst(methodKey)}`,
  });
  for (const pathItem of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem) as [string, Operation][]) {
      if (typeof operation !== 'object' || !operation.responses) continue;
      describeCommonResponses(operation, method);
    }
  }
  return document;
}

/**
 * Public routes declare no security; every other one bearer. The 4xx responses every client must
 * handle are listed, each with the error body and the codes it may carry.
 */
function describeCommonResponses(operation: Operation, method: string): void {
  const isPublic = operation['x-public'] === true;
  delete operation['x-public'];
  operation.security = isPublic ? [] : [{ bearer: [] }];
  const codes = new Set<string>((operation[ERROR_CODES] as string[] | undefined) ?? []);
  delete operation[ERROR_CODES];
  const hasPathId = operation.parameters?.some((p) => p.in === 'path');
  if (operation.requestBody || operation.parameters?.some((p) => p.in === 'query' || p.in === 'path'))
    codes.add(CommonErrorCode.ValidationFailed);
  // A client may send a body with any unsafe method; the body parser refuses a bad one before the route runs.
  if (operation.requestBody || ['post', 'put', 'patch', 'delete'].includes(method)) {
    codes
      .add(CommonErrorCode.ValidationFailed)
      .add(CommonErrorCode.MalformedBody)
      .add(CommonErrorCode.BodyTooDeep)
      .add(CommonErrorCode.PayloadTooLarge);
  }
  if (!isPublic)
    codes.add(CommonErrorCode.NotAuthenticated).add(CommonErrorCode.TokenInvalid).add(CommonErrorCode.Forbidden);
  if (hasPathId) codes.add(CommonErrorCode.NotFound);

  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const definition = errorDefinition(code);
    if (!definition) throw new Error(`OpenAPI: undeclared error code ${code}`);
    byStatus.set(definition.status, [...(byStatus.get(definition.status) ?? []), code]);
  }
  for (const [status, statusCodes] of byStatus) {
    const existing = operation.responses[status] as { description?: string } | undefined;
    const description = existing?.description ?? DEFAULT_DESCRIPTION[status] ?? 'Refused';
    operation.responses[status] = {
      description: `${description}. Codes: ${statusCodes.sort().join(', ')}`,
      content: { 'application/json': { schema: errorSchema(status, statusCodes) } },
    };
  }
}

const DEFAULT_DESCRIPTION: Readonly<Record<number, string>> = {
  400: 'Invalid input; the message names the fields',
  401: 'Not authenticated',
  403: 'The user may not do this',
  404: 'Not found, or not visible to this user',
  409: 'Not allowed in the current state, or a concurrent change won',
  413: 'Body too large',
  415: 'Unsupported media type',
  429: 'Too many attempts',
};

function errorSchema(status: number, codes: string[]) {
  return {
    type: 'object',
    required: ['statusCode', 'message', 'error', 'code'],
    properties: {
      statusCode: { type: 'integer', enum: [status] },
      message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      error: { type: 'string' },
      code: { type: 'string', enum: [...codes].sort(), description: 'Stable, machine-readable; switch on this' },
    },
  };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
