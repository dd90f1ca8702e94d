import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { finalize, map, Observable, of } from 'rxjs';
import type { AuthenticatedRequest } from '../authorization/access.guard';
import type { AuthUser } from '../authorization/auth-user';
import { AppConfig } from '../config/app-config';
import { ReadConnection } from '../database/read-connection';
import { StampedCache } from '../database/stamped-cache';

/**
 * What UnchangedAnswers keeps, one for the whole application (within one READ_CACHE_MB), whichever
 * module's routes use it: Nest makes an interceptor per module.
 */
@Injectable()
export class KeptAnswers {
  private readonly kept: StampedCache<Buffer>;
  /** The whole acting user as text, by object: the user behind a token is the same object while nothing is committed. */
  private readonly userKeys = new WeakMap<AuthUser, string>();
  /** Answers being read now, by key, with the stamp they are read at. */
  private readonly reading = new Map<string, { stamp: string; answer: Promise<Buffer | undefined> }>();

  constructor(config: AppConfig) {
    const size = config.readCacheMb * 1024 * 1024;
    this.kept = new StampedCache({ entries: size > 0 ? 10_000 : 0, size });
  }

  /** The key of an answer: the whole acting user (id, roles, committees) and the address. */
  key(user: AuthUser, url: string): string {
    let userKey = this.userKeys.get(user);
    if (userKey === undefined) {
      userKey = JSON.stringify(user);
      this.userKeys.set(user, userKey);
    }
    return `${userKey}\n${url}`;
  }

  get(key: string, stamp: string | null): Buffer | undefined {
    return this.kept.get(key, stamp);
  }

  /**
   * The answer another request is reading at this very stamp, once it has it: as good as a kept
   * one, since it too was read after the stamp was current. Undefined when there is none, or when
   * that read failed.
   */
  async beingRead(key: string, stamp: string | null): Promise<Buffer | undefined> {
    const reading = this.reading.get(key);
    return reading && reading.stamp === stamp ? reading.answer : undefined;
  }

  /**
   * Notes that a request reads `key` at `stamp`. Call the result with the answer to keep it and
   * give it to those waiting, or with undefined when the read failed; calls after the first change nothing.
   */
  startReading(key: string, stamp: string | null): (answer: Buffer | undefined) => void {
    if (stamp === null || !this.kept.keeps) return () => undefined;
    let resolve!: (answer: Buffer | undefined) => void;
    const reading = { stamp, answer: new Promise<Buffer | undefined>((r) => (resolve = r)) };
    this.reading.set(key, reading);
    let done = false;
    return (answer) => {
      if (done) return;
      done = true;
      if (this.reading.get(key) === reading) this.reading.delete(key);
      if (answer) this.kept.set(key, stamp, answer, answer.length + key.length);
      resolve(answer);
    };
  }
}

/**
 * Keeps the JSON of a GET route's answers, per user and address, while nothing is committed, and
 * serves them again as they were: for routes whose answer depends only on the user, the address
 * and the committed data read through the read connection (the case list, a case), not on the
 * clock or on anything else of the request.
 *
 * The request's change stamp is read before the route reads anything (ReadConnection.stampFor), so
 * an answer is kept with a stamp no newer than its data; any commit, by this instance or another,
 * changes the stamp, and the very next request reads afresh (StampedCache). Only successful answers
 * are kept, each under the whole acting user (id, roles, committees) and the address.
 *
 * Requests that ask for an answer while the same one (same key, same stamp) is being read wait for
 * it rather than read it again: after a start or a commit, a burst of requests for one page costs
 * one read instead of one each, and not the memory of all those reads at once.
 */
@Injectable()
export class UnchangedAnswers implements NestInterceptor {
  constructor(
    private readonly reads: ReadConnection,
    private readonly answers: KeptAnswers,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    if (request.method !== 'GET' || !request.user) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    const stamp = await this.reads.stampFor(request);
    const key = this.answers.key(request.user, request.url);
    const kept = this.answers.get(key, stamp) ?? (await this.answers.beingRead(key, stamp));
    if (kept !== undefined) {
      void reply.type('application/json; charset=utf-8');
      return of(kept);
    }
    const read = this.answers.startReading(key, stamp);
    return next.handle().pipe(
      map((answer: unknown) => {
        // Kept as bytes, sent as they are without encoding the text again for every request, in a
        // buffer of their own (a small Buffer.from is a slice of a shared 8 KiB pool, which it would keep).
        const text = JSON.stringify(answer);
        const json = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
        json.write(text);
        read(json);
        void reply.type('application/json; charset=utf-8');
        return json;
      }),
      // Failed or abandoned: those waiting read it themselves.
      finalize(() => read(undefined)),
    );
  }
}
