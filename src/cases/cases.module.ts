import { Module, OnModuleInit } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module';
import { CountriesModule } from '../countries/countries.module';
import { RoutingService } from '../routing/routing.service';
import { ScreeningSearchModule } from '../screening/screening-search.module';
import { UsersModule } from '../users/users.module';
import { validateTransitions } from '../workflow/case-transitions';
import { CaseAuditTrail } from './case-audit-trail';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

@Module({
  imports: [UsersModule, CommitteesModule, CountriesModule, ScreeningSearchModule],
  controllers: [CasesController],
  providers: [CasesService, CasesRepository, CaseAuditTrail, RoutingService],
  exports: [CasesService, CasesRepository, CaseAuditTrail],
})
export class CasesModule implements OnModuleInit {
  onModuleInit(): void {
    validateTransitions();
  }
}
