import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { AppModule } from './app.module';
import { withSessionCookie } from './auth/sessions/session-openapi';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { parseJsonBodiesWithDepthLimit } from './common/json-body';
import { buildOpenApiDocument } from './common/openapi';
import { AppConfig, loadConfig } from './config/app-config';

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Creates the application exactly as it serves requests; main.ts and the e2e tests both use this. */
export async function createApp(
  options: { config?: AppConfig; logger?: LoggerService | LogLevel[] | false } = {},
): Promise<NestFastifyApplication> {
  const config = options.config ?? loadConfig(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.fastifyTrustProxy }),
    {
      logger: options.logger,
      bufferLogs: false,
      // JSON bodies are parsed by our own parser, with a depth limit (see parseJsonBodiesWithDepthLimit).
      bodyParser: false,
    },
  );
  app.setGlobalPrefix('api');
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  parseJsonBodiesWithDepthLimit(app.getHttpAdapter().getInstance(), BODY_LIMIT_BYTES);
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
