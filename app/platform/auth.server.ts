import { sql } from "drizzle-orm";
import { data, redirect, type RouterContextProvider } from "react-router";
import type { Db } from "../../db/client";
import { type Role, users } from "../../db/schema";
import { dbContext, userContext } from "./context";
import { dummyHash, verifyPassword } from "./password.server";
import { loginLimiters, recordFailure, secondsBlocked } from "./rate-limit.server";
import { createSession, generateSessionToken, type SessionUser } from "./session.server";
import { hasRole } from "./permissions";

type Args = { request: Request; context: Readonly<RouterContextProvider>; url?: URL };

export function getDb(context: Readonly<RouterContextProvider>): Db {
  const db = context.get(dbContext);
  if (!db) throw new Error("The database is not in the router context: is the root middleware running?");
  return db;
}

export function getUser(context: Readonly<RouterContextProvider>): SessionUser | null {
  return context.get(userContext);
}

/** Sends a visitor to sign-in, remembering where they were going. */
export function requireUser({ request, context, url: routeUrl }: Args): SessionUser {
  const user = getUser(context);
  if (user) return user;
  // With v8_passThroughRequests, `url` is the page's URL without the ".data" suffix of fetches.
  const url = routeUrl ?? new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Requires one of the given roles (admins pass every check); answers 403 naming what was needed. */
export function requireRole(args: Args, ...roles: Role[]): SessionUser {
  const user = requireUser(args);
  if (roles.some((role) => hasRole(user, role))) return user;
  throw data({ reason: "forbidden", roles }, { status: 403 });
}

/**
 * For pages about one course a trainer owns: anyone else, learners included, gets the same 404 as
 * for a course that does not exist, so the page reveals nothing about courses they do not own.
 */
export function requireTrainerOr404(args: Args): SessionUser {
  const user = requireUser(args);
  if (!hasRole(user, "trainer")) throw data({ reason: "not-found" }, { status: 404 });
  return user;
}

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; userId: string; liteMode: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function login(
  db: Db,
  input: { email: string; password: string; ip: string; userAgent?: string | null },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const limiters = loginLimiters(db);
  const ipAccount = `${input.ip}|${email}`;
  const blocked = Math.max(
    await secondsBlocked(limiters.perAccount, email),
    await secondsBlocked(limiters.perIpAccount, ipAccount),
    await secondsBlocked(limiters.perIp, input.ip),
  );
  if (blocked > 0) return { ok: false, reason: "throttled", retryAfterSeconds: blocked };

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, liteMode: users.liteMode })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
  if (!user || !user.active || !user.passwordHash || !valid) {
    const wait = Math.max(
      await recordFailure(limiters.perAccount, email),
      await recordFailure(limiters.perIpAccount, ipAccount),
      await recordFailure(limiters.perIp, input.ip),
    );
    return wait > 0 ? { ok: false, reason: "throttled", retryAfterSeconds: wait } : { ok: false, reason: "invalid" };
  }
  await limiters.perAccount.delete(email);
  const token = generateSessionToken();
  const session = await createSession(db, token, user.id, input.userAgent);
  return { ok: true, token, expiresAt: session.expiresAt, userId: user.id, liteMode: user.liteMode };
}

export function clientIp(request: Request) {
  return request.headers.get("x-skillshelf-client-ip") ?? "unknown";
}
