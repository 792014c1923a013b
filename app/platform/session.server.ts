import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq, sql } from "drizzle-orm";
import { cachedRead } from "../../db/read-cache";
import { outer, preparedFor } from "../../db/sql";
import type { Db } from "../../db/client";
import { type Locale, type Role, sessions, users } from "../../db/schema";
import { getEnv } from "./env.server";

// Sessions as the Lucia guide teaches them: the cookie carries a random token, the database only
// its SHA-256, and a session used in the second half of its life is extended (sliding expiry).
export const SESSION_TTL_MS = 1000 * 60 * 60 * 24 * 30;
const RENEW_BEFORE_MS = SESSION_TTL_MS / 2;

export type SessionUser = {
  id: string;
  email: string;
  fullName: string;
  locale: Locale;
  /** Pages without scripts (app/platform/lite.ts). */
  liteMode: boolean;
  roles: Role[];
  orgUnitId: string | null;
};

export type Session = { id: string; userId: string; expiresAt: Date };

/** `unread`: the person's unread notifications (the header's bell), read in the same query as the session. */
export type SessionValidation = { session: Session; user: SessionUser; renewed: boolean; unread: number } | null;

export function generateSessionToken() {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Db, token: string, userId: string, userAgent?: string | null) {
  const session: Session = {
    id: sessionIdFromToken(token),
    userId,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
  };
  await db.insert(sessions).values({ ...session, userAgent: userAgent?.slice(0, 300) ?? null });
  return session;
}

const TOKEN_RE = /^[a-z2-7]{32}$/;

// Every request looks its session up: the query is built once per database and reused.
const sessionLookup = (db: Db) => preparedFor(db, "session_lookup", () => buildSessionLookup(db));

function buildSessionLookup(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      id: users.id,
      email: users.email,
      fullName: users.fullName,
      locale: users.locale,
      liteMode: users.liteMode,
      active: users.active,
      orgUnitId: users.orgUnitId,
      roles: sql<Role[]>`coalesce(array(select ur.role::text from user_roles ur where ur.user_id = ${outer(users.id)} order by 1), '{}')`,
      // Every signed-in page shows the bell: its count comes with the session instead of in a query of its own.
      unread: sql<number>`(select count(*)::int from notifications n where n.user_id = ${outer(users.id)} and n.read_at is null)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("session_lookup");
}

export async function validateSessionToken(db: Db, token: string): Promise<SessionValidation> {
  if (!TOKEN_RE.test(token)) return null;
  const sessionId = sessionIdFromToken(token);
  const [row] = await cachedRead(db, `session:${sessionId}`, () => sessionLookup(db).execute({ id: sessionId }), (rows) => rows[0]?.id);
  if (!row) return null;
  const now = Date.now();
  if (!row.active || row.expiresAt.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now < RENEW_BEFORE_MS) {
    expiresAt = new Date(now + SESSION_TTL_MS);
    renewed = true;
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
  }
  const { sessionId: id, active: _active, expiresAt: _e, unread, ...user } = row;
  return { session: { id, userId: user.id, expiresAt }, user, renewed, unread: Number(unread) };
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateAllSessions(db: Db, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function invalidateOtherSessions(db: Db, userId: string, keepSessionId: string) {
  await db.delete(sessions).where(sql`${sessions.userId} = ${userId} and ${sessions.id} <> ${keepSessionId}`);
}

export async function countSessions(db: Db, userId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(sql`${sessions.userId} = ${userId} and ${sessions.expiresAt} > now()`);
  return row?.n ?? 0;
}

// --- cookie -----------------------------------------------------------------------------------

export const SESSION_COOKIE = "skillshelf_session";

export function readSessionCookie(request: Request) {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return null;
    }
  }
  return null;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean) {
  return [
    `${SESSION_COOKIE}=${token}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Expires=${expiresAt.toUTCString()}`,
    secure ? "Secure" : null,
  ]
    .filter(Boolean)
    .join("; ");
}

export function deleteSessionCookie(secure: boolean) {
  return [`${SESSION_COOKIE}=`, "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=0", secure ? "Secure" : null]
    .filter(Boolean)
    .join("; ");
}

/** Cookies are marked Secure in production whenever the request came over HTTPS. */
export function isSecureRequest(request: Request) {
  return getEnv().NODE_ENV === "production" && new URL(request.url).protocol === "https:";
}
