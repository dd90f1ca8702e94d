import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { Page } from '../common/pagination';
import { CreateReportDto, ReportPage, ReportQuery, ReportResponse } from './dto/report.dto';
import { ReportsService } from './reports.service';
import { ApiErrors } from '../common/openapi';
import { ReportErrorCode } from './report.errors';

const ReportNotFound = () =>
  ApiNotFoundResponse({
    description: 'No such report, or not visible to you (the council sees published reports only)',
  });

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Allow('create', 'Report')
  @ApiOperation({
    summary:
      'Generate a council report for a period and language, stored as an immutable snapshot (International Office)',
  })
  @ApiCreatedResponse({ type: ReportResponse })
  @ApiBadRequestResponse({ description: 'Invalid input, or from after to; the message names the fields' })
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateReportDto): Promise<ReportResponse> {
    return this.reports.generate(actor, body);
  }

  @Get()
  @Allow('read', 'Report')
  @ApiOperation({ summary: 'The council reports you may read, newest first (the council: published ones)' })
  @ApiOkResponse({ type: ReportPage })
  list(@CurrentUser() actor: AuthUser, @Query() query: ReportQuery): Promise<Page<ReportResponse>> {
    return this.reports.list(actor, query);
  }

  @Get(':id')
  @Allow('read', 'Report')
  @ApiOperation({ summary: 'A council report: the stored snapshot of its figures' })
  @ApiOkResponse({ type: ReportResponse })
  @ReportNotFound()
  @ApiErrors(ReportErrorCode.NotFound)
  get(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ReportResponse> {
    return this.reports.get(actor, id);
  }

  @Get(':id/html')
  @Allow('read', 'Report')
  @ApiOperation({
    summary: 'A council report as one self-contained, print-ready HTML page (A4), byte-identical on every call',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ReportNotFound()
  @ApiErrors(ReportErrorCode.NotFound)
  async html(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const html = await this.reports.render(actor, id, 'html');
    // Set only on success: an error leaves as JSON.
    void reply.type('text/html; charset=utf-8');
    return html;
  }

  @Get(':id/markdown')
  @Allow('read', 'Report')
  @ApiOperation({ summary: 'A council report as Markdown, byte-identical on every call' })
  @ApiProduces('text/markdown')
  @ApiOkResponse({ description: 'The Markdown text', content: { 'text/markdown': { schema: { type: 'string' } } } })
  @ReportNotFound()
  @ApiErrors(ReportErrorCode.NotFound)
  async markdown(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const markdown = await this.reports.render(actor, id, 'markdown');
    void reply.type('text/markdown; charset=utf-8');
    return markdown;
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Allow('publish', 'Report')
  @ApiOperation({ summary: 'Publish a council report: the council may read it from now on (International Office)' })
  @ApiOkResponse({ type: ReportResponse })
  @ApiConflictResponse({ description: 'Already published' })
  @ReportNotFound()
  @ApiErrors(ReportErrorCode.NotFound, ReportErrorCode.AlreadyPublished)
  publish(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ReportResponse> {
    return this.reports.publish(actor, id);
  }
}
