import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { DomainError } from './domain-error';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
};

/**
 * Every error leaves in the NestJS shape `{statusCode, message, error}`. A 500 is logged with an
 * error id, and only that id is returned: nothing about internals leaks.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.toResponse(exception);
    void reply.status(status).send(body);
  }

  private toResponse(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      return {
        status: exception.status,
        body: { statusCode: exception.status, message: exception.message, error: REASON[exception.status] },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const given = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
      // Some built-in exceptions leave out `error` (new ForbiddenException()): the shape is completed here.
      return {
        status,
        body: {
          ...given,
          statusCode: status,
          message: given.message ?? REASON[status] ?? exception.message,
          error: given.error ?? REASON[status] ?? exception.name,
        },
      };
    }
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Errors raised by Fastify itself before a handler runs (body too large, malformed JSON).
      return {
        status: fastifyStatus,
        body: {
          statusCode: fastifyStatus,
          message: (exception as Error).message,
          error: REASON[fastifyStatus] ?? 'Error',
        },
      };
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, message: (exception as Error)?.message, stack: (exception as Error)?.stack });
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        statusCode: 500,
        message: `Internal server error (error id ${errorId})`,
        error: 'Internal Server Error',
        errorId,
      },
    };
  }
}
