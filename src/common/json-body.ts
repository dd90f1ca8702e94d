import type { FastifyInstance } from 'fastify';
import { CommonErrorCode } from './common.errors';
import { DomainError } from './domain-error';

/** No request body of this API nests deeper than a few levels; this leaves ample room. */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of arrays and objects in a JSON text, found in one pass without parsing, so
 * that a hostile body (thousands of levels in a few kilobytes) is refused before anything recurses
 * over it (the parser, class-transformer, the validator).
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Replaces Fastify's JSON body parser with one that refuses bodies nested deeper than
 * MAX_JSON_DEPTH (400 BODY_TOO_DEEP), then parses as Fastify does (prototype poisoning refused).
 */
export function parseJsonBodiesWithDepthLimit(fastify: FastifyInstance, bodyLimit: number): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    if (jsonDepth(body as string) > MAX_JSON_DEPTH) {
      done(
        new DomainError(CommonErrorCode.BodyTooDeep, `The body nests deeper than ${MAX_JSON_DEPTH} levels`),
        undefined,
      );
      return;
    }
    void parse(request, body as string, done);
  });
}
