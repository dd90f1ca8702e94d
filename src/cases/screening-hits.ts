import { ScreeningHit } from '../domain/case.types';

/** A false-positive decision as re-screening reads it: the case partner and the listed entry as decided. */
export interface ClearedEntry {
  partnerName: string;
  listId: string | null;
  externalId: string | null;
  entryChecksum: string | null;
}

/** Whether a screened hit is one a false-positive decision cleared: same partner, same entry, unchanged. */
export function isCleared(hit: ScreeningHit, cleared: readonly ClearedEntry[]): boolean {
  const entry = hit.entry;
  if (!entry) return false;
  return cleared.some(
    (c) =>
      c.partnerName === hit.partnerName &&
      c.listId === entry.listId &&
      c.externalId === entry.externalId &&
      c.entryChecksum === entry.checksum,
  );
}

/** The same partner against the same listed entity (by the entry's id on its list when both hits know it). */
export function sameHit(a: ScreeningHit, b: ScreeningHit): boolean {
  if (a.partnerName !== b.partnerName) return false;
  if (a.entry && b.entry) return a.entry.listId === b.entry.listId && a.entry.externalId === b.entry.externalId;
  return a.list === b.list && a.entityName === b.entityName;
}

export interface MergedScreening {
  /** The case's hits after this screening. */
  hits: ScreeningHit[];
  /** Hits new to the case (a hit raised again because its entry changed is one of them). */
  fresh: ScreeningHit[];
  /** The screened hits the route is proposed from: all but the cleared false positives. */
  routeHits: ScreeningHit[];
}

/**
 * Merges a new screening into the case's hits. A hit the case has already keeps its id and decision;
 * a hit cleared as a false positive is not raised again unless its list entry changed since, in which
 * case it replaces the decided one, undecided; a confirmed hit stays and keeps counting for the route.
 */
export function mergeScreening(
  current: readonly ScreeningHit[],
  screened: readonly ScreeningHit[],
  cleared: readonly ClearedEntry[],
): MergedScreening {
  const hits = [...current];
  const fresh: ScreeningHit[] = [];
  const routeHits: ScreeningHit[] = [];
  for (const hit of screened) {
    if (isCleared(hit, cleared)) continue;
    routeHits.push(hit);
    const at = hits.findIndex((known) => sameHit(known, hit));
    const known = at >= 0 ? hits[at] : null;
    const entryChanged =
      known?.decision?.decision === 'false_positive' && known.entry?.checksum !== hit.entry?.checksum;
    if (known && !entryChanged) continue;
    if (known) hits.splice(at, 1);
    hits.push(hit);
    fresh.push(hit);
  }
  return { hits, fresh, routeHits };
}
