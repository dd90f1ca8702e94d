import { Body, Get, Ip, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthService } from '../auth/auth.service';
import { SessionsService } from '../auth/sessions/sessions.service';
import { safeReturnTo } from '../auth/sign-in/return-to';
import { Public } from '../authorization/policy.decorators';
import { DomainError } from '../common/domain-error';
import { AuthErrorCode } from '../auth/auth.errors';
import { AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { formValues, text } from './forms/fields';
import { formErrorsOf } from './forms/form-errors';
import { isLanguage } from './i18n';
import { PageContexts } from './page-context';
import { PageRenderer } from './page-renderer';
import { PageController } from './page-controller.decorator';

/** A random value in a cookie and in the login form: another site cannot post the form (login CSRF). */
const LOGIN_COOKIE = 'pr_login';

/** Signing in and out, and the language of the pages. */
@PageController()
export class AuthPagesController {
  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  @Get('login')
  @Public()
  async loginForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('returnTo') returnTo?: string,
  ): Promise<void> {
    const session = await this.sessions.fromRequest(request);
    const target = safeReturnTo(returnTo, this.config.publicUrl);
    if (session) {
      void reply.redirect(target, 303);
      return;
    }
    this.showLogin(request, reply, target, '', null, 200);
  }

  @Post('login')
  @Public()
  async login(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Ip() ip: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const values = formValues(body);
    const target = safeReturnTo(text(values, 'returnTo'), this.config.publicUrl);
    const email = text(values, 'email');
    if (!sameToken(request.cookies?.[LOGIN_COOKIE], values._login)) {
      this.showLogin(request, reply, target, email, new DomainError(AuthErrorCode.CsrfTokenInvalid), 403);
      return;
    }
    try {
      await this.auth.signInWithPassword(email, typeof values.password === 'string' ? values.password : '', ip, reply);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.showLogin(request, reply, target, email, error, error.status);
      return;
    }
    reply.clearCookie(LOGIN_COOKIE, { path: '/login' });
    void reply.redirect(target, 303);
  }

  @Post('logout')
  @Public()
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.sessions.logout(request, reply);
    this.contexts.flash(reply, 'signedOut');
    void reply.redirect('/login', 303);
  }

  /**
   * Remembers the chosen language in a cookie and, for a signed-in user, as their own setting; with a
   * live session the form must carry its CSRF token.
   */
  @Post('language')
  @Public()
  async language(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const values = formValues(body);
    const session = await this.sessions.fromRequest(request);
    if (session && !this.sessions.verifyCsrfToken(session, values._csrf))
      throw new DomainError(AuthErrorCode.CsrfTokenInvalid);
    const language = text(values, 'language');
    if (isLanguage(language)) {
      this.contexts.rememberLanguage(reply, language);
      // A signed-in user's own setting wins over the cookie (and is the language of their mails).
      if (session) await this.users.updateOwnSettings(session.authUser, { language });
    }
    void reply.redirect(safeReturnTo(text(values, 'returnTo'), this.config.publicUrl), 303);
  }

  private showLogin(
    request: FastifyRequest,
    reply: FastifyReply,
    returnTo: string,
    email: string,
    error: DomainError | null,
    status: number,
  ): void {
    const ctx = this.contexts.of(request, reply);
    const token = randomBytes(24).toString('base64url');
    reply.setCookie(LOGIN_COOKIE, token, {
      path: '/login',
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.secureCookies,
      maxAge: 3600,
    });
    const errors = error ? formErrorsOf(ctx.t, error) : null;
    this.renderer.send(
      ctx,
      'login',
      ctx.t.login.title,
      {
        returnTo,
        email,
        token,
        errors,
        sso: this.config.oidc ? `/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}` : null,
      },
      status,
    );
  }
}

function sameToken(cookie: unknown, field: unknown): boolean {
  if (typeof cookie !== 'string' || typeof field !== 'string' || cookie.length === 0) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(field);
  return a.length === b.length && timingSafeEqual(a, b);
}
