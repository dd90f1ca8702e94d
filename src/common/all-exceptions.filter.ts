import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { CODE_BY_STATUS, CommonErrorCode } from './common.errors';
import { DomainError } from './domain-error';

export const INTERNAL_ERROR_CODE = 'INTERNAL_ERROR';

/** Reason phrases, fixed here so that they do not change with the Node version (413 was renamed). */
const REASON: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own refusals, raised before a handler runs. */
const FASTIFY_CODES: Readonly<Record<string, CommonErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: CommonErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: CommonErrorCode.UnsupportedMediaType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: CommonErrorCode.MalformedBody,
  FST_ERR_CTP_EMPTY_JSON_BODY: CommonErrorCode.MalformedBody,
  FST_ERR_CTP_INVALID_JSON_BODY: CommonErrorCode.MalformedBody,
  FST_ERR_CTP_EMPTY_TYPE: CommonErrorCode.MalformedBody,
  FST_ERR_CTP_INVALID_TYPE: CommonErrorCode.MalformedBody,
};

export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
  code: string;
  errorId?: string;
}

/**
 * Every error leaves as `{statusCode, message, error, code}` (the NestJS shape plus a stable code).
 * A 500 is logged with an error id, and only that id is returned: nothing about internals leaks.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    void reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return errorBody(exception.status, exception.message, exception.code);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const given = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
      const message = (given.message as string | string[] | undefined) ?? REASON[status] ?? exception.message;
      const code = typeof given.code === 'string' ? given.code : (CODE_BY_STATUS[status] ?? INTERNAL_ERROR_CODE);
      return errorBody(status, message, code);
    }
    const fastify = exception as { statusCode?: unknown; code?: unknown; message?: unknown };
    if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
      const status = fastify.statusCode;
      const code = FASTIFY_CODES[String(fastify.code)] ?? CODE_BY_STATUS[status] ?? CommonErrorCode.MalformedBody;
      return errorBody(
        status,
        typeof fastify.message === 'string' ? fastify.message : (REASON[status] ?? 'Error'),
        code,
      );
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, message: (exception as Error)?.message, stack: (exception as Error)?.stack });
    return {
      ...errorBody(
        HttpStatus.INTERNAL_SERVER_ERROR,
        `Internal server error (error id ${errorId})`,
        INTERNAL_ERROR_CODE,
      ),
      errorId,
    };
  }
}

function errorBody(status: number, message: string | string[], code: string): ErrorBody {
  return { statusCode: status, message, error: REASON[status] ?? 'Error', code };
}
