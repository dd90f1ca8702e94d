import { Injectable } from '@nestjs/common';
import { AuthUser } from '../authorization/auth-user';
import { DomainError } from '../common/domain-error';
import { ScreeningHitDecision } from '../domain/case.types';
import { CaseActionRunner } from './actions/case-action-runner';
import { CaseErrorCode } from './case.errors';
import { CaseResponse } from './case-response.mapper';
import { CaseReadingService } from './case-reading.service';
import { HitDecisionDto } from './dto/case-actions.dto';

/**
 * Resolving a screening hit (International Office, or the Knowledge Security chair on a case it reviews):
 * the decision goes on the hit, into the confidential audit trail, and into the decisions later screenings read.
 */
@Injectable()
export class ScreeningDecisionService {
  constructor(
    private readonly runner: CaseActionRunner,
    private readonly reading: CaseReadingService,
  ) {}

  async decide(actor: AuthUser, id: string, hitId: string, input: HitDecisionDto): Promise<CaseResponse> {
    await this.runner.run(actor, id, 'decide_screening_hit', {}, async ({ kase, changes, now }) => {
      const hit = kase.screeningHits.find((h) => h.id === hitId);
      if (!hit) throw new DomainError(CaseErrorCode.HitNotInScreening);
      if (hit.decision) throw new DomainError(CaseErrorCode.HitAlreadyDecided);
      const decision: ScreeningHitDecision = {
        decision: input.decision,
        reason: input.reason,
        decidedBy: { id: actor.id, name: actor.name },
        decidedAt: now.toISOString(),
      };
      changes.set({ screeningHits: kase.screeningHits.map((h) => (h.id === hitId ? { ...h, decision } : h)) });
      await changes.addScreeningHitDecision({
        hitId,
        partnerName: hit.partnerName,
        listId: hit.entry?.listId ?? null,
        externalId: hit.entry?.externalId ?? null,
        entryChecksum: hit.entry?.checksum ?? null,
        decision: input.decision,
        reason: input.reason,
        decidedById: actor.id,
      });
      return {
        action: 'screening_hit_decided',
        fromStatus: kase.status,
        toStatus: kase.status,
        confidential: true,
        details: { decision: input.decision },
        confidentialDetails: {
          hitId,
          partnerName: hit.partnerName,
          list: hit.list,
          entityName: hit.entityName,
          score: hit.score,
          decision: input.decision,
          reason: input.reason,
        },
      };
    });
    return this.reading.get(actor, id);
  }
}
