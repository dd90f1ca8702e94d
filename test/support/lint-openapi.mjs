// Lints an OpenAPI document with Redocly's "recommended" rules; prints the problems as JSON.
// Run as a separate Node process because @redocly/openapi-core is ESM-only (Jest on Node 20 cannot load it).
import { readFile } from 'node:fs/promises';
import { createConfig, lintFromString } from '@redocly/openapi-core';

const [file] = process.argv.slice(2);
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source: await readFile(file, 'utf8'), absoluteRef: file, config });
console.log(
  JSON.stringify(
    problems.map((p) => ({ rule: p.ruleId, severity: p.severity, message: p.message, at: p.location?.[0]?.pointer })),
  ),
);
