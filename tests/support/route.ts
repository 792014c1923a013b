import { RouterContextProvider } from "react-router";
import type { Db } from "../../db/client";
import { dbContext } from "../../app/platform/context";
import { rootMiddleware } from "../../app/platform/middleware.server";

type RouteFn = (args: never) => unknown;
export type RouteResult = { status: number; headers: Headers; data: unknown; location: string | null };

const ORIGIN = "http://localhost:3000";

export function request(
  path: string,
  options: { method?: string; form?: Record<string, string | string[]>; cookie?: string; headers?: Record<string, string> } = {},
) {
  const headers = new Headers({ origin: ORIGIN, host: "localhost:3000", ...options.headers });
  if (options.cookie) headers.set("cookie", options.cookie);
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
  }
  return new Request(ORIGIN + path, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

function toResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  if (value instanceof Error) return Response.json({ error: value.message }, { status: 500 });
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init?: ResponseInit };
    return Response.json(data, init ?? undefined);
  }
  return Response.json(value ?? null);
}

/**
 * Runs a route's loader or action the way the app does: through the root middleware (session
 * cookie, locale, origin check) with the test's own database in the router context.
 */
export async function callRoute(fn: RouteFn, req: Request, db: Db, params: Record<string, string> = {}): Promise<RouteResult> {
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  const url = new URL(req.url);
  const args = { request: req, context, params, url, pattern: url.pathname } as never;
  let response: Response;
  try {
    response = (await rootMiddleware(args, async () => {
      try {
        return toResponse(await fn({ request: req, context, params, url } as never));
      } catch (thrown) {
        return toResponse(thrown);
      }
    })) as Response;
  } catch (thrown) {
    response = toResponse(thrown);
  }
  const text = await response.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, headers: response.headers, data, location: response.headers.get("location") };
}

/** The "name=value" part of a Set-Cookie header, ready to send back. */
export function cookieFrom(result: RouteResult) {
  const header = result.headers.get("set-cookie");
  return header ? header.split(";")[0]! : "";
}
