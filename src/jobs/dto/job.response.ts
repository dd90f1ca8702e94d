import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Job, JOB_STATUSES, JobStatus } from '../job.entity';

export class JobProgressResponse {
  @ApiProperty({ type: 'integer', minimum: 0 })
  done: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: '0 while the job has not counted its work yet' })
  total: number;
}

/** A background job as GET /api/jobs/:id shows it. */
export class JobResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'rescreen', description: 'rescreen, mail or reminders' })
  type: string;

  @ApiProperty({ enum: JOB_STATUSES })
  status: JobStatus;

  @ApiProperty({ type: JobProgressResponse })
  progress: JobProgressResponse;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Attempts so far' })
  attempts: number;

  @ApiPropertyOptional({ description: 'The last failure, if any' })
  error?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'What a finished job reports (rescreen: {screened, casesWithNewHits})',
  })
  result?: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;
}

export function toJobResponse(job: Job): JobResponse {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    progress: { done: job.progressDone, total: job.progressTotal },
    attempts: job.attempts,
    ...(job.error ? { error: job.error } : {}),
    ...(job.result ? { result: job.result } : {}),
    createdAt: job.createdAt.toISOString(),
    ...(job.finishedAt ? { finishedAt: job.finishedAt.toISOString() } : {}),
  };
}
