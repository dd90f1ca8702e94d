import { Module } from '@nestjs/common';
import { ScreeningController } from './screening.controller';
import { ScreeningListsService } from './screening-lists.service';
import { ScreeningSearchModule } from './screening-search.module';
import { ScreeningSourceRefresher } from './screening-source-refresher';
import { ScreeningSourcesService } from './screening-sources.service';

@Module({
  imports: [ScreeningSearchModule],
  controllers: [ScreeningController],
  providers: [ScreeningListsService, ScreeningSourcesService, ScreeningSourceRefresher],
  exports: [ScreeningListsService, ScreeningSourcesService],
})
export class ScreeningModule {}
