import { Module } from '@nestjs/common';
import { ScreeningController } from './screening.controller';
import { ScreeningListsService } from './screening-lists.service';
import { ScreeningSearchModule } from './screening-search.module';

@Module({
  imports: [ScreeningSearchModule],
  controllers: [ScreeningController],
  providers: [ScreeningListsService],
  exports: [ScreeningListsService],
})
export class ScreeningModule {}
