import type { Response } from 'supertest';
import { PASSWORD, TestApp } from './test-app';

/** The cookies a response sets, as name → value. */
export function cookiesOf(res: Response): Record<string, string> {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  return Object.fromEntries(
    (header ?? []).map((line) => {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      return [pair.slice(0, index), pair.slice(index + 1)];
    }),
  );
}

/** The value of the first hidden `_csrf` field of a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!match) throw new Error('The page has no form with a CSRF token');
  return match[1];
}

/** A browser's view of the pages through supertest: its cookies, signed in through the login form. */
export class PageSession {
  private cookies: Record<string, string> = {};

  constructor(private readonly t: TestApp) {}

  static async signIn(t: TestApp, email: string, password = PASSWORD, language?: 'en' | 'nl'): Promise<PageSession> {
    const session = new PageSession(t);
    if (language) session.cookies.pr_lang = language;
    const form = await session.get('/login');
    const token = /name="_login" value="([^"]*)"/.exec(form.text)?.[1] ?? '';
    const res = await session.post('/login', { email, password, _login: token, returnTo: '/' }, false);
    if (res.status !== 303 || !session.cookies.pr_session)
      throw new Error(`sign-in of ${email} failed: ${res.status} ${res.text.slice(0, 300)}`);
    return session;
  }

  get cookieHeader(): string {
    return Object.entries(this.cookies)
      .filter(([, value]) => value !== '')
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }

  setCookie(name: string, value: string): void {
    this.cookies[name] = value;
  }

  async get(path: string): Promise<Response> {
    return this.remember(await this.t.http().get(path).set('Cookie', this.cookieHeader));
  }

  /** Posts a form; with `csrf` the token of the session (read from `from`, or from GET `path`) goes with it. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    csrf: boolean | string = true,
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    if (csrf !== false) body.set('_csrf', typeof csrf === 'string' ? csrf : csrfOf((await this.get('/')).text));
    return this.remember(
      await this.t
        .http()
        .post(path)
        .set('Cookie', this.cookieHeader)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(body.toString()),
    );
  }

  /** Follows a 303 to its page. */
  async follow(res: Response): Promise<Response> {
    if (res.status !== 303 && res.status !== 302)
      throw new Error(`expected a redirect, got ${res.status}: ${res.text.slice(0, 500)}`);
    return this.get(res.headers.location);
  }

  private remember(res: Response): Response {
    for (const [name, value] of Object.entries(cookiesOf(res))) this.cookies[name] = value;
    return res;
  }
}
