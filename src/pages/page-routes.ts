import { RequestMethod } from '@nestjs/common';
import { ASSETS_PREFIX } from './assets';
import { isApiPath } from './security-policy';

/**
 * Where the pages' routes are registered: outside the API's `/api` prefix, under a folder of
 * their own so that no page route can take the prefix off an API route of the same path (the
 * page `/reports` and the API's `/api/reports` are both `reports` to the router otherwise).
 * People never see it: `rewritePageUrl` maps `/reports` to it before routing.
 */
export const PAGES_MOUNT = 'pages';

/** A page controller's path, under the pages' folder. */
export function pagePath(path = ''): string {
  return path ? `${PAGES_MOUNT}/${path}` : PAGES_MOUNT;
}

/** The routes to leave out of the API's global prefix: everything under the pages' folder. */
export function pageRouteExclusions() {
  return [
    { path: PAGES_MOUNT, method: RequestMethod.ALL },
    { path: `${PAGES_MOUNT}/{*rest}`, method: RequestMethod.ALL },
  ];
}

/**
 * Fastify's `rewriteUrl`: every URL that is not the API's or a static file is a page. A URL that
 * names the pages' folder itself ends up inside it twice, so it finds nothing (404).
 */
export function rewritePageUrl(url: string): string {
  if (isApiPath(url) || url.startsWith(ASSETS_PREFIX)) return url;
  const path = url.startsWith('/') ? url : `/${url}`;
  // The home page is the folder itself: "/" and "/?x" become "/pages" and "/pages?x".
  return `/${PAGES_MOUNT}${path === '/' || path.startsWith('/?') ? path.slice(1) : path}`;
}
