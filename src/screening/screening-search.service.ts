import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Partner, ScreeningHit, ScreeningHitEntry } from '../domain/case.types';
import { PartnerScreener } from '../cases/partner-screener';
import { checkNameBounds, MAX_LISTED_NAME_LENGTH, MAX_WORD_LENGTH, MatchHit, ScreeningIndex } from './matching';
import { BEFORE_ANY_ID, ScreeningEntry, ScreeningList } from './screening-list.entity';
import { Slicer } from './slicer';

/** Search answers at most 10 hits with score >= 0.5; a partner's hit >= 0.7 routes the case. */
export const SEARCH_LIMIT = 10;
export const SEARCH_MIN_SCORE = 0.5;
export const REVIEW_THRESHOLD = 0.7;
const PAGE_SIZE = 2_000;

export interface SearchHit {
  list: string;
  listKind: string;
  entityName: string;
  matchedName: string;
  country: string | null;
  score: number;
  reasons: string[];
}

/**
 * The in-memory match index over the entries of every list's version in force. It is rebuilt
 * when the set of versions in force changes (checked with one small query per use), so an import
 * on one instance reaches the others too.
 */
@Injectable()
export class ScreeningSearch implements PartnerScreener {
  private readonly logger = new Logger(ScreeningSearch.name);
  private index = new ScreeningIndex();
  private signature = '';
  private building: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async search(name: string, country?: string | null): Promise<SearchHit[]> {
    await this.ensureFresh();
    return this.index
      .search(name, { country: country?.toUpperCase() ?? null, limit: SEARCH_LIMIT, minScore: SEARCH_MIN_SCORE })
      .map(toSearchHit);
  }

  /**
   * Every partner against every list; hits at or above the review threshold, each with a new id and
   * the listed entry it matched (list, id on the list, checksum of its contents), so that a decision
   * on the hit can tell later whether the entry changed.
   */
  async screenPartners(partners: Partner[]): Promise<ScreeningHit[]> {
    await this.ensureFresh();
    const found = partners.flatMap((partner) =>
      this.index
        .search(partner.name, { country: partner.country, limit: SEARCH_LIMIT, minScore: REVIEW_THRESHOLD })
        .map((hit) => ({ partner, hit })),
    );
    const entries = await this.entriesOf(found.map(({ hit }) => hit.entryId));
    return found.map(({ partner, hit }) => {
      const entry = entries.get(hit.entryId);
      return {
        id: randomUUID(),
        partnerName: partner.name,
        ...toSearchHit(hit),
        listKind: hit.listKind,
        ...(entry ? { entry } : {}),
      };
    });
  }

  /** The entries behind hits, by their row id; an entry replaced meanwhile by a new import is missing. */
  private async entriesOf(ids: string[]): Promise<Map<string, ScreeningHitEntry>> {
    const entries = new Map<string, ScreeningHitEntry>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.dataSource.getRepository(ScreeningEntry).findBy({ id: In(unique.slice(i, i + 500)) });
      for (const row of rows)
        entries.set(row.id, { listId: row.listId, externalId: row.externalId, checksum: entryChecksum(row) });
    }
    return entries;
  }

  /** Rebuilds the index if the versions in force changed since it was built. */
  async ensureFresh(): Promise<void> {
    // A build takes a while for large lists: another version may come into force meanwhile, so look again.
    for (;;) {
      const lists = await this.dataSource
        .getRepository(ScreeningList)
        .find({ select: { id: true, currentVersionId: true }, order: { id: 'ASC' } });
      const signature = lists.map((l) => `${l.id}:${l.currentVersionId}`).join(',');
      if (signature === this.signature) return;
      this.building ??= this.rebuild(signature).finally(() => (this.building = null));
      await this.building;
    }
  }

  /**
   * Importers refuse names beyond the matcher's bounds, but an entry stored before they existed (or
   * written to the database directly) may break them: it is matched, and shown, cut to the bound.
   */
  private bounded(name: string, entryId: string, listName: string): string {
    const violation = checkNameBounds(name, MAX_LISTED_NAME_LENGTH);
    if (!violation) return name;
    this.logger.warn(
      `Screening entry ${entryId} of "${listName}": a name ${violation.message}; it is matched on its first ${MAX_LISTED_NAME_LENGTH} characters and words of at most ${MAX_WORD_LENGTH}`,
    );
    return name.length > MAX_LISTED_NAME_LENGTH ? `${name.slice(0, MAX_LISTED_NAME_LENGTH)}…` : name;
  }

  private async rebuild(signature: string): Promise<void> {
    const started = Date.now();
    // Built in slices from pages of entries, so a large index does not hold up other requests; searches
    // meanwhile wait for it (ensureFresh) rather than answer from the lists no longer in force.
    const slicer = new Slicer();
    const lists = new Map((await this.dataSource.getRepository(ScreeningList).find()).map((l) => [l.id, l]));
    const index = new ScreeningIndex();
    const repository = this.dataSource.getRepository(ScreeningEntry);
    let entries = 0;
    for (let after = BEFORE_ANY_ID; ;) {
      // Raw rows: entity objects for a million entries cost more than the index itself.
      const page = (
        await repository
          .createQueryBuilder('e')
          .select('e.id', 'id')
          .addSelect('e.listId', 'listId')
          .addSelect('e.name', 'name')
          .addSelect('e.aliases', 'aliases')
          .addSelect('e.countries', 'countries')
          .where('e.id > :after', { after })
          .orderBy('e.id', 'ASC')
          .limit(PAGE_SIZE)
          .getRawMany<{ id: string; listId: string; name: string; aliases: string; countries: string }>()
      ).map((row) => ({
        ...row,
        aliases: JSON.parse(row.aliases) as string[],
        countries: JSON.parse(row.countries) as string[],
      }));
      for (const entry of page) {
        const list = lists.get(entry.listId);
        if (!list) continue;
        const entityName = this.bounded(entry.name, entry.id, list.name);
        index.add({
          id: entry.id,
          listName: list.name,
          listKind: list.kind,
          entityName,
          names: [entityName, ...entry.aliases.map((alias) => this.bounded(alias, entry.id, list.name))],
          countries: entry.countries,
        });
        entries++;
        const pause = slicer.tick(1 + entry.aliases.length);
        if (pause) await pause;
      }
      if (page.length < PAGE_SIZE) break;
      after = page[page.length - 1].id;
      await slicer.pause();
    }
    this.index = index;
    this.signature = signature;
    if (entries)
      this.logger.log(
        `Screening index built: ${entries} entries, ${index.nameCount} names in ${Date.now() - started} ms`,
      );
  }
}

function toSearchHit(hit: MatchHit): SearchHit {
  return {
    list: hit.list,
    listKind: hit.listKind,
    entityName: hit.entityName,
    matchedName: hit.matchedName,
    country: hit.country,
    score: hit.score,
    reasons: hit.reasons,
  };
}

/** What a listed entry says about the entity: a later version that changes any of it changes the checksum. */
export function entryChecksum(
  entry: Pick<ScreeningEntry, 'name' | 'aliases' | 'countries' | 'entityType' | 'programs'>,
): string {
  const content = [
    entry.name,
    [...entry.aliases].sort(),
    [...entry.countries].sort(),
    entry.entityType,
    [...entry.programs].sort(),
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
