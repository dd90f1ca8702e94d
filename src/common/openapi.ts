import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

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
      'Risk review of international partnership and mobility proposals. The contract is API.md; this document is generated from the code.',
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
    for (const operation of Object.values(pathItem) as Operation[]) {
      if (typeof operation !== 'object' || !operation.responses) continue;
      describeCommonResponses(operation);
    }
  }
  return document;
}

/** Public routes declare no security; every other one bearer. 4xx responses every client must handle are listed. */
function describeCommonResponses(operation: Operation): void {
  const isPublic = operation['x-public'] === true;
  delete operation['x-public'];
  operation.security = isPublic ? [] : [{ bearer: [] }];
  const add = (status: string, description: string) => (operation.responses[status] ??= { description });
  if (operation.requestBody || operation.parameters?.some((p) => p.in === 'query' || p.in === 'path'))
    add('400', 'Invalid input; the message names the fields');
  if (operation.requestBody) add('413', 'Body over 1 MiB');
  if (!isPublic) {
    add('401', 'Not authenticated');
    add('403', 'The user may not do this');
  }
  if (operation.parameters?.some((p) => p.in === 'path')) add('404', 'Not found, or not visible to this user');
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
