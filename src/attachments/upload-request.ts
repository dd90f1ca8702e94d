import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from './attachment-kinds';

/** One part of a multipart body, as the service reads it. */
export type UploadPart =
  | { type: 'file'; fieldname: string; filename: string; file: AsyncIterable<Buffer> }
  | { type: 'field'; fieldname: string; value: unknown; valueTruncated: boolean };

/** An upload request, independent of the HTTP framework: what was declared, and its parts in order. */
export interface UploadRequest {
  /** Content-Length, when the client sent one. */
  declaredLength: number | null;
  isMultipart: boolean;
  parts(): AsyncIterable<UploadPart>;
}

/**
 * Limits for the multipart parser of one upload: a file part may run one byte past the maximum, so
 * that the spool sees an over-size file and stops (413) rather than the parser cutting it silently; a
 * second file is read only to refuse it; `kind` is a short field.
 */
const PARSER_LIMITS = {
  fileSize: MAX_ATTACHMENT_BYTES + 1,
  files: 2,
  fields: 4,
  parts: 6,
  fieldSize: 256,
  fieldNameSize: 100,
  headerPairs: 20,
};

/** The upload in a Fastify request (@fastify/multipart), read part by part as it arrives. */
export function fastifyUploadRequest(request: FastifyRequest): UploadRequest {
  const length = request.headers['content-length'];
  return {
    declaredLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : null,
    isMultipart: request.isMultipart(),
    async *parts() {
      for await (const part of request.parts({ limits: PARSER_LIMITS })) {
        if (part.type === 'file')
          yield { type: 'file', fieldname: part.fieldname, filename: part.filename, file: part.file };
        else yield { type: 'field', fieldname: part.fieldname, value: part.value, valueTruncated: part.valueTruncated };
      }
    },
  };
}

/**
 * When a request is refused before its body was read to the end (an over-size file, a second file,
 * a case the user may not see), the connection is closed after the answer rather than the rest of
 * the body read and thrown away: a 25 MiB body is not read to say no to it.
 */
export function closeConnectionIfBodyUnread(request: FastifyRequest, reply: FastifyReply): void {
  if (!request.raw.complete) {
    void reply.header('connection', 'close');
    request.raw.unpipe();
  }
}
