import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '../common/canonical-json';
import { CaseEvent } from './case-event.entity';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  details?: Record<string, unknown>;
  confidentialDetails?: Record<string, unknown> | null;
  /** Hide the whole event from the applicant. */
  confidential?: boolean;
  actingForCommittee?: string | null;
}

export interface ChainVerification {
  valid: boolean;
  events: number;
  /** The first event whose hash or link does not match, if any. */
  brokenAtSeq: number | null;
}

export function hashEvent(event: Omit<CaseEvent, 'hash' | 'id' | 'case' | 'actor' | 'assignId'>): string {
  const content = canonicalJson({
    caseId: event.caseId,
    seq: event.seq,
    at: new Date(event.at).toISOString(),
    actorId: event.actorId,
    action: event.action,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    details: event.details,
    confidentialDetails: event.confidentialDetails,
    confidential: event.confidential,
    actingForCommittee: event.actingForCommittee,
  });
  return createHash('sha256').update(event.prevHash).update('\n').update(content).digest('hex');
}

/** Appends audit events to a case's hash chain, and verifies a chain. Events are never updated or deleted. */
@Injectable()
export class CaseAuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  /** Call inside the transaction that makes the change, so change and event commit together. */
  async append(
    manager: EntityManager,
    caseId: string,
    actorId: string | null,
    entry: AuditEntry,
    at: Date,
  ): Promise<CaseEvent> {
    const last = await manager.findOne(CaseEvent, { where: { caseId }, order: { seq: 'DESC' } });
    const event = Object.assign(new CaseEvent(), {
      caseId,
      seq: (last?.seq ?? 0) + 1,
      at,
      actorId,
      action: entry.action,
      fromStatus: entry.fromStatus,
      toStatus: entry.toStatus,
      details: entry.details ?? {},
      confidentialDetails: entry.confidentialDetails ?? null,
      confidential: entry.confidential ?? false,
      actingForCommittee: entry.actingForCommittee ?? null,
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    event.hash = hashEvent(event);
    // JSON columns are typed loosely by TypeORM's insert; the entity instance is complete.
    await manager.insert(CaseEvent, event as never);
    return event;
  }

  events(caseId: string): Promise<CaseEvent[]> {
    return this.dataSource
      .getRepository(CaseEvent)
      .find({ where: { caseId }, relations: { actor: true }, order: { seq: 'ASC' } });
  }

  async verify(caseId: string): Promise<ChainVerification> {
    const events = await this.dataSource.getRepository(CaseEvent).find({ where: { caseId }, order: { seq: 'ASC' } });
    let prevHash = GENESIS_HASH;
    for (const [index, event] of events.entries()) {
      if (event.seq !== index + 1 || event.prevHash !== prevHash || hashEvent(event) !== event.hash) {
        return { valid: false, events: events.length, brokenAtSeq: index + 1 };
      }
      prevHash = event.hash;
    }
    return { valid: true, events: events.length, brokenAtSeq: null };
  }
}
