import { Injectable } from '@nestjs/common';

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

export type ListVersionListener = (event: ListVersionStored) => Promise<RescreenSummary>;

/**
 * Tells other modules that a new version of a screening list is in force (the cases module screens
 * open cases again), without the screening module depending on them.
 */
@Injectable()
export class ScreeningListEvents {
  private readonly listeners: ListVersionListener[] = [];

  onVersionStored(listener: ListVersionListener): void {
    this.listeners.push(listener);
  }

  /** Runs the listeners; answers the re-screening summary, or null when nobody listens. */
  async versionStored(event: ListVersionStored): Promise<RescreenSummary | null> {
    let summary: RescreenSummary | null = null;
    for (const listener of this.listeners) summary = await listener(event);
    return summary;
  }
}
