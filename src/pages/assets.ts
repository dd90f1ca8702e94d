import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The URL prefix of the pages' static files (CSS). */
export const ASSETS_PREFIX = '/assets/';

/** The top-level `public/` folder, found from here both in `src/` (tests) and in `dist/src/` (built). */
export function findPublicDir(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'public')) && existsSync(join(dir, 'package.json'))) return join(dir, 'public');
    if (dirname(dir) === dir) throw new Error(`No public/ folder above ${from}`);
  }
}

/**
 * A static file's URL with a version from its content, so browsers may keep it for a year and
 * still get a changed file at once.
 */
export function versionedAsset(name: string, dir: string = findPublicDir()): string {
  const hash = createHash('sha256')
    .update(readFileSync(join(dir, name)))
    .digest('hex')
    .slice(0, 12);
  return `${ASSETS_PREFIX}${name}?v=${hash}`;
}
