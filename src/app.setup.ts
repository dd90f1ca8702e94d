import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { AppModule } from './app.module';
import { withSessionCookie } from './auth/sessions/session-openapi';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { parseJsonBodiesWithDepthLimit } from './common/json-body';
import { helmetHeaders } from './common/security-headers';
import { buildOpenApiDocument } from './common/openapi';
import { AppConfig, loadConfig } from './config/app-config';
import { ASSETS_PREFIX, findPublicDir } from './pages/assets';
import { pageRouteExclusions, rewritePageUrl } from './pages/page-routes';
import { isApiPath, pageSecurityPolicy } from './pages/security-policy';

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Creates the application exactly as it serves requests; main.ts and the e2e tests both use this. */
export async function createApp(
  options: { config?: AppConfig; logger?: LoggerService | LogLevel[] | false } = {},
): Promise<NestFastifyApplication> {
  const config = options.config ?? loadConfig(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      trustProxy: config.fastifyTrustProxy,
      // Pages are served at /, /cases/..., /reports, ... (see src/pages/page-routes.ts).
      rewriteUrl: (request: { url?: string }) => rewritePageUrl(request.url ?? '/'),
    }),
    {
      logger: options.logger,
      bufferLogs: false,
      // JSON bodies are parsed by our own parser, with a depth limit (see parseJsonBodiesWithDepthLimit).
      bodyParser: false,
    },
  );
  // The API lives under /api; the pages for people (src/pages) outside it.
  app.setGlobalPrefix('api', { exclude: pageRouteExclusions() });
  // Helmet's security headers; the API's policy allows the inline code of its OpenAPI UI, the
  // pages get one without unsafe-inline.
  const apiHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  const pageHeaders = {
    ...apiHeaders,
    'content-security-policy': pageSecurityPolicy({ upgradeInsecureRequests: config.secureCookies }),
  };
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.headers(isApiPath(request.url) ? apiHeaders : pageHeaders);
      done();
    });
  parseJsonBodiesWithDepthLimit(app.getHttpAdapter().getInstance(), BODY_LIMIT_BYTES);
  // The pages' forms post application/x-www-form-urlencoded (with their CSRF token in `_csrf`).
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });
  // The pages' style sheet: versioned URLs (see versionedAsset), so they may be kept for a year.
  await app.register(fastifyStatic, {
    root: findPublicDir(),
    prefix: ASSETS_PREFIX,
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  // Browser sessions and sign-in use cookies (see src/auth/sessions).
  await app.register(cookie);
  // Screening lists are uploaded as files; JSON bodies keep the 1 MiB limit.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => withSessionCookie(buildOpenApiDocument(app)), {
    jsonDocumentUrl: 'api/docs-json',
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
