import { AsyncLocalStorage } from "node:async_hooks";
import { hostname } from "node:os";
import { data } from "react-router";
import { type Env, getEnv } from "./env.server";

// The trusted origin of the request being handled, for code that runs deep inside it (a certificate issued
// when a lesson is completed) and must print links that leave the app.
const storage = new AsyncLocalStorage<string>();

export function runWithRequestOrigin<T>(origin: string, fn: () => T): T {
  return storage.run(origin, fn);
}

// Every request checks its Host: the set is built once per configuration, not per request.
const hostSets = new WeakMap<object, Set<string>>();

/** Hosts served when APP_URL is unset: ALLOWED_HOSTS, else the loopback names and this machine's own. */
export function allowedHosts(env: Pick<Env, "ALLOWED_HOSTS"> = getEnv()): Set<string> {
  let hosts = hostSets.get(env);
  if (!hosts) {
    const own = hostname().toLowerCase();
    hosts = env.ALLOWED_HOSTS
      ? new Set(env.ALLOWED_HOSTS.map(stripPort))
      : new Set(["localhost", "127.0.0.1", "[::1]", own, own.split(".")[0]!].filter(Boolean));
    hostSets.set(env, hosts);
  }
  return hosts;
}

// "[::1]:3000" → "[::1]", "example.vn:8080" → "example.vn": the allow-list names hosts, any port.
function stripPort(host: string) {
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!;
}

/**
 * The origin links may be built from, or null when the request's Host must not be trusted: APP_URL when set
 * (the Host then never matters), else the request's own origin if its host is on the allow-list.
 */
export function trustedOrigin(request: Request, env: Pick<Env, "APP_URL" | "ALLOWED_HOSTS"> = getEnv()): string | null {
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  const url = new URL(request.url);
  return allowedHosts(env).has(url.hostname.toLowerCase()) ? url.origin : null;
}

/** 400 for a Host that is not ours: the root middleware answers it before anything else is done. */
export function requireTrustedOrigin(request: Request): string {
  const origin = trustedOrigin(request);
  if (origin === null) throw data({ reason: "unknown-host" }, { status: 400 });
  return origin;
}

/**
 * The public origin for links that leave the app (certificates, credentials, emails): APP_URL when set, else
 * the trusted origin of the current request, else http://localhost:<PORT> (scripts, seeding, tests).
 */
export function publicOrigin(request?: Request): string {
  const env = getEnv();
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  if (request) return requireTrustedOrigin(request);
  return storage.getStore() ?? `http://localhost:${env.PORT}`;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * Production without APP_URL still works (only allowed hosts are served), but links then name whichever allowed
 * host a request used: said loudly at start rather than refused, so `npm start` on a laptop keeps working.
 */
export function missingAppUrlWarning(env: Pick<Env, "NODE_ENV" | "APP_URL" | "HOST"> = getEnv()): string | null {
  if (env.NODE_ENV !== "production" || env.APP_URL || LOOPBACK.has(env.HOST.toLowerCase())) return null;
  return "APP_URL is not set: links in emails and certificates will use the request's host (only ALLOWED_HOSTS are served); set APP_URL to the public https origin";
}
