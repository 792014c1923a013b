import { AsyncLocalStorage } from "node:async_hooks";
import { getEnv } from "./env.server";

// The origin of the request being handled, for code that runs deep inside it (a certificate issued when a
// lesson is completed) and must print links that leave the app.
const storage = new AsyncLocalStorage<string>();

export function runWithRequestOrigin<T>(origin: string, fn: () => T): T {
  return storage.run(origin, fn);
}

/**
 * The public origin for links that leave the app (certificates, credentials, emails): APP_URL when set,
 * else the origin of the current request, else http://localhost:<PORT> (scripts, seeding, tests).
 */
export function publicOrigin(request?: Request): string {
  const env = getEnv();
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  if (request) return new URL(request.url).origin;
  return storage.getStore() ?? `http://localhost:${env.PORT}`;
}
