import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ClosuresController } from './closures.controller';
import { ClosuresService } from './closures.service';

/** Closure days; the working-day calendar itself lives with the workflow (src/workflow/working-day-calendar.ts). */
@Module({
  imports: [CasesModule],
  controllers: [ClosuresController],
  providers: [ClosuresService],
  exports: [ClosuresService],
})
export class CalendarModule {}
