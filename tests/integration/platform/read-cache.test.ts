import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "../../../db/client";
import { readCacheFor } from "../../../db/read-cache";
import { sessions, userRoles, users } from "../../../db/schema";
import { createSession, generateSessionToken, validateSessionToken } from "../../../app/platform/session.server";
import { markAllRead, notify, unreadCount } from "../../../app/notifications/notifications.server";
import { cacheSettled, createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  // On PostgreSQL the cache serves once its LISTEN is in place (decision 0011).
  await vi.waitFor(() => expect(readCacheFor(handle.db)?.isServing).toBe(true), { timeout: 10_000 });
});
afterAll(async () => handle?.close());

async function signedIn() {
  const email = await createUser(handle.db, { roles: ["learner"] });
  const [user] = await handle.db.select().from(users).where(eq(users.email, email));
  const token = generateSessionToken();
  await createSession(handle.db, token, user!.id);
  return { user: user!, token };
}

describe("cached session lookups", () => {
  it("is on for both databases, and keeps a session it has read", async () => {
    const { token } = await signedIn();
    await cacheSettled(handle);
    await validateSessionToken(handle.db, token);
    const cache = readCacheFor(handle.db)!;
    expect(cache.size).toBeGreaterThan(0);
  });

  it("sees a revoked session, a deactivated person and a new role at once", async () => {
    const { user, token } = await signedIn();
    expect((await validateSessionToken(handle.db, token))?.user.roles).toEqual(["learner"]);
    expect((await validateSessionToken(handle.db, token))?.user.roles).toEqual(["learner"]); // served again

    await handle.db.insert(userRoles).values({ userId: user.id, role: "hr" });
    expect((await validateSessionToken(handle.db, token))?.user.roles).toEqual(["hr", "learner"]);

    await handle.db.transaction(async (tx) => {
      await tx.update(users).set({ fullName: "Hoàng Việt" }).where(eq(users.id, user.id));
    });
    expect((await validateSessionToken(handle.db, token))?.user.fullName).toBe("Hoàng Việt");

    await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await validateSessionToken(handle.db, token)).toBeNull();
  });

  it("forgets a session deleted by sign-out everywhere", async () => {
    const { user, token } = await signedIn();
    expect(await validateSessionToken(handle.db, token)).not.toBeNull();
    await handle.db.delete(sessions).where(eq(sessions.userId, user.id));
    expect(await validateSessionToken(handle.db, token)).toBeNull();
  });

  it("reads the bell's unread count with the session, and sees it change at once", async () => {
    const { user, token } = await signedIn();
    expect((await validateSessionToken(handle.db, token))?.unread).toBe(0);
    const event = (n: number) => ({ userId: user.id, kind: "course_changed" as const, params: { subject: "course" as const, titleVi: "Khóa học" }, link: "/learning", dedupeKey: `unread-test:${user.id}:${n}` });
    await notify(handle.db, [event(1), event(2)]);
    expect((await validateSessionToken(handle.db, token))?.unread).toBe(2);
    expect(await unreadCount(handle.db, user.id)).toBe(2);
    await markAllRead(handle.db, user.id);
    expect((await validateSessionToken(handle.db, token))?.unread).toBe(0);
  });
});
