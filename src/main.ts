// Timestamps are stored and compared in UTC on both databases.
process.env.TZ = 'UTC';

// Before anything else is loaded (docs/performance.md, "Garbage collection"): V8 otherwise starts
// allocating a request's objects straight into the old generation after a slow start (new
// connections whose first requests wait on the database), where they die and hold the young
// objects they point to until a full collection: twice the memory and a third less throughput.
import { setFlagsFromString } from 'node:v8';
setFlagsFromString('--no-allocation-site-pretenuring');

import { ConsoleLogger, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { createApp } from './app.setup';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const logger = new ConsoleLogger({ json: true });
  // Settings from a .env file in the working directory; the environment wins.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal(error.message, 'Config');
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp({ config, logger });
  await app.listen(config.port, '0.0.0.0');
  Logger.log(`Listening on port ${config.port}; API docs at /api/docs`, 'Main');
}

void main();
