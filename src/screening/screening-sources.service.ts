import { Injectable, Logger } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { AuthUser } from '../authorization/auth-user';
import { Clock } from '../common/clock';
import { DomainError, isUniqueViolation } from '../common/domain-error';
import { ListKind, ScreeningFormat } from './importers';
import { ScreeningListsService } from './screening-lists.service';
import { ScreeningSource } from './screening-source.entity';
import { ScreeningErrorCode } from './screening.errors';

/** A download that takes longer than this counts as failed. */
const DOWNLOAD_TIMEOUT_MS = 120_000;
/** The largest file a source may serve (the largest shipped list is about 30 MB). */
export const MAX_SOURCE_BYTES = 200 * 1024 * 1024;

export interface NewSource {
  name: string;
  format: ScreeningFormat;
  url: string;
  kind?: ListKind;
  refreshMinutes: number;
}

/**
 * List sources the International Office registers: each is downloaded when due (by the recurring job
 * of ScreeningSourceRefresher) or on request, with a conditional request (If-None-Match with the last
 * ETag, If-Modified-Since with the last Last-Modified). A changed file is imported like an upload, so
 * an unchanged file adds no version and a new version re-screens open cases; a failed download or a
 * file the importer refuses leaves the version in force and is recorded as the source's last error.
 */
@Injectable()
export class ScreeningSourcesService {
  private readonly logger = new Logger(ScreeningSourcesService.name);
  /** Refreshes under way in this process, by source: a second request waits for the first. */
  private readonly running = new Map<string, Promise<ScreeningSource>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly lists: ScreeningListsService,
    private readonly clock: Clock,
  ) {}

  async register(actor: AuthUser, input: NewSource): Promise<SourceView> {
    const now = this.clock.now();
    const source = Object.assign(new ScreeningSource(), {
      name: input.name,
      format: input.format,
      url: input.url,
      kind: input.kind ?? null,
      refreshMinutes: input.refreshMinutes,
      etag: null,
      lastModified: null,
      nextRunAt: now,
      lastCheckedAt: null,
      lastSuccessAt: null,
      lastOutcome: null,
      lastErrorAt: null,
      lastError: null,
      createdAt: now,
      createdById: actor.id,
    });
    await this.dataSource
      .getRepository(ScreeningSource)
      .save(source)
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new DomainError(ScreeningErrorCode.SourceExists) : error;
      });
    return toSourceView(source);
  }

  async sources(): Promise<SourceView[]> {
    const sources = await this.dataSource.getRepository(ScreeningSource).find({ order: { name: 'ASC' } });
    return sources.map(toSourceView);
  }

  /** Downloads the source now (whether due or not) and answers how it went. */
  async refreshNow(id: string): Promise<SourceView> {
    const source = await this.dataSource.getRepository(ScreeningSource).findOneBy({ id });
    if (!source) throw new DomainError(ScreeningErrorCode.SourceNotFound);
    return toSourceView(await this.refresh(source));
  }

  /**
   * Refreshes every source that is due, one after the other (the recurring job, ScreeningSourceRefresher);
   * stops between sources when `signal` is aborted. Answers how many were refreshed.
   */
  async refreshDue(signal?: AbortSignal): Promise<number> {
    const due = await this.dataSource
      .getRepository(ScreeningSource)
      .find({ where: { nextRunAt: LessThanOrEqual(this.clock.now()) }, order: { nextRunAt: 'ASC' } });
    for (const source of due) {
      signal?.throwIfAborted();
      await this.refresh(source);
    }
    return due.length;
  }

  private refresh(source: ScreeningSource): Promise<ScreeningSource> {
    const running = this.running.get(source.id);
    if (running) return running;
    const refresh = this.download(source).finally(() => this.running.delete(source.id));
    this.running.set(source.id, refresh);
    return refresh;
  }

  private async download(source: ScreeningSource): Promise<ScreeningSource> {
    const started = this.clock.now();
    const headers: Record<string, string> = {};
    if (source.etag) headers['If-None-Match'] = source.etag;
    if (source.lastModified) headers['If-Modified-Since'] = source.lastModified;
    let patch: Partial<ScreeningSource>;
    try {
      // Redirects are not followed: a source answers from the address the International Office gave.
      const response = await fetch(source.url, {
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      });
      if (response.status === 304) {
        await response.body?.cancel();
        patch = { lastSuccessAt: this.clock.now(), lastOutcome: 'not modified', lastError: null, lastErrorAt: null };
      } else {
        if (!response.ok) {
          await response.body?.cancel();
          throw new Error(
            response.status >= 300 && response.status < 400
              ? `the server answered HTTP ${response.status} (a redirect, not followed: register the address it points to)`
              : `the server answered HTTP ${response.status}`,
          );
        }
        const content = await readBounded(response);
        const imported = await this.lists.import(
          null,
          {
            name: source.name,
            format: source.format,
            kind: source.kind ?? undefined,
            source: publicSourceOf(source.url),
          },
          content,
        );
        patch = {
          etag: response.headers.get('etag')?.slice(0, 500) ?? null,
          lastModified: response.headers.get('last-modified')?.slice(0, 100) ?? null,
          lastSuccessAt: this.clock.now(),
          lastOutcome: imported.unchanged
            ? `unchanged (version ${imported.version.version})`
            : `imported version ${imported.version.version}`,
          lastError: null,
          lastErrorAt: null,
        };
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      this.logger.warn(`Screening source "${source.name}" (${source.url}): ${message}${cause}`);
      patch = { lastError: `${message}${cause}`.slice(0, 2000), lastErrorAt: this.clock.now() };
    }
    Object.assign(source, patch, {
      lastCheckedAt: started,
      nextRunAt: new Date(this.clock.now().getTime() + source.refreshMinutes * 60_000),
    });
    await this.dataSource
      .getRepository(ScreeningSource)
      .update({ id: source.id }, { ...patch, lastCheckedAt: source.lastCheckedAt, nextRunAt: source.nextRunAt });
    return source;
  }
}

/** The body, refused beyond MAX_SOURCE_BYTES (announced or actual). */
async function readBounded(response: Response): Promise<Buffer> {
  const announced = Number(response.headers.get('content-length') ?? 0);
  if (announced > MAX_SOURCE_BYTES) {
    await response.body?.cancel();
    throw new Error(`the file is larger than ${MAX_SOURCE_BYTES} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_SOURCE_BYTES) throw new Error(`the file is larger than ${MAX_SOURCE_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The address a list version records as its source, which everyone who may read the lists sees:
 * without a login or a query string, where a source's key or password would be.
 */
export function publicSourceOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toSourceView(source: ScreeningSource) {
  return {
    id: source.id,
    name: source.name,
    format: source.format,
    url: source.url,
    kind: source.kind,
    refreshMinutes: source.refreshMinutes,
    nextRunAt: iso(source.nextRunAt)!,
    lastCheckedAt: iso(source.lastCheckedAt),
    lastSuccessAt: iso(source.lastSuccessAt),
    lastOutcome: source.lastOutcome,
    lastErrorAt: iso(source.lastErrorAt),
    lastError: source.lastError,
  };
}

export type SourceView = ReturnType<typeof toSourceView>;
