/**
 * The Content-Security-Policy of the pages: scripts, styles and everything else from this origin
 * only, nothing inline (no `unsafe-inline`), forms only to this origin, and no framing. The API's
 * own routes keep their policy (the OpenAPI UI needs inline code).
 */
export function pageSecurityPolicy(options: { styleSrc?: string[]; upgradeInsecureRequests?: boolean } = {}): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", ...(options.styleSrc ?? [])],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'self'"],
    ['object-src', "'none'"],
  ];
  if (options.upgradeInsecureRequests) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** Whether a request is the API's (which keeps the API's policy) rather than a page's. */
export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
