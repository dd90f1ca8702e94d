import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../authorization/access.guard';
import { AppAbility } from '../authorization/ability';
import { AbilityFactory } from '../authorization/ability.factory';
import { AuthUser } from '../authorization/auth-user';
import type { ActiveSession } from '../auth/sessions/sessions.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { PageFormat } from './format';
import { Catalogue, CATALOGUES, isLanguage, Language, languageFromHeader } from './i18n';

/** The cookie that remembers the language chosen on the pages in this browser. */
export const LANGUAGE_COOKIE = 'pr_lang';
/** The key of a one-time message shown on the next page (after POST-redirect-GET). */
export const FLASH_COOKIE = 'pr_flash';

export type FlashKey = keyof Catalogue['flash'];

/** Everything a page needs about the request: who, in which language, the CSRF token, the clock. */
export interface PageContext {
  request: FastifyRequest;
  reply: FastifyReply;
  user: AuthUser | null;
  ability: AppAbility | null;
  language: Language;
  t: Catalogue;
  format: PageFormat;
  now: Date;
  /** The session's CSRF token for every form (empty without a session). */
  csrf: string;
  /** The one-time message of the previous action, already in the page's language. */
  flash: string | null;
}

export interface SignedInContext extends PageContext {
  user: AuthUser;
  ability: AppAbility;
}

@Injectable()
export class PageContexts {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** For routes with @Allow: the user and session the access guard resolved. */
  signedIn(request: FastifyRequest, reply: FastifyReply): SignedInContext {
    const { user, authSession } = request as AuthenticatedRequest;
    if (!user) throw new Error('A signed-in page without a user: the route needs @Allow');
    return this.build(request, reply, user, authSession ?? null) as SignedInContext;
  }

  /** For public pages (and error pages): whoever the request names, if anyone. */
  of(request: FastifyRequest, reply: FastifyReply, session: ActiveSession | null = null): PageContext {
    const authenticated = request as AuthenticatedRequest;
    const user = authenticated.user ?? session?.authUser ?? null;
    return this.build(request, reply, user, authenticated.authSession ?? session);
  }

  /** Leaves a message for the next page the browser opens. */
  flash(reply: FastifyReply, key: FlashKey): void {
    reply.setCookie(FLASH_COOKIE, key, this.cookieOptions(60));
  }

  rememberLanguage(reply: FastifyReply, language: Language): void {
    reply.setCookie(LANGUAGE_COOKIE, language, this.cookieOptions(365 * 24 * 3600));
  }

  /**
   * The language chosen on the pages in this browser; else the user's own setting (which the switch
   * also saves, so a new browser starts in it); else the browser's preference.
   */
  languageOf(request: FastifyRequest, user: AuthUser | null): Language {
    const chosen = request.cookies?.[LANGUAGE_COOKIE];
    return (
      (isLanguage(chosen) ? chosen : null) ??
      user?.language ??
      languageFromHeader(request.headers['accept-language']) ??
      'en'
    );
  }

  private build(
    request: FastifyRequest,
    reply: FastifyReply,
    user: AuthUser | null,
    session: ActiveSession | null,
  ): PageContext {
    const language = this.languageOf(request, user);
    const t = CATALOGUES[language];
    const flashKey = request.cookies?.[FLASH_COOKIE];
    let flash: string | null = null;
    if (flashKey) {
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
      if (Object.prototype.hasOwnProperty.call(t.flash, flashKey)) flash = t.flash[flashKey as FlashKey];
    }
    return {
      request,
      reply,
      user,
      ability: user ? this.abilities.createFor(user) : null,
      language,
      t,
      format: new PageFormat(language, this.config.appTimeZone),
      now: this.clock.now(),
      csrf: session?.csrfToken ?? '',
      flash,
    };
  }

  private cookieOptions(maxAge: number) {
    return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: this.config.secureCookies, maxAge };
  }
}
