import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ListVersionStored {
  listId: string;
  versionId: string;
  /** The importing user, or null for the command line. */
  actorId: string | null;
}

export interface RescreenSummary {
  screened: number;
  casesWithNewHits: number;
}

/** Answers the id of the background job it queued (re-screening), or null. */
export type ListVersionListener = (manager: EntityManager, event: ListVersionStored) => Promise<string | null>;

/**
 * Tells other modules that a new version of a screening list is stored (the cases module queues
 * the re-screening of open cases), without the screening module depending on them. Listeners run
 * inside the import's transaction, so what they queue exists exactly when the version does.
 */
@Injectable()
export class ScreeningListEvents {
  private readonly listeners: ListVersionListener[] = [];

  onVersionStored(listener: ListVersionListener): void {
    this.listeners.push(listener);
  }

  /** Runs the listeners; answers the re-screening job's id, or null when nobody listens. */
  async versionStored(manager: EntityManager, event: ListVersionStored): Promise<string | null> {
    let jobId: string | null = null;
    for (const listener of this.listeners) jobId = (await listener(manager, event)) ?? jobId;
    return jobId;
  }
}
