import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../../authorization/auth-user';
import { CaseAction } from '../../workflow/case-transitions';
import { AuditEntry } from '../case-audit-trail';
import { Case } from '../case.entity';

/** A case action that has been applied, inside its transaction. */
export interface AppliedCaseAction {
  manager: EntityManager;
  action: CaseAction | 'create' | 'rescreen';
  kase: Case;
  entry: AuditEntry;
  /** Null for the system (re-screening after a list import). */
  actor: AuthUser | null;
  now: Date;
}

export type CaseActionObserver = (applied: AppliedCaseAction) => Promise<void>;

/**
 * Other modules learn of every applied case action here, in the action's own transaction, so what
 * they write (a notification, say) commits or rolls back with it.
 */
@Injectable()
export class CaseActionObservers {
  private readonly observers: CaseActionObserver[] = [];

  register(observer: CaseActionObserver): void {
    this.observers.push(observer);
  }

  async notify(applied: AppliedCaseAction): Promise<void> {
    for (const observer of this.observers) await observer(applied);
  }
}
