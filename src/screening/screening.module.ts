import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ScreeningController } from './screening.controller';
import { ScreeningListsService } from './screening-lists.service';
import { ScreeningSearchModule } from './screening-search.module';

@Module({
  imports: [ScreeningSearchModule, CasesModule],
  controllers: [ScreeningController],
  providers: [ScreeningListsService],
  exports: [ScreeningListsService],
})
export class ScreeningModule {}
