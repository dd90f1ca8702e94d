// A real OpenID Connect provider (the oidc-provider package) for the e2e tests and for local
// development. Runs as its own process because the package is ESM-only (Jest on Node 20 cannot
// load it).
//
//   npm run dev:oidc                       demo provider on http://localhost:4000 for `npm start`
//   OIDC_TEST_PROVIDER='{...}' node ...    what test/support/oidc-test-provider.ts starts
//
// It prints one JSON line {"issuer": "..."} on stdout once it listens. Users sign in at its own
// small login and consent pages (/interaction/:uid), which the tests drive over HTTP.
import { createServer } from 'node:http';
import { URL, URLSearchParams } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import Provider from 'oidc-provider';

// Tests that shift the application's clock (TEST_CLOCK_START) shift this process's time alike, so
// that the tokens it signs are as fresh for the application as they are here.
if (process.env.TEST_CLOCK_OFFSET_MS) {
  const offset = Number(process.env.TEST_CLOCK_OFFSET_MS);
  const RealDate = Date;
  globalThis.Date = class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }

    static now() {
      return RealDate.now() + offset;
    }
  };
}

const DEMO_DOMAIN = 'demo.partnership-review.example';
const DEMO_PASSWORD = 'demo';
const DEMO = {
  port: 4000,
  host: 'localhost',
  clients: [
    {
      client_id: 'partnership-review',
      client_secret: 'partnership-review-dev-secret',
      redirect_uris: ['http://localhost:3000/api/auth/oidc/callback'],
    },
  ],
  // The e-mail addresses of `npm run seed:demo`, so that the demo accounts are linked at first sign-in.
  users: [
    ...['researcher', 'researcher2', 'io', 'leadership', 'council', 'admin', 'ks-chair', 'ks-member'].map((key) => ({
      sub: `demo-${key}`,
      email: `${key}@${DEMO_DOMAIN}`,
      email_verified: true,
      name: `Demo ${key}`,
      password: DEMO_PASSWORD,
    })),
    {
      sub: 'demo-newcomer',
      email: `newcomer@${DEMO_DOMAIN}`,
      email_verified: true,
      name: 'New Comer',
      password: DEMO_PASSWORD,
    },
  ],
  testControls: false,
};

const options = process.env.OIDC_TEST_PROVIDER ? JSON.parse(process.env.OIDC_TEST_PROVIDER) : DEMO;
const portArgument = process.argv.indexOf('--port');
if (portArgument > 0) options.port = Number(process.argv[portArgument + 1]);
const users = new Map(options.users.map((user) => [user.sub, user]));

const signingKey = await generateKeyPair('RS256', { extractable: true });
const privateJwk = { ...(await exportJWK(signingKey.privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

let provider;
/** Test controls: a change to apply to the next ID token the token endpoint issues. */
let nextIdTokenChange = null;

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('provider error');
  });
});
await new Promise((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
const issuer = `http://${options.host ?? '127.0.0.1'}:${server.address().port}`;

provider = new Provider(issuer, {
  clients: options.clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
  })),
  jwks: { keys: [privateJwk] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: ['test-provider-cookie-key'] },
  ttl: { IdToken: options.idTokenTtlSeconds ?? 3600 },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const user = users.get(sub);
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: user.email, email_verified: user.email_verified, name: user.name };
      },
    };
  },
  renderError(ctx, out) {
    ctx.type = 'text/plain';
    ctx.body = `${out.error}: ${out.error_description ?? ''}`;
  },
});

// Test controls: rewrite the next ID token (a valid signature by the provider's own key, or by a
// stranger's key under the same key id), to show that the client checks audience, expiry and signature.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || ctx.status !== 200 || !nextIdTokenChange || !ctx.body?.id_token) return;
  const change = nextIdTokenChange;
  nextIdTokenChange = null;
  const header = decodeProtectedHeader(ctx.body.id_token);
  const claims = { ...decodeJwt(ctx.body.id_token), ...change.claims };
  const key = change.foreignKey ? (await generateKeyPair('RS256')).privateKey : signingKey.privateKey;
  ctx.body = { ...ctx.body, id_token: await new SignJWT(claims).setProtectedHeader(header).sign(key) };
});

// Koa composes the middleware when the callback is made: after every provider.use().
const providerCallback = provider.callback();

async function handle(req, res) {
  const url = new URL(req.url, issuer);
  const interaction = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(url.pathname);
  if (options.testControls && req.method === 'POST' && url.pathname === '/test/next-id-token') {
    nextIdTokenChange = JSON.parse(await readBody(req));
    res.writeHead(204).end();
  } else if (interaction && req.method === 'GET' && !interaction[2]) {
    await showInteraction(req, res);
  } else if (interaction && req.method === 'POST' && interaction[2] === 'login') {
    await login(req, res, new URLSearchParams(await readBody(req)));
  } else if (interaction && req.method === 'POST' && interaction[2] === 'confirm') {
    await confirm(req, res);
  } else if (interaction && req.method === 'POST' && interaction[2] === 'abort') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user said no' });
  } else {
    providerCallback(req, res);
  }
}

async function showInteraction(req, res, error = '') {
  const { uid, prompt, params } = await provider.interactionDetails(req, res);
  const page =
    prompt.name === 'login'
      ? `<h1>Sign in</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label>E-mail <input name="login" autofocus></label> <label>Password <input name="password" type="password"></label>
<button>Sign in</button></form>
<p>Demo users: ${[...users.values()].map((u) => escape(u.email)).join(', ')}</p>`
      : `<h1>Allow ${escape(String(params.client_id))}?</h1>
<form method="post" action="/interaction/${uid}/confirm"><button>Allow</button></form>
<form method="post" action="/interaction/${uid}/abort"><button>Cancel</button></form>`;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><title>Test identity provider</title><body>${page}</body></html>`);
}

async function login(req, res, form) {
  const login = (form.get('login') ?? '').trim().toLowerCase();
  const user = [...users.values()].find((u) => u.email.toLowerCase() === login || u.sub === login);
  if (!user || user.password !== form.get('password'))
    return showInteraction(req, res, 'Unknown user or wrong password');
  await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
}

async function confirm(req, res) {
  const { prompt, params, session, grantId } = await provider.interactionDetails(req, res);
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: true },
  );
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function escape(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
console.log(JSON.stringify({ issuer }));
if (!process.env.OIDC_TEST_PROVIDER) {
  console.error(
    `Demo identity provider at ${issuer}; users ${options.users.map((u) => u.email).join(', ')}; password "${DEMO_PASSWORD}"`,
  );
}
