import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { JobWorker } from './job-worker';
import { JobsController } from './jobs.controller';

/** Durable background jobs in the database; global, as the database is, so any module can enqueue and handle them. */
@Global()
@Module({
  controllers: [JobsController],
  providers: [JobQueue, JobWorker],
  exports: [JobQueue, JobWorker],
})
export class JobsModule {}
