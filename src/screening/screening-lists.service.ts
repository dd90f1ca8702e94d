import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuthUser } from '../authorization/auth-user';
import { Clock } from '../common/clock';
import { DomainError, isUniqueViolation } from '../common/domain-error';
import { ScreeningErrorCode } from './screening.errors';
import { ScreeningListEvents } from './screening-list-events';
import { TransactionRunner } from '../database/transaction-runner';
import {
  ListKind,
  ParsedList,
  parseScreeningListInSlices,
  ScreeningFormat,
  ScreeningParseError,
  ScreeningRecord,
} from './importers';
import { BEFORE_ANY_ID, ScreeningEntry, ScreeningList, ScreeningListVersion } from './screening-list.entity';
import { ScreeningSearch } from './screening-search.service';
import { Slicer } from './slicer';

const INSERT_CHUNK = 500;
const CHANGED_NAMES_KEPT = 100;
const PAGE_SIZE = 5_000;
const HASH_CHUNK = 4 << 20;

export interface ImportRequest {
  name: string;
  format: ScreeningFormat;
  /** Overrides the kind the format implies (e.g. an FtM export of an export-control list). */
  kind?: ListKind;
  /** Where the file came from (file name or URL), kept with the version. */
  source: string;
}

export interface ImportResult {
  id: string;
  name: string;
  kind: ListKind;
  entries: number;
  version: VersionSummary;
  /** True when the file is the version already in force: nothing changed. */
  unchanged: boolean;
  /** The background job that screens open cases again (GET /api/jobs/:id); null when nothing changed. */
  rescreenJobId: string | null;
}

export interface VersionSummary {
  version: number;
  importedAt: string;
  source: string;
  checksum: string;
  entries: number;
  aliases: number;
  added: number;
  removed: number;
  changes: { added: string[]; removed: string[] };
}

/**
 * Imports screening lists. Each import of a list is a new version (checksum, counts, what was added
 * and removed); the same file again changes nothing; a malformed file is refused before anything
 * is written, so the version in force stays. With the new version, a background job is queued that
 * screens the open cases again.
 */
