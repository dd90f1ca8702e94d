import { Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { AppConfig } from '../../config/app-config';
import { AuthErrorCode } from '../auth.errors';
import { SignInStrategy, VerifiedIdentity } from '../sign-in/sign-in-strategy';

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export interface OidcPending {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The parameters of an authorization response; anything else in the callback's query is dropped. */
const RESPONSE_PARAMETERS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];

/**
 * OpenID Connect sign-in: the authorization code flow with PKCE (S256), `state` and `nonce`,
 * through openid-client. The ID token's issuer, audience, expiry, nonce and signature are checked;
 * openid-client checks the signature of a token from the token endpoint only when asked to
 * (enableNonRepudiationChecks), which we always do. Token times are judged by the injected clock.
 */
@Injectable()
export class OidcStrategy implements SignInStrategy<OidcPending> {
  readonly method = 'oidc' as const;
  private readonly logger = new Logger(OidcStrategy.name);
  private readonly settings: NonNullable<AppConfig['oidc']> | null;
  private serverMetadata?: Promise<client.ServerMetadata>;
  private jwksCache?: client.ExportedJWKSCache;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.settings = config.oidc;
  }

  get enabled(): boolean {
    return this.settings !== null;
  }

  get redirectUri(): string {
    return `${this.config.publicUrl}${OIDC_CALLBACK_PATH}`;
  }

  async start(): Promise<{ redirectTo: URL; pending: OidcPending }> {
    const configuration = await this.configuration();
    const pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const redirectTo = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.settings!.scopes,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { redirectTo, pending };
  }

  async finish(response: URLSearchParams, pending: OidcPending): Promise<VerifiedIdentity> {
    // Checked before anything goes to the provider: an answer to a sign-in this browser did not start.
    if (response.get('state') !== pending.state) throw new DomainError(AuthErrorCode.SsoStateMismatch);
    const configuration = await this.configuration();
    const callbackUrl = new URL(this.redirectUri);
    for (const name of RESPONSE_PARAMETERS) {
      const value = response.get(name);
      if (value !== null) callbackUrl.searchParams.set(name, value);
    }
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims: Record<string, unknown> = { ...tokens.claims() };
      // Providers that follow OpenID Connect to the letter put e-mail and name in the userinfo
      // response, not in the ID token, when an access token is issued.
      const missing = ['email', 'email_verified', 'name'].some((name) => claims[name] === undefined);
      if (missing && configuration.serverMetadata().userinfo_endpoint) {
        const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
        for (const [name, value] of Object.entries(userInfo)) claims[name] ??= value;
      }
      return {
        provider: String(claims.iss),
        subject: String(claims.sub),
        email: typeof claims.email === 'string' ? claims.email : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name : null,
        locale: typeof claims.locale === 'string' ? claims.locale : null,
      };
    } catch (error) {
      throw this.refusal(error, 'sign-in');
    } finally {
      this.jwksCache = client.getJwksCache(configuration) ?? this.jwksCache;
    }
  }

  /**
   * A configuration for one use: the discovered provider metadata, our client, and the difference
   * between the injected clock and the system clock (openid-client reads the latter).
   */
  private async configuration(): Promise<client.Configuration> {
    const settings = this.settings;
    if (!settings) throw new DomainError(AuthErrorCode.SsoDisabled);
    const skewSeconds = Math.round((this.clock.now().getTime() - Date.now()) / 1000);
    const configuration = new client.Configuration(
      await this.discover(settings),
      settings.clientId,
      { client_secret: settings.clientSecret, [client.clockSkew]: skewSeconds },
      client.ClientSecretBasic(settings.clientSecret),
    );
    if (this.insecureAllowed(settings.issuerUrl)) client.allowInsecureRequests(configuration);
    client.enableNonRepudiationChecks(configuration);
    if (this.jwksCache) client.setJwksCache(configuration, this.jwksCache);
    return configuration;
  }

  /** Discovery once per process; a failure is not remembered, so the next sign-in tries again. */
  private discover(settings: NonNullable<AppConfig['oidc']>): Promise<client.ServerMetadata> {
    this.serverMetadata ??= client
      .discovery(new URL(settings.issuerUrl), settings.clientId, undefined, undefined, {
        execute: this.insecureAllowed(settings.issuerUrl) ? [client.allowInsecureRequests] : [],
      })
      .then((configuration) => configuration.serverMetadata())
      .catch((error: unknown) => {
        this.serverMetadata = undefined;
        throw this.refusal(error, 'discovery');
      });
    return this.serverMetadata;
  }

  /** Plain http only for a provider on this machine (development and tests). */
  private insecureAllowed(issuerUrl: string): boolean {
    const { protocol, hostname } = new URL(issuerUrl);
    return protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  }

  /** The details go to the log; the person learns only that the sign-in failed, or that the provider is unreachable. */
  private refusal(error: unknown, step: string): DomainError {
    if (error instanceof DomainError) return error;
    const { message, code } = error as { message?: string; code?: string };
    this.logger.warn(`OpenID Connect ${step} failed: ${code ?? ''} ${message ?? String(error)}`.trim());
    return new DomainError(unreachable(error) ? AuthErrorCode.SsoUnavailable : AuthErrorCode.SsoFailed);
  }
}

/** A network failure or timeout talking to the provider, anywhere in the error's causes. */
function unreachable(error: unknown): boolean {
  for (let e = error as { name?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
  }
  return false;
}
