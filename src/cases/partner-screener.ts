import { Partner, ScreeningHit } from '../domain/case.types';

/** Screens a case's partners against the imported screening lists (implemented by the screening module). */
export interface PartnerScreener {
  screenPartners(partners: Partner[]): Promise<ScreeningHit[]>;
}

export const PARTNER_SCREENER = Symbol('PARTNER_SCREENER');
