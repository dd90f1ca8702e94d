import { Inject, Injectable } from '@nestjs/common';
import { documentsSince } from '../attachments/answer-documents';
import { AuthUser } from '../authorization/auth-user';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { Country } from '../countries/country.entity';
import { RouteEntry, ScreeningHit } from '../domain/case.types';
import { RoutingService } from '../routing/routing.service';
import { ActionScope, CaseActionRunner } from './actions/case-action-runner';
import { CaseActionObservers } from './actions/case-action-observers';
import { syncCountries } from './actions/case-changes';
import { ReferenceDataLoader } from './actions/reference-data';
import { CaseAuditTrail } from './case-audit-trail';
import { Case } from './case.entity';
import { CaseResponse } from './case-response.mapper';
import { CaseReadingService } from './case-reading.service';
import { CasesRepository } from './cases.repository';
import { RespondDto, WithdrawDto } from './dto/case-actions.dto';
import { CreateCaseDto, UpdateCaseDto } from './dto/case-input.dto';
import { PARTNER_SCREENER, PartnerScreener } from './partner-screener';
import { normalisePartners, proposalWith, searchText } from './proposal';
import { ClearedEntry, mergeScreening } from './screening-hits';

/** What the applicant does with their proposal: write it, submit it, answer questions, withdraw it. */
@Injectable()
export class ProposalService {
  constructor(
    private readonly runner: CaseActionRunner,
    private readonly reading: CaseReadingService,
    private readonly cases: CasesRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: CaseAuditTrail,
    private readonly referenceData: ReferenceDataLoader,
    private readonly routing: RoutingService,
    private readonly observers: CaseActionObservers,
    private readonly clock: Clock,
    @Inject(PARTNER_SCREENER) private readonly screener: PartnerScreener,
  ) {}

  async create(actor: AuthUser, input: CreateCaseDto): Promise<CaseResponse> {
    const now = this.clock.now();
    const kase = Object.assign(new Case(), {
      applicantId: actor.id,
      status: 'draft',
      route: [],
      ruleSetVersion: null,
      screeningHits: [],
      outcome: null,
      informationRequest: null,
      waitingMs: 0,
      version: 1,
      submittedAt: null,
      decidedAt: null,
      createdAt: now,
      updatedAt: now,
      stages: [],
      conditions: [],
      conflicts: [],
    } satisfies Partial<Case>);
    const { countries } = await this.referenceData.load();
    Object.assign(kase, proposalWith(kase, input, countries).columns);
    const id = await this.transactions.run(async (manager) => {
      kase.reference = await this.cases.nextReference(manager, now.getUTCFullYear());
      kase.searchText = searchText(kase.reference, kase.title, kase.partners);
      await manager.save(kase);
      await syncCountries(manager, kase);
      const entry = { action: 'created', fromStatus: null, toStatus: 'draft', details: { reference: kase.reference } };
      await this.audit.append(manager, kase.id, actor.id, entry, now);
      await this.observers.notify({ manager, action: 'create', kase, entry, actor, now });
      return kase.id;
    });
    return this.reading.get(actor, id);
  }

  async update(actor: AuthUser, id: string, input: UpdateCaseDto): Promise<CaseResponse> {
    await this.runner.run(actor, id, 'update', { proposalChanges: input }, ({ kase, changes, reference }) => {
      const { columns, changed } = proposalWith(kase, input, reference.countries);
      changes.set(columns);
      return { action: 'updated', fromStatus: kase.status, toStatus: kase.status, details: { changed } };
    });
    return this.reading.get(actor, id);
  }

  async submit(actor: AuthUser, id: string): Promise<CaseResponse> {
    await this.runner.run<ScreeningHit[]>(
      actor,
      id,
      'submit',
      {},
      ({ kase, changes, now, reference, prepared: hits }) => {
        const proposed = this.proposeRoute(kase, hits, reference.countries);
        changes.set({
          route: proposed.route,
          ruleSetVersion: proposed.ruleSetVersion,
          screeningHits: hits,
          status: 'triage',
          submittedAt: now,
        });
        return {
          action: 'submitted',
          fromStatus: 'draft',
          toStatus: 'triage',
          details: { proposedRoute: proposed.route.map((r) => r.committee), ruleSetVersion: proposed.ruleSetVersion },
          confidentialDetails: { screeningHits: hits.length },
        };
      },
      { prepare: (kase) => this.screener.screenPartners(kase.partners) },
    );
    return this.reading.get(actor, id);
  }

  /**
   * The applicant's answer, possibly with changes to the proposal (made here or by editing while the
   * question was open). As at submit, the partners are screened and the route is proposed again, so a
   * changed proposal cannot pass without the review it now needs: back at triage the International
   * Office sees the new route; back in review, a committee with a new reason in it gets an open
   * stage unless it is reviewing the case already.
   */
  async respond(actor: AuthUser, id: string, input: RespondDto): Promise<CaseResponse> {
    await this.runner.run<Rescreened>(
      actor,
      id,
      'respond',
      { proposalChanges: input.changes },
      (scope) => this.applyAnswer(scope, input),
      {
        prepare: async (kase) => ({
          screened: await this.screener.screenPartners(normalisePartners(input.changes?.partners ?? kase.partners)),
          cleared: await this.cases.clearedEntries(kase.id),
        }),
      },
    );
    return this.reading.get(actor, id);
  }

