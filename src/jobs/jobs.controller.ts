import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../authorization/policy.decorators';
import { DomainError } from '../common/domain-error';
import { ApiErrors } from '../common/openapi';
import { JobResponse, toJobResponse } from './dto/job.response';
import { JobErrorCode } from './job.errors';
import { JobQueue } from './job-queue';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobQueue) {}

  @Get(':id')
  @Allow('read', 'Job')
  @ApiOperation({ summary: 'A background job: status, progress, last error (International Office, admin)' })
  @ApiOkResponse({ type: JobResponse })
  @ApiNotFoundResponse({ description: 'No such job' })
  @ApiErrors(JobErrorCode.NotFound)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<JobResponse> {
    const job = await this.jobs.find(id);
    if (!job) throw new DomainError(JobErrorCode.NotFound);
    return toJobResponse(job);
  }
}
