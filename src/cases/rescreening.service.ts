import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ScreeningListEvents, RescreenSummary } from '../screening/screening-list-events';
import { CaseActionRunner } from './actions/case-action-runner';
import { CasesRepository } from './cases.repository';
import { PARTNER_SCREENER, PartnerScreener } from './partner-screener';
import { mergeScreening } from './screening-hits';

const OPEN_STATUSES = ['triage', 'in_review', 'information_requested', 'escalated'] as const;

/**
 * When a new version of a screening list is in force, the partners of every open case are screened
 * again; new hits are added to the case and to its audit history (confidential). A hit cleared as a
 * false positive is not raised again until its list entry changes.
 */
@Injectable()
export class RescreeningService implements OnModuleInit {
  constructor(
    private readonly cases: CasesRepository,
    private readonly runner: CaseActionRunner,
    private readonly events: ScreeningListEvents,
    @Inject(PARTNER_SCREENER) private readonly screener: PartnerScreener,
  ) {}

  onModuleInit(): void {
    this.events.onVersionStored((event) => this.rescreenOpenCases(event.actorId));
  }

  async rescreenOpenCases(causedBy: string | null): Promise<RescreenSummary> {
    const open = await this.cases.findOpenForScreening(OPEN_STATUSES);
    let casesWithNewHits = 0;
    for (const snapshot of open) {
      const screened = await this.screener.screenPartners(snapshot.partners);
      const cleared = await this.cases.clearedEntries(snapshot.id);
      const { hits, fresh } = mergeScreening(snapshot.screeningHits, screened, cleared);
      if (fresh.length === 0) continue;
      // A case changed meanwhile keeps its hits; the next import or a resubmission screens it again.
      const recorded = await this.runner.runForSystem(
        snapshot.id,
        snapshot.version,
        OPEN_STATUSES,
        ({ kase, changes }) => {
          changes.set({ screeningHits: hits });
          return {
            action: 'rescreened',
            fromStatus: kase.status,
            toStatus: kase.status,
            confidential: true,
            details: { newHits: fresh.length },
            confidentialDetails: { hits: fresh },
          };
        },
        causedBy,
      );
      if (recorded) casesWithNewHits++;
    }
    return { screened: open.length, casesWithNewHits };
  }
}
