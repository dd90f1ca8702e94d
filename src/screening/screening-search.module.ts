import { Module } from '@nestjs/common';
import { PARTNER_SCREENER } from '../cases/partner-screener';
import { ScreeningListEvents } from './screening-list-events';
import { ScreeningSearch } from './screening-search.service';

/** Matching against the imported lists, and the news of a new list version; the case workflow uses both. */
@Module({
  providers: [ScreeningSearch, ScreeningListEvents, { provide: PARTNER_SCREENER, useExisting: ScreeningSearch }],
  exports: [ScreeningSearch, ScreeningListEvents, PARTNER_SCREENER],
})
export class ScreeningSearchModule {}
