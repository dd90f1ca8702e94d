#!/usr/bin/env node
// `npm start`: build if any source is newer than the build, then run the server
// (which migrates the database before it listens).
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'src', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['src', 'migrations', 'templates'].map((d) => join(root, d)).filter(existsSync);
const configs = ['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(join(root, f)).mtimeMs);
const newestSource = Math.max(...sources.map(newestMtime), ...configs);

if (!existsSync(entry) || statSync(entry).mtimeMs < newestSource) {
  console.log('Building (sources changed since the last build)...');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
}
process.chdir(root);
require(entry);
