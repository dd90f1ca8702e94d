import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { AttachmentErrorCode } from './attachment.errors';

/** An upload as it arrived, on local disk until it is stored in the database (or refused). */
export interface SpooledFile {
  path: string;
  size: number;
  sha256: string;
  /** Removes the file; safe to call twice. */
  discard(): Promise<void>;
}

/** The source of an upload failed (a malformed or truncated multipart body), not the disk. */
export class UploadSourceError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** A spool file untouched for this long belongs to no running upload (a crash, a killed process). */
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Writes an upload to a private temporary file while hashing and counting it, and stops reading
 * the moment it passes the size limit. The bytes reach the database only once the whole file is
 * here and checked, so a refused or broken upload never touches the case. The folder is
 * UPLOAD_SPOOL_DIR (by default `partnership-review-uploads` in the system temporary directory); at
 * start, files left by a crashed process are removed.
 */
@Injectable()
export class UploadSpool implements OnModuleInit {
  private readonly logger = new Logger(UploadSpool.name);
  readonly directory: string;

  constructor(config: AppConfig) {
    this.directory = config.uploadSpoolDir;
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const removed = await this.removeStale(Date.now() - STALE_AFTER_MS);
    if (removed) this.logger.warn(`Removed ${removed} upload spool file(s) left by an interrupted upload`);
  }

  /** Removes spool files last written before `before` (ms since the epoch); returns how many. */
  async removeStale(before: number): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.directory).catch(() => [] as string[])) {
      const path = join(this.directory, name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < before) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /**
   * Copies `source` into a new spool file. Throws ATTACHMENT_TOO_LARGE as soon as more than
   * `maxBytes` arrived, UploadSourceError when the source fails; the file is removed on any failure.
   */
  async spool(source: AsyncIterable<Buffer>, maxBytes: number): Promise<SpooledFile> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const path = join(this.directory, `${randomUUID()}.upload`);
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    const discard = () => rm(path, { force: true });
    const hash = createHash('sha256');
    let size = 0;
    try {
      const iterator = source[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw new UploadSourceError(error);
        }
        if (next.done) break;
        const chunk = next.value;
        size += chunk.length;
        if (size > maxBytes) {
          await iterator.return?.().catch(() => undefined);
          throw new DomainError(AttachmentErrorCode.TooLarge);
        }
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
    } catch (error) {
      out.destroy();
      await discard();
      throw error;
    }
    return { path, size, sha256: hash.digest('hex'), discard };
  }
}