@Injectable()
export class ScreeningListsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly search: ScreeningSearch,
    private readonly events: ScreeningListEvents,
    private readonly clock: Clock,
  ) {}

  async import(
    actor: AuthUser | null,
    request: ImportRequest,
    content: Buffer | ReadonlyMap<string, Buffer>,
    progress: (message: string) => void = () => undefined,
  ): Promise<ImportResult> {
    // A large list takes a while to parse, compare and index: the work runs in slices, so the server
    // keeps answering other requests meanwhile.
    const slicer = new Slicer();
    const stored = await this.store(actor, request, content, slicer, progress);
    if (stored.unchanged) return stored.unchanged;
    const { list, version, rescreenJobId } = stored;
    progress('building the match index');
    await this.search.ensureFresh();
    return {
      id: list.id,
      name: list.name,
      kind: list.kind,
      entries: version.entries,
      version: summarize(version),
      unchanged: false,
      rescreenJobId,
    };
  }

  /** Parses the file and stores it as the list's new version, unless it is the version in force. */
  private async store(
    actor: AuthUser | null,
    request: ImportRequest,
    content: Buffer | ReadonlyMap<string, Buffer>,
    slicer: Slicer,
    progress: (message: string) => void,
  ): Promise<
    | { unchanged: ImportResult }
    | { unchanged?: undefined; list: ScreeningList; version: ScreeningListVersion; rescreenJobId: string | null }
  > {
    let parsed: ParsedList;
    try {
      parsed = await parseScreeningListInSlices(request.format, content, slicer);
    } catch (error) {
      if (error instanceof ScreeningParseError) throw new DomainError(parseErrorCode(error), `file: ${error.message}`);
      // Whatever else a parser throws was caused by the file: a refusal of it, not a server error.
      const message = error instanceof Error ? error.message : String(error);
      throw new DomainError(ScreeningErrorCode.ListMalformed, `file: cannot be read (${message})`);
    }
    if (parsed.records.length === 0) throw new DomainError(ScreeningErrorCode.ListEmpty);
    progress(`parsed ${parsed.records.length} entries`);
    const checksum = await checksumOf(content, slicer);
    const lists = this.dataSource.getRepository(ScreeningList);
    const existing = await lists.findOne({ where: { name: request.name } });
    const current = existing?.currentVersionId
      ? await this.dataSource.getRepository(ScreeningListVersion).findOneBy({ id: existing.currentVersionId })
      : null;
    if (existing && current?.checksum === checksum && (!request.kind || request.kind === existing.kind)) {
      return {
        unchanged: {
          id: existing.id,
          name: existing.name,
          kind: existing.kind,
          entries: current.entries,
          version: summarize(current),
          unchanged: true,
          rescreenJobId: null,
        },
      };
    }

    const { added, removed } = await this.changes(existing?.id ?? null, parsed.records, slicer);

    return this.transactions.run(async (manager) => {
      const list =
        existing ??
        Object.assign(new ScreeningList(), {
          name: request.name,
          format: request.format,
          kind: request.kind ?? parsed.kind,
          currentVersionId: null,
        });
      list.kind = request.kind ?? (existing ? existing.kind : parsed.kind);
      list.format = request.format;
      // The changes were counted against the version seen above: claim it (a concurrent import of the
      // same list waits for this row, then finds it changed), or create the list (its name is unique).
      if (existing) {
        const claimed = await manager.update(
          ScreeningList,
          { id: existing.id, currentVersionId: existing.currentVersionId ?? IsNull() },
          { format: request.format },
        );
        if (claimed.affected !== 1) throw concurrentImport();
      } else {
        await manager.save(list).catch((error: unknown) => {
          throw isUniqueViolation(error) ? concurrentImport() : error;
        });
      }
      const last = await manager.findOne(ScreeningListVersion, {
        where: { listId: list.id },
        order: { version: 'DESC' },
      });
      const version = Object.assign(new ScreeningListVersion(), {
        listId: list.id,
        version: (last?.version ?? 0) + 1,
        importedAt: this.clock.now(),
        importedById: actor?.id ?? null,
        source: request.source.slice(0, 500),
        checksum,
        entries: parsed.records.length,
        aliases: parsed.records.reduce((n, r) => n + r.aliases.length, 0),
        added: added.count,
        removed: removed.count,
        changes: { added: added.names, removed: removed.names },
      });
      await manager.save(version);
      await manager.delete(ScreeningEntry, { listId: list.id });
      const insert = entryInserter(manager);
      for (let i = 0; i < parsed.records.length; i += INSERT_CHUNK) {
        await insert(list.id, parsed.records.slice(i, i + INSERT_CHUNK));
        if (i % 10_000 === 0)
          progress(`stored ${Math.min(i + INSERT_CHUNK, parsed.records.length)} of ${parsed.records.length} entries`);
      }
      list.currentVersionId = version.id;
      await manager.update(
        ScreeningList,
        { id: list.id },
        { currentVersionId: version.id, kind: list.kind, format: list.format },
      );
      const rescreenJobId = await this.events.versionStored(manager, {
        listId: list.id,
        versionId: version.id,
        actorId: actor?.id ?? null,
      });
      return { list, version, rescreenJobId };
    });
  }

  /** What the new records add to and remove from the list's version in force (counts, first names). */
  private async changes(listId: string | null, records: ScreeningRecord[], slicer: Slicer) {
    const previous = new Map<string, string>();
    if (listId) {
      // Read in pages: a list of a million entries would otherwise arrive in one blocking piece.
      const entries = this.dataSource.getRepository(ScreeningEntry);
      for (let after = BEFORE_ANY_ID; ;) {
        const page = await entries
          .createQueryBuilder('e')
          .select(['e.id', 'e.externalId', 'e.name'])
          .where('e.listId = :listId AND e.id > :after', { listId, after })
          .orderBy('e.id', 'ASC')
          .take(PAGE_SIZE)
          .getMany();
        for (const entry of page) previous.set(entry.externalId, entry.name);
        if (page.length < PAGE_SIZE) break;
        after = page[page.length - 1].id;
        await slicer.pause();
      }
    }
    const added = { count: 0, names: [] as string[] };
    const removed = { count: 0, names: [] as string[] };
    for (const record of records) {
      if (!previous.delete(record.externalId)) {
        added.count++;
        if (added.names.length < CHANGED_NAMES_KEPT) added.names.push(record.name);
      }
      const pause = slicer.tick();
      if (pause) await pause;
    }
    for (const name of previous.values()) {
      removed.count++;
      if (removed.names.length < CHANGED_NAMES_KEPT) removed.names.push(name);
    }
    return { added, removed };
  }

  async lists() {
    const lists = await this.dataSource.getRepository(ScreeningList).find({ order: { name: 'ASC' } });
    const versions = new Map(
      (
        await this.dataSource
          .getRepository(ScreeningListVersion)
          .find({ where: lists.filter((l) => l.currentVersionId).map((l) => ({ id: l.currentVersionId! })) })
      ).map((v) => [v.id, v]),
    );
    return lists.map((l) => {
      const current = l.currentVersionId ? versions.get(l.currentVersionId) : undefined;
      return {
        id: l.id,
        name: l.name,
        kind: l.kind,
        format: l.format,
        entries: current?.entries ?? 0,
        current: current ? summarize(current) : null,
      };
    });
  }

  async versions(listId: string): Promise<VersionSummary[]> {
    if (!(await this.dataSource.getRepository(ScreeningList).existsBy({ id: listId })))
      throw new DomainError(ScreeningErrorCode.ListNotFound);
    return (
      await this.dataSource.getRepository(ScreeningListVersion).find({ where: { listId }, order: { version: 'DESC' } })
    ).map(summarize);
  }
}

