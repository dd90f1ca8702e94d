import { ChildProcess, spawn } from 'node:child_process';
import { ShiftedClock } from '../../src/common/clock';
import { join } from 'node:path';

export interface ProviderUser {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  password: string;
}

export interface ProviderClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/** A change the provider makes to the next ID token it issues (then signs it again). */
export interface IdTokenChange {
  claims?: Record<string, unknown>;
  /** Sign with a stranger's key under the provider's key id. */
  foreignKey?: boolean;
}

const SCRIPT = join(__dirname, 'oidc-provider.mjs');

/**
 * A real OpenID Connect provider (oidc-provider) in a child process, on a free loopback port, with
 * test clients and users; and a browser's walk through its login and consent pages.
 */
export class TestOidcProvider {
  private constructor(
    readonly issuer: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(options: { clients: ProviderClient[]; users: ProviderUser[] }): Promise<TestOidcProvider> {
    const child = spawn(process.execPath, [SCRIPT], {
      env: {
        ...process.env,
        OIDC_TEST_PROVIDER: JSON.stringify({ ...options, port: 0, testControls: true }),
        // The provider keeps the application's time, also when a test run shifts it (TEST_CLOCK_START).
        ...(process.env.TEST_CLOCK_START
          ? { TEST_CLOCK_OFFSET_MS: String(new ShiftedClock(new Date(process.env.TEST_CLOCK_START)).offsetMs) }
          : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const issuer = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the test provider did not start: ${stderr}`)), 30_000);
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n')[0];
        if (stdout.includes('\n')) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { issuer: string }).issuer);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the test provider exited with ${code}: ${stderr}`));
      });
    });
    return new TestOidcProvider(issuer, child);
  }

  async changeNextIdToken(change: IdTokenChange): Promise<void> {
    const res = await fetch(`${this.issuer}/test/next-id-token`, { method: 'POST', body: JSON.stringify(change) });
    if (res.status !== 204) throw new Error(`changing the next ID token failed: ${res.status}`);
  }

  /**
   * Follows the application's redirect to the provider as a browser would (its own cookie jar),
   * signs in on the login page and allows on the consent page: answers the URL the provider
   * sends the browser back to (the application's callback).
   */
  async signIn(authorizationUrl: string, login: string, password: string): Promise<URL> {
    const browser = new Browser();
    let res = await browser.request(authorizationUrl);
    for (let step = 0; step < 12; step++) {
      const location = res.headers.get('location');
      if (location) {
        const next = new URL(location, res.url);
        if (next.origin !== new URL(this.issuer).origin) return next;
        res = await browser.request(next.href);
        continue;
      }
      const page = await res.text();
      if (res.status !== 200) throw new Error(`the provider answered ${res.status}: ${page}`);
      const action = /<form method="post" action="([^"]+\/(login|confirm))">/.exec(page);
      if (!action) throw new Error(`unexpected provider page: ${page}`);
      res = await browser.request(
        new URL(action[1], res.url).href,
        action[2] === 'login' ? new URLSearchParams({ login, password }) : new URLSearchParams(),
      );
      if (action[2] === 'login' && res.status === 200) throw new Error(`the provider refused ${login}`);
    }
    throw new Error('the provider never sent the browser back');
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** fetch without following redirects, keeping cookies by name (enough for one provider). */
class Browser {
  private readonly cookies = new Map<string, string>();

  async request(url: string, form?: URLSearchParams): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      headers,
      body: form?.toString(),
      redirect: 'manual',
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    return res;
  }
}

/** The value of cookie `name` in a response's Set-Cookie headers, with its attributes. */
export function setCookie(
  res: { headers: Record<string, unknown> },
  name: string,
): { value: string; attributes: string[] } | undefined {
  const headers = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  for (const header of headers) {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    if (pair.slice(0, at) === name) return { value: pair.slice(at + 1), attributes };
  }
  return undefined;
}
