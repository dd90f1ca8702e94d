import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../bench/support/server-node-flags';

/**
 * `npm start` runs Node with the server's flags (docs/operations.md), and the benchmarks that start
 * the server themselves pass the very same, so that they measure it as it runs.
 */
describe('npm start', () => {
  it('runs Node with the flags the benchmarks start the server with', () => {
    const { scripts } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} scripts/start.js`);
  });
});
