/**
 * The Node flags the server runs with, as `npm start` gives them (package.json's `start` script;
 * `docs/operations.md` says why): benchmarks that start `dist/src/main.js` themselves pass the same.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=1024'];
