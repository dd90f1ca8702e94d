import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { DataSource, EntityManager } from 'typeorm';

/** Bytes per stored chunk: one chunk is all a request holds in memory at a time. */
export const CHUNK_BYTES = 256 * 1024;

/** What was read back does not hash to what was stored. */
export class ContentIntegrityError extends Error {
  constructor(
    readonly attachmentId: string,
    readonly expected: { size: number; sha256: string },
    readonly actual: { size: number; sha256: string },
  ) {
    super(
      `Attachment ${attachmentId}: stored content has ${actual.size} bytes with sha256 ${actual.sha256}, ` +
        `recorded ${expected.size} bytes with sha256 ${expected.sha256}`,
    );
  }
}

/**
 * The bytes of documents, in the database beside their metadata (table `attachment_chunks`:
 * attachmentId, seq, data as BLOB on SQLite and bytea on PostgreSQL), cut into chunks of
 * CHUNK_BYTES so that neither writing nor reading holds a whole document in memory. Written in
 * the transaction that records the document, so bytes and metadata commit together or not at all.
 *
 * The table has no TypeORM entity: the binary column type differs between the two databases and
 * an entity has one type. The SQL here is the whole of it.
 */
@Injectable()
export class AttachmentContentStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Copies the file into chunks of `attachmentId`, inside the caller's transaction. */
  async write(manager: EntityManager, attachmentId: string, path: string): Promise<void> {
    const sql = `INSERT INTO ${q(manager, 'attachment_chunks')} (${q(manager, 'attachmentId')}, ${q(manager, 'seq')}, ${q(manager, 'data')}) VALUES (${p(manager, 1)}, ${p(manager, 2)}, ${p(manager, 3)})`;
    let seq = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      await manager.query(sql, [attachmentId, seq++, chunk]);
    }
  }

  async remove(manager: EntityManager, attachmentId: string): Promise<void> {
    await manager.query(
      `DELETE FROM ${q(manager, 'attachment_chunks')} WHERE ${q(manager, 'attachmentId')} = ${p(manager, 1)}`,
      [attachmentId],
    );
  }

  /**
   * The stored bytes in order, one chunk per query, each checked against what was recorded when it
   * is the last: throws ContentIntegrityError (before yielding the last chunk) when the size or the
   * sha256 differs. A consumer that streams these to a client thus never receives a complete copy
   * of corrupted content.
   */
  async *read(attachmentId: string, expected: { size: number; sha256: string }): AsyncGenerator<Buffer> {
    const manager = this.dataSource.manager;
    const sql = `SELECT ${q(manager, 'data')} AS data FROM ${q(manager, 'attachment_chunks')} WHERE ${q(manager, 'attachmentId')} = ${p(manager, 1)} AND ${q(manager, 'seq')} = ${p(manager, 2)}`;
    const hash = createHash('sha256');
    let size = 0;
    let held: Buffer | null = null;
    for (let seq = 0; ; seq++) {
      const rows: { data: Buffer | Uint8Array }[] = await manager.query(sql, [attachmentId, seq]);
      if (rows.length === 0) break;
      const chunk = Buffer.isBuffer(rows[0].data) ? rows[0].data : Buffer.from(rows[0].data);
      size += chunk.length;
      hash.update(chunk);
      if (held) yield held;
      held = chunk;
      if (size > expected.size) break;
    }
    const actual = { size, sha256: hash.digest('hex') };
    if (actual.size !== expected.size || actual.sha256 !== expected.sha256)
      throw new ContentIntegrityError(attachmentId, expected, actual);
    if (held) yield held;
  }

  /** Reads the whole content once, without keeping it, and checks it; throws ContentIntegrityError. */
  async verify(attachmentId: string, expected: { size: number; sha256: string }): Promise<void> {
    for await (const chunk of this.read(attachmentId, expected)) void chunk;
  }
}

const q = (manager: EntityManager, identifier: string) => manager.connection.driver.escape(identifier);
const p = (manager: EntityManager, index: number) =>
  manager.connection.driver.options.type === 'postgres' ? `$${index}` : '?';
