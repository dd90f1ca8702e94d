/**
 * Where to send the browser after sign-in: a path on this service only. Anything else (another
 * site, a protocol-relative `//host`, backslashes or control characters that browsers read as
 * `//`) falls back to `/`, so the sign-in cannot be used to forward people to another site.
 */
export function safeReturnTo(value: unknown, publicUrl: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  const origin = new URL(publicUrl).origin;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : '/';
}
