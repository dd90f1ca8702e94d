import { Module, OnModuleInit } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module';
import { CountriesModule } from '../countries/countries.module';
import { RoutingService } from '../routing/routing.service';
import { UsersModule } from '../users/users.module';
import { validateTransitions } from '../workflow/case-transitions';
import { CaseAuditTrail } from './case-audit-trail';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { PARTNER_SCREENER, PartnerScreener } from './partner-screener';

/** Until screening lists are wired in (issue 4), no list is loaded, so no partner has a hit. */
const noListsLoaded: PartnerScreener = { screenPartners: async () => [] };

@Module({
  imports: [UsersModule, CommitteesModule, CountriesModule],
  controllers: [CasesController],
  providers: [CasesService, CasesRepository, CaseAuditTrail, RoutingService, { provide: PARTNER_SCREENER, useValue: noListsLoaded }],
  exports: [CasesRepository, CaseAuditTrail],
})
export class CasesModule implements OnModuleInit {
  onModuleInit(): void {
    validateTransitions();
  }
}
