import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppliedCaseAction, CaseActionObservers } from '../cases/actions/case-action-observers';
import { eventsOf } from './notification-events';
import { NotificationsService } from './notifications.service';

/** Tells people of case actions: an observer of every action, inside the action's transaction. */
@Injectable()
export class CaseActionNotifier implements OnModuleInit {
  constructor(
    private readonly observers: CaseActionObservers,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.observers.register((applied) => this.onAction(applied));
  }

  async onAction(applied: AppliedCaseAction): Promise<void> {
    await this.notifications.notify(applied.manager, applied.kase, eventsOf(applied), applied.now);
  }
}
