import { Module, OnModuleInit } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module';
import { CountriesModule } from '../countries/countries.module';
import { RoutingService } from '../routing/routing.service';
import { ScreeningSearchModule } from '../screening/screening-search.module';
import { UsersModule } from '../users/users.module';
import { validateTransitions } from '../workflow/case-transitions';
import { WorkingDayCalendar } from '../workflow/working-day-calendar';
import { CaseActionObservers } from './actions/case-action-observers';
import { CaseActionRunner } from './actions/case-action-runner';
import { ReferenceDataLoader } from './actions/reference-data';
import { CaseAuditTrail } from './case-audit-trail';
import { CaseReadingService } from './case-reading.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { ProposalService } from './proposal.service';
import { RescreeningService } from './rescreening.service';
import { ReviewService } from './review.service';
import { ScreeningDecisionService } from './screening-decision.service';
import { TriageService } from './triage.service';

@Module({
  imports: [UsersModule, CommitteesModule, CountriesModule, ScreeningSearchModule],
  controllers: [CasesController],
  providers: [
    CaseActionRunner,
    CaseActionObservers,
    ReferenceDataLoader,
    WorkingDayCalendar,
    CaseReadingService,
    ProposalService,
    TriageService,
    ScreeningDecisionService,
    ReviewService,
    RescreeningService,
    CasesRepository,
    CaseAuditTrail,
    RoutingService,
  ],
  exports: [
    CaseReadingService,
    ProposalService,
    TriageService,
    ReviewService,
    CaseActionObservers,
    CaseActionRunner,
    CasesRepository,
    CaseAuditTrail,
    WorkingDayCalendar,
  ],
})
export class CasesModule implements OnModuleInit {
  onModuleInit(): void {
    validateTransitions();
  }
}
