import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { invalidInput } from '../common/common.errors';
import { DomainError } from '../common/domain-error';
import {
  ScreeningImportResponse,
  ScreeningListResponse,
  ScreeningSourceResponse,
  ScreeningSearchResponse,
  ScreeningVersionResponse,
} from './dto/screening-response.dto';
import { CreateSourceDto, ImportListForm, SearchQuery } from './screening.dto';
import { ScreeningSourcesService } from './screening-sources.service';
import { ScreeningListsService } from './screening-lists.service';
import { ScreeningSearch } from './screening-search.service';
import { ApiErrors } from '../common/openapi';
import { ScreeningErrorCode } from './screening.errors';

@ApiTags('screening')
@Controller('screening')
export class ScreeningController {
  constructor(
    private readonly lists: ScreeningListsService,
    private readonly search: ScreeningSearch,
    private readonly sources: ScreeningSourcesService,
  ) {}

  @Post('lists')
  @Allow('create', 'ScreeningList')
  @ApiOperation({
    summary:
      'Import a screening list (csv: name,country,type,aliases; ftm: FollowTheMoney JSON lines) as a new version (International Office)',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'name', 'format'],
      properties: {
        file: { type: 'string', format: 'binary' },
        name: { type: 'string' },
        format: { type: 'string', enum: ['csv', 'ftm'] },
        kind: { type: 'string', enum: ['sanctions', 'export_control', 'assessment'] },
      },
    },
  })
  @ApiCreatedResponse({
    type: ScreeningImportResponse,
    description: 'The list and its version in force; open cases screened again',
  })
  @ApiBadRequestResponse({
    description: 'A missing or invalid field, or a malformed file (the message names the line or record)',
  })
  @ApiErrors(
    ScreeningErrorCode.ListMalformed,
    ScreeningErrorCode.ListEmpty,
    ScreeningErrorCode.NameTooLong,
    ScreeningErrorCode.WordTooLong,
    ScreeningErrorCode.MalformedUpload,
    ScreeningErrorCode.ConcurrentImport,
  )
  async importList(@CurrentUser() actor: AuthUser, @Req() request: FastifyRequest) {
    if (!request.isMultipart())
      throw malformedUpload('the body must be multipart/form-data with file, name and format');
    const fields: Record<string, string> = {};
    let file: { filename: string; content: Buffer } | null = null;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') {
            throw malformedUpload(`unexpected file field ${JSON.stringify(part.fieldname)}: the list goes in "file"`);
          }
          file = { filename: part.filename, content: await part.toBuffer() };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
    } catch (error) {
      throw multipartError(error);
    }
    const form = plainToInstance(ImportListForm, fields);
    const errors = await validate(form, { whitelist: true, forbidNonWhitelisted: true });
    const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    if (!file) messages.unshift('file is required');
    if (messages.length) throw invalidInput(messages.join('; '));
    return this.lists.import(
      actor,
      { name: form.name, format: form.format, kind: form.kind, source: file!.filename || 'upload' },
      file!.content,
    );
  }

  @Get('lists')
  @Allow('read', 'ScreeningList')
  @ApiOperation({ summary: 'The imported screening lists with the version in force' })
  @ApiOkResponse({ type: [ScreeningListResponse] })
  list() {
    return this.lists.lists();
  }

  @Get('lists/:id/versions')
  @Allow('read', 'ScreeningList')
  @ApiOperation({ summary: 'Every imported version of a list: source, checksum, counts, what changed' })
  @ApiOkResponse({ type: [ScreeningVersionResponse], description: 'Newest first' })
  @ApiNotFoundResponse({ description: 'No such list' })
  @ApiErrors(ScreeningErrorCode.ListNotFound)
  versions(@Param('id', ParseUUIDPipe) id: string) {
    return this.lists.versions(id);
  }

  @Post('sources')
  @Allow('create', 'ScreeningList')
  @ApiOperation({
    summary:
      'Register a list source: a URL downloaded every refreshMinutes (conditional requests); a changed file becomes a new version (International Office)',
  })
  @ApiCreatedResponse({ type: ScreeningSourceResponse, description: 'The source; its first download is due now' })
  @ApiBadRequestResponse({ description: 'A missing or invalid field' })
  @ApiConflictResponse({ description: 'A source for this list exists already' })
  @ApiErrors(ScreeningErrorCode.SourceExists)
  registerSource(@CurrentUser() actor: AuthUser, @Body() body: CreateSourceDto) {
    return this.sources.register(actor, body);
  }

  @Get('sources')
  @Allow('create', 'ScreeningList')
  @ApiOperation({ summary: 'The list sources with their last success and last error (International Office)' })
  @ApiOkResponse({ type: [ScreeningSourceResponse] })
  listSources() {
    return this.sources.sources();
  }

  @Post('sources/:id/refresh')
  @HttpCode(200)
  @Allow('create', 'ScreeningList')
  @ApiOperation({
    summary:
      'Download a source now: a changed file is imported and open cases screened again; a failure is recorded, the version in force stays (International Office)',
  })
  @ApiOkResponse({
    type: ScreeningSourceResponse,
    description: 'The source after the refresh: see lastOutcome or lastError',
  })
  @ApiNotFoundResponse({ description: 'No such source' })
  @ApiErrors(ScreeningErrorCode.SourceNotFound)
  refreshSource(@Param('id', ParseUUIDPipe) id: string) {
    return this.sources.refreshNow(id);
  }

  @Get('search')
  @Allow('read', 'ScreeningList')
  @ApiOperation({
    summary:
      'Search the lists for a name: at most 10 hits with score >= 0.5, best first (International Office, reviewers)',
  })
  @ApiOkResponse({ type: ScreeningSearchResponse })
  async searchNames(@Query() query: SearchQuery) {
    return { hits: await this.search.search(query.name, query.country) };
  }
}

const malformedUpload = (message: string) => new DomainError(ScreeningErrorCode.MalformedUpload, message);

/**
 * What the multipart reader refuses becomes a 400 naming the problem (a body without a boundary, a second
 * file, too many fields); a file over the upload limit stays a 413.
 */
function multipartError(error: unknown): Error {
  if (error instanceof DomainError) return error;
  const { code, message } = error as { code?: string; message?: string };
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return error as Error;
    case 'FST_FILES_LIMIT':
      return malformedUpload('send exactly one file, in the field "file"');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return malformedUpload('too many form fields: send file, name, format and optionally kind');
    default:
      return malformedUpload(`the multipart/form-data body cannot be read (${message ?? 'malformed'})`);
  }
}