  async withdraw(actor: AuthUser, id: string, input: WithdrawDto): Promise<CaseResponse> {
    await this.runner.run(actor, id, 'withdraw', {}, async ({ kase, changes }) => {
      const fromStatus = kase.status;
      const cancelledStages = await changes.cancelActiveStages();
      changes.set({ status: 'withdrawn', informationRequest: null });
      return {
        action: 'withdrawn',
        fromStatus,
        toStatus: 'withdrawn',
        details: { reason: input.reason, cancelledStages },
      };
    });
    return this.reading.get(actor, id);
  }

  private async applyAnswer(
    { kase, changes, manager, now, reference, prepared: { screened, cleared } }: ActionScope<Rescreened>,
    input: RespondDto,
  ) {
    const changed: string[] = [];
    if (input.changes) {
      const proposal = proposalWith(kase, input.changes, reference.countries);
      changes.set(proposal.columns);
      changed.push(...proposal.changed);
    }
    const request = kase.informationRequest!;
    const documents = await documentsSince(manager, kase, request.askedAt);
    const reopened: string[] = [];
    for (const stage of kase.stages.filter((s) => s.status === 'information_requested')) {
      const waited = now.getTime() - (stage.pausedAt ?? now).getTime();
      await changes.updateStage(stage, {
        status: 'open',
        pausedAt: null,
        waitingMs: stage.waitingMs + waited,
        dueAt: new Date(stage.dueAt.getTime() + waited),
      });
      reopened.push(stage.committeeKey);
    }

    const previousRoute = kase.route;
    const partnerNames = new Set(kase.partners.map((p) => p.name));
    const kept = kase.screeningHits.filter((h) => partnerNames.has(h.partnerName));
    const dropped = kase.screeningHits.filter((h) => !partnerNames.has(h.partnerName));
    // Hits cleared as false positives neither come back nor count for the route; confirmed ones do.
    const { hits, fresh: newHits, routeHits } = mergeScreening(kept, screened, cleared);
    const proposed = this.proposeRoute(kase, routeHits, reference.countries);
    const addedStages: string[] = [];
    if (request.returnTo === 'in_review') {
      // A committee gets a new stage when a reason for it is new (a new hit, a new partner type, ...)
      // and it is not reviewing the case right now: also when it has decided already, or the
      // International Office left it out at triage for the reasons known then.
      const active = new Set(
        kase.stages
          .filter((s) => s.status === 'open' || s.status === 'information_requested')
          .map((s) => s.committeeKey),
      );
      for (const entry of proposed.route) {
        const known = new Set(
          (previousRoute.find((r) => r.committee === entry.committee)?.reasons ?? []).map(reasonKey),
        );
        if (active.has(entry.committee) || entry.reasons.every((r) => known.has(reasonKey(r)))) continue;
        await changes.openStage(reference.committees.get(entry.committee)!);
        addedStages.push(entry.committee);
      }
    }
    changes.set({
      route: proposed.route,
      ruleSetVersion: proposed.ruleSetVersion,
      screeningHits: hits,
      waitingMs: kase.waitingMs + now.getTime() - new Date(request.askedAt).getTime(),
      informationRequest: null,
      status: request.returnTo,
    });
    const routeNow = proposed.route.map((r) => r.committee);
    const routeChanged =
      [...routeNow].sort().join() !==
      previousRoute
        .map((r) => r.committee)
        .sort()
        .join();
    return {
      action: 'information_provided',
      fromStatus: 'information_requested',
      toStatus: kase.status,
      details: {
        answer: input.answer,
        changed,
        reopenedStages: reopened,
        ...(documents.length ? { documents } : {}),
        ...(routeChanged || addedStages.length ? { proposedRoute: routeNow, addedStages } : {}),
      },
      confidentialDetails: { newScreeningHits: newHits.length, droppedScreeningHits: dropped },
    };
  }

  /** The routing rules on the case as it stands, with the given screening hits. */
  private proposeRoute(kase: Case, hits: ScreeningHit[], countries: ReadonlyMap<string, Country>) {
    return this.routing.propose(countries, {
      type: kase.type,
      partners: kase.partners,
      destinations: kase.destinations,
      technologyAreas: kase.technologyAreas,
      dualUse: kase.dualUse,
      funding: kase.funding,
      screeningHits: hits,
    });
  }
}

/** A new screening of the partners, and the case's false-positive decisions it is merged with. */
interface Rescreened {
  screened: ScreeningHit[];
  cleared: ClearedEntry[];
}

const reasonKey = (reason: RouteEntry['reasons'][number]) => `${reason.rule}|${reason.message}`;
