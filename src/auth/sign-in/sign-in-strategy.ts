import type { SignInMethod } from '../sessions/session.entity';

/**
 * A person as an identity provider vouches for them, after the strategy has checked the provider's
 * answer (signature, audience, expiry, ...). `provider` and `subject` together name the person for
 * good; the e-mail is only used to find their account the first time.
 */
export interface VerifiedIdentity {
  /** The provider: an OpenID Connect issuer URL, a SAML entity id. */
  provider: string;
  /** The provider's stable id for the person (`sub`, a SAML NameID). */
  subject: string;
  email: string | null;
  /** Whether the provider vouches that the e-mail address belongs to the person. */
  emailVerified: boolean;
  name: string | null;
  /** The person's preferred language as the provider states it (`locale`, BCP 47: `nl-BE`), if it does. */
  locale?: string | null;
}

/**
 * One way of signing in at an identity provider. It only talks to the provider: the browser round
 * trip (the sealed cookie that remembers the sign-in), linking the identity to a user, the login
 * limits and the session are shared (SignInService), so a new kind of provider is one more class.
 */
export interface SignInStrategy<Pending extends object = object> {
  /** Recorded with the session. */
  readonly method: SignInMethod;
  /** False when it is not configured: its routes answer 404. */
  readonly enabled: boolean;
  /** Where to send the browser, and what to remember until it comes back (kept sealed in a cookie). */
  start(): Promise<{ redirectTo: URL; pending: Pending }>;
  /**
   * Checks the provider's answer (the callback's query or a posted form) against what was
   * remembered; answers the verified identity or throws a DomainError.
   */
  finish(response: URLSearchParams, pending: Pending): Promise<VerifiedIdentity>;
}
