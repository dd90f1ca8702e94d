import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { HelmetOptions } from 'helmet';

/**
 * The response headers Helmet sets with these options, worked out once. Helmet's headers depend
 * only on its options, not on the request; the Fastify plugin for it builds Helmet's middleware
 * again for every request (parsing the Content-Security-Policy each time), which cost about as
 * much as serving a kept answer.
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  // Helmet reports a bad option by throwing; its callback then never sees an error.
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
