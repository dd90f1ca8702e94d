/**
 * The application in a process of its own, for tests that kill it (SIGKILL: no shutdown hooks run).
 * Configured by the environment like the server.
 */
import { createApp } from '../../src/app.setup';

createApp({ logger: false }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
