import { data, type MiddlewareFunction } from "react-router";
import { negotiateLocale } from "~/i18n";
import { getDbHandle } from "./db.server";
import { getEnv } from "./env.server";
import { requireTrustedOrigin, runWithRequestOrigin } from "./request-origin.server";
import { checkRequest, refusalResponse } from "./request-body.server";
import { dbContext, liteContext, localeContext, nonceContext, sessionIdContext, unreadAtSessionContext, userContext } from "./context";
import { isLite } from "./lite";
import {
  deleteSessionCookie,
  isSecureRequest,
  readSessionCookie,
  sessionCookie,
  validateSessionToken,
} from "./session.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests that a browser says come from another site. Forms posted from
 * our own pages always carry a same-origin Origin (or Sec-Fetch-Site: same-origin).
 */
export function isCrossOrigin(request: Request, trustProxy = getEnv().TRUST_PROXY) {
  if (SAFE_METHODS.has(request.method)) return false;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") {
    // A forwarded host is the client's word unless a proxy we trust set it: without TRUST_PROXY it would let a
    // cross-site post that also sends X-Forwarded-Host: evil.example pass as same-origin.
    const forwarded = trustProxy ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : null;
    const host = forwarded || request.headers.get("host");
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return origin === "null";
}

// Only the nonce changes from one page to the next: the rest of the policy is written once per mode.
const cspParts = (dev: boolean) => {
  const [before, after] = [
    "default-src 'self'",
    `script-src 'self' 'nonce-\u0000'${dev ? " 'unsafe-inline'" : ""}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]
    .join("; ")
    .split("\u0000");
  return { before: before!, after: after! };
};
const CSP = { prod: cspParts(false), dev: cspParts(true) };

export function contentSecurityPolicy(nonce: string, dev: boolean) {
  const parts = dev ? CSP.dev : CSP.prod;
  return parts.before + nonce + parts.after;
}

export const rootMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const env = getEnv();
  // Links in emails and certificates come from this origin, so a Host that is not ours is refused first.
  const origin = requireTrustedOrigin(request);
  const secure = isSecureRequest(request);
  if (!context.get(dbContext)) context.set(dbContext, (await getDbHandle()).db);
  const db = context.get(dbContext)!;

  if (isCrossOrigin(request)) throw data({ reason: "cross-origin" }, { status: 403 });
  // Before any database work: a hostile URL or body is refused in the reader's language (from cookie or browser).
  const refusal = await checkRequest(request, env.FORM_MAX_BYTES);
  if (refusal) {
    const locale = negotiateLocale({ cookieHeader: request.headers.get("cookie"), acceptLanguage: request.headers.get("accept-language") });
    return refusalResponse(refusal, locale);
  }

  const token = readSessionCookie(request);
  const validation = token ? await validateSessionToken(db, token) : null;
  context.set(userContext, validation?.user ?? null);
  context.set(sessionIdContext, validation?.session.id ?? null);
  // React Router hands loaders a GET copy of a posted request: only here is it known whether an action runs first.
  context.set(unreadAtSessionContext, validation && (request.method === "GET" || request.method === "HEAD") ? validation.unread : null);
  context.set(
    localeContext,
    negotiateLocale({
      userLocale: validation?.user.locale,
      cookieHeader: request.headers.get("cookie"),
      acceptLanguage: request.headers.get("accept-language"),
    }),
  );
  context.set(liteContext, isLite(request.headers, validation?.user ?? null));
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  context.set(nonceContext, nonce);

  const response = await runWithRequestOrigin(origin, next);

  if (token && !validation && !response.headers.has("set-cookie")) {
    response.headers.append("set-cookie", deleteSessionCookie(secure));
  } else if (token && validation?.renewed && !response.headers.has("set-cookie")) {
    response.headers.append("set-cookie", sessionCookie(token, validation.session.expiresAt, secure));
  }
  const headers = response.headers;
  if (headers.get("content-type")?.startsWith("text/html")) {
    headers.set("content-security-policy", contentSecurityPolicy(nonce, env.NODE_ENV === "development"));
  }
  // The same URL is a page with scripts or a lite one (in one language or the other, for one person or nobody): a
  // cache must key pages and their data on what decides that. Public files (keys, status lists) keep their own Vary.
  const type = headers.get("content-type") ?? "";
  if (type.startsWith("text/html") || type.startsWith("text/x-script")) headers.append("vary", "Save-Data, Cookie");
  headers.set("x-content-type-options", "nosniff");
  headers.set("referrer-policy", "strict-origin-when-cross-origin");
  headers.set("x-frame-options", "DENY");
  headers.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  if (secure) headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  // A signed-in person's pages and downloads must not be kept by a shared cache or a library's public PC.
  if (validation && !headers.get("cache-control")?.startsWith("public")) headers.set("cache-control", "private, no-store");
  return response;
};
