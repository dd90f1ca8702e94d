// Timestamps are stored and compared in UTC on both databases.
process.env.TZ = 'UTC';

import { ConsoleLogger, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { createApp } from './app.setup';
import { ConfigError, validateEnvironment } from './config/app-config';

async function main(): Promise<void> {
  const logger = new ConsoleLogger({ json: true });
  // Settings from a .env file in the working directory (the environment wins), as the config module reads them.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let port: number;
  try {
    port = validateEnvironment(process.env).PORT;
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal(error.message, 'Config');
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp({ logger });
  await app.listen(port, '0.0.0.0');
  Logger.log(`Listening on port ${port}; API docs at /api/docs`, 'Main');
}

void main();
