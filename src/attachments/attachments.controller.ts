import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiInternalServerErrorResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { CaseErrorCode } from '../cases/case.errors';
import { ApiErrors } from '../common/openapi';
import { ALLOWED_CONTENT_TYPES } from './attachment-content';
import { APPLICANT_KINDS, ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_CASE } from './attachment-kinds';
import { AttachmentErrorCode } from './attachment.errors';
import { AttachmentResponse, AttachmentsService } from './attachments.service';
import { AttachmentResponseDto } from './dto/attachment-response.dto';
import { contentDisposition } from './filename';
import { closeConnectionIfBodyUnread, fastifyUploadRequest } from './upload-request';

const NotFound = () => ApiNotFoundResponse({ description: 'No such case or document, or not visible to you' });

/**
 * Documents on a case. Like the case routes, these declare `read Case`: what the user may do with
 * the case and its documents is checked on the case itself, so a case they may not see is 404.
 */
@ApiTags('attachments')
@Controller('cases/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({
    summary: `Attach a document (applicant: ${APPLICANT_KINDS.join(', ')} in draft or while information is requested; International Office and reviewing committees: internal, until the case is final)`,
    description:
      `multipart/form-data with one \`file\` (at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB) and \`kind\`; ` +
      'send `kind` first to be refused before the file is read. The type is read from the content ' +
      '(PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPEG, plain UTF-8 text) and must agree with the extension. ' +
      `At most ${MAX_ATTACHMENTS_PER_CASE} documents of the proposal and as many internal ones a case.`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        kind: { type: 'string', enum: [...ATTACHMENT_KINDS] },
        file: { type: 'string', format: 'binary', description: 'The document; its name keeps its extension' },
      },
    },
  })
  @ApiCreatedResponse({ type: AttachmentResponseDto, description: 'The stored document' })
  @NotFound()
  @ApiErrors(
    CaseErrorCode.NotFound,
    CaseErrorCode.Forbidden,
    CaseErrorCode.InvalidState,
    CaseErrorCode.StaleVersion,
    AttachmentErrorCode.FileMissing,
    AttachmentErrorCode.FileEmpty,
    AttachmentErrorCode.KindInvalid,
    AttachmentErrorCode.FilenameInvalid,
    AttachmentErrorCode.MultipartMalformed,
    AttachmentErrorCode.OneFileOnly,
    AttachmentErrorCode.FieldDuplicated,
    AttachmentErrorCode.FieldUnknown,
    AttachmentErrorCode.TooLarge,
    AttachmentErrorCode.LimitReached,
    AttachmentErrorCode.TypeNotAllowed,
    AttachmentErrorCode.ExtensionMismatch,
  )
  async upload(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentResponse> {
    try {
      return await this.attachments.upload(actor, id, fastifyUploadRequest(request));
    } catch (error) {
      closeConnectionIfBodyUnread(request, reply);
      throw error;
    }
  }

  @Get()
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: "The case's documents you may see (the applicant: never internal ones), oldest first" })
  @ApiOkResponse({ type: [AttachmentResponseDto] })
  @NotFound()
  @ApiErrors(CaseErrorCode.NotFound)
  list(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AttachmentResponse[]> {
    return this.attachments.list(actor, id);
  }

  @Get(':attachmentId')
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({
    summary:
      'Download a document: the exact bytes, checked against their SHA-256 (recorded unless the applicant downloads)',
  })
  @ApiProduces(...ALLOWED_CONTENT_TYPES)
  @ApiOkResponse({
    description: 'The bytes as uploaded',
    content: Object.fromEntries(
      ALLOWED_CONTENT_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
    headers: {
      'Content-Type': { description: 'As detected at upload', schema: { type: 'string' } },
      'Content-Disposition': {
        description: 'attachment; filename="ASCII fallback"; filename*=UTF-8\'\'exact name (RFC 6266)',
        schema: { type: 'string' },
      },
      'Content-Length': { schema: { type: 'integer' } },
      ETag: { description: 'The SHA-256 of the content, quoted', schema: { type: 'string' } },
      'X-Content-Type-Options': { schema: { type: 'string', enum: ['nosniff'] } },
    },
  })
  @ApiNotModifiedResponse({
    description: 'If-None-Match named the ETag: you have these bytes',
    headers: { ETag: { schema: { type: 'string' } } },
  })
  @NotFound()
  @ApiInternalServerErrorResponse({
    description: 'The stored bytes do not match their SHA-256: not served, logged for the administrators',
  })
  @ApiErrors(CaseErrorCode.NotFound, AttachmentErrorCode.NotFound, AttachmentErrorCode.IntegrityFailed)
  async download(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const download = await this.attachments.download(actor, id, attachmentId, {
      ifNoneMatch: request.headers['if-none-match'],
      head: request.method === 'HEAD',
    });
    void reply
      .header('ETag', download.etag)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store');
    if (download.notModified) return reply.status(304).send();
    void reply
      .header('Content-Type', download.attachment.contentType)
      .header('Content-Disposition', contentDisposition(download.attachment.filename))
      .header('Content-Length', String(download.attachment.size));
    return reply.status(200).send(download.content ?? undefined);
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @Allow('read', 'Case', { notFoundWhenDenied: true })
  @ApiOperation({ summary: 'Remove a document you uploaded, while the case is a draft' })
  @ApiNoContentResponse({ description: 'Removed' })
  @NotFound()
  @ApiErrors(
    CaseErrorCode.NotFound,
    CaseErrorCode.Forbidden,
    CaseErrorCode.InvalidState,
    CaseErrorCode.StaleVersion,
    AttachmentErrorCode.NotFound,
    AttachmentErrorCode.NotYours,
  )
  async remove(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
  ): Promise<void> {
    await this.attachments.remove(actor, id, attachmentId);
  }
}
