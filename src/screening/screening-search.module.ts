import { Module } from '@nestjs/common';
import { PARTNER_SCREENER } from '../cases/partner-screener';
import { ScreeningSearch } from './screening-search.service';

/** Matching against the imported lists; the case workflow screens partners through it. */
@Module({
  providers: [ScreeningSearch, { provide: PARTNER_SCREENER, useExisting: ScreeningSearch }],
  exports: [ScreeningSearch, PARTNER_SCREENER],
})
export class ScreeningSearchModule {}