function summarize(v: ScreeningListVersion): VersionSummary {
  return {
    version: v.version,
    importedAt: new Date(v.importedAt).toISOString(),
    source: v.source,
    checksum: v.checksum,
    entries: v.entries,
    aliases: v.aliases,
    added: v.added,
    removed: v.removed,
    changes: v.changes,
  };
}

/** sha256 of the file, or of the tables (by file name, in name order) for the UK format; a few MB at a time. */
async function checksumOf(content: Buffer | ReadonlyMap<string, Buffer>, slicer: Slicer): Promise<string> {
  const hash = createHash('sha256');
  const update = async (bytes: Buffer) => {
    for (let at = 0; at < bytes.length; at += HASH_CHUNK) {
      hash.update(bytes.subarray(at, at + HASH_CHUNK));
      if (at + HASH_CHUNK < bytes.length) await slicer.pause();
    }
  };
  if (Buffer.isBuffer(content)) {
    await update(content);
    return hash.digest('hex');
  }
  for (const name of [...content.keys()].sort()) {
    hash.update(name).update('\0');
    await update(content.get(name)!);
    hash.update('\0');
  }
  return hash.digest('hex');
}

const ENTRY_COLUMNS = ['id', 'listId', 'externalId', 'name', 'aliases', 'countries', 'entityType', 'programs'] as const;

/**
 * Inserts entries with one plain multi-row INSERT per chunk: for a large list, building the statement
 * through the query builder cost more than the database's own work. JSON columns as TypeORM stores them.
 */
function entryInserter(manager: EntityManager): (listId: string, records: ScreeningRecord[]) => Promise<void> {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(ScreeningEntry);
  const columns = ENTRY_COLUMNS.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`ScreeningEntry has no column ${property}`);
    return driver.escape(column.databaseName);
  });
  const into = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.join(', ')}) VALUES `;
  return async (listId, records) => {
    const values: unknown[] = [];
    const rows = records.map((r) => {
      const row = [
        randomUUID(),
        listId,
        r.externalId.slice(0, 300),
        r.name,
        JSON.stringify(r.aliases),
        JSON.stringify(r.countries),
        r.entityType,
        JSON.stringify(r.programs),
      ];
      const placeholders = row.map((value) => {
        values.push(value);
        return driver.createParameter(`p${values.length}`, values.length - 1);
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(into + rows.join(', '), values);
  };
}

function parseErrorCode(error: ScreeningParseError): ScreeningErrorCode {
  if (error.bound === 'name-length') return ScreeningErrorCode.NameTooLong;
  if (error.bound === 'word-length') return ScreeningErrorCode.WordTooLong;
  return ScreeningErrorCode.ListMalformed;
}

const concurrentImport = () => new DomainError(ScreeningErrorCode.ConcurrentImport);
