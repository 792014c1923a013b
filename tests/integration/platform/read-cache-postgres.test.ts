// The read cache on PostgreSQL (docs/decisions/0011-read-cache-on-postgresql.md): two app instances on one database,
// each with its own cache; what one writes, the other hears of through the change triggers' notifications.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type DbHandle, openDb } from "../../../db/client";
import { UNCACHED_TABLES, readCacheFor } from "../../../db/read-cache";
import { sessions, userRoles, users } from "../../../db/schema";
import { createSession, generateSessionToken, sessionIdFromToken, validateSessionToken } from "../../../app/platform/session.server";
import { notify } from "../../../app/notifications/notifications.server";
import { connect } from "../../../app/platform/db.server";
import { parseEnv } from "../../../app/platform/env.server";
import { cacheSettled, createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { withDatabase } from "../../support/pg-admin";

const onPostgres = !!process.env.DATABASE_URL;
let one: DbHandle; // the instance that writes
let two: DbHandle; // the instance that has cached
let url: string; // their database

const serving = (handle: DbHandle) => vi.waitFor(() => expect(readCacheFor(handle.db)?.isServing).toBe(true), { timeout: 10_000 });
const heard = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 5_000, interval: 20 });

beforeAll(async () => {
  if (!onPostgres) return;
  one = await createTestDb();
  const [row] = (await one.db.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
  url = withDatabase(process.env.DATABASE_URL!, row!.name);
  two = await openDb({ url });
  await Promise.all([serving(one), serving(two)]);
});
afterAll(async () => {
  await two?.close();
  await one?.close();
});

async function signedIn(db = one.db) {
  const email = await createUser(db, { roles: ["learner"] });
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const token = generateSessionToken();
  await createSession(db, token, user!.id);
  // The instance that has cached has heard of these writes before the test reads.
  await cacheSettled(two, one);
  return { user: user!, token, key: `session:${sessionIdFromToken(token)}` };
}

describe.runIf(onPostgres)("the read cache on PostgreSQL", () => {
  it("has a change trigger on every table except the ones no cached read uses", async () => {
    const rows = (await one.db.execute(sql`
      select t.table_name as name, exists (
        select 1 from pg_trigger g join pg_class c on c.oid = g.tgrelid
        where c.relname = t.table_name and g.tgname like '%\_read\_cache\_%' and not g.tgisinternal
      ) as triggered
      from information_schema.tables t where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`)) as unknown as { name: string; triggered: boolean }[];
    const uncached = new Set<string>(UNCACHED_TABLES);
    expect(rows.length).toBeGreaterThan(20);
    // A new table must be put on one side: triggered (a cached read may use it) or listed as uncached.
    expect(rows.filter((r) => r.triggered === uncached.has(r.name)).map((r) => r.name)).toEqual([]);
  });

  it("serves a session again from memory, and drops it when another instance changes that person", async () => {
    const { user, token, key } = await signedIn();
    const other = await signedIn();
    const cache = readCacheFor(two.db)!;
    expect((await validateSessionToken(two.db, token))?.user.roles).toEqual(["learner"]);
    await validateSessionToken(two.db, other.token);
    expect(cache.has(key)).toBe(true);
    expect(cache.has(other.key)).toBe(true);

    await one.db.insert(userRoles).values({ userId: user.id, role: "hr" });
    await heard(async () => expect((await validateSessionToken(two.db, token))?.user.roles).toEqual(["hr", "learner"]));
    // Only that person's entries went: the other one is still served from memory.
    expect(cache.has(other.key)).toBe(true);

    await one.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    await heard(async () => expect(await validateSessionToken(two.db, token)).toBeNull());
  });

  it("forgets a session signed out on another instance, and hears of a new notification", async () => {
    const { user, token } = await signedIn();
    expect((await validateSessionToken(two.db, token))?.unread).toBe(0);
    await notify(one.db, [{ userId: user.id, kind: "course_changed", params: { subject: "course", titleVi: "Khóa học" }, link: "/learning", dedupeKey: `pg-cache:${user.id}` }]);
    await heard(async () => expect((await validateSessionToken(two.db, token))?.unread).toBe(1));
    await one.db.delete(sessions).where(eq(sessions.userId, user.id));
    await heard(async () => expect(await validateSessionToken(two.db, token)).toBeNull());
  });

  it("drops everything when a change can touch anyone (a course), and nothing for a statement that changed no row", async () => {
    const { token, key } = await signedIn();
    const cache = readCacheFor(two.db)!;
    await validateSessionToken(two.db, token);
    await one.db.execute(sql`update courses set title_vi = title_vi where false`);
    // Notifications arrive in order: once a marker sent after the update has arrived, the update said nothing.
    await cacheSettled(two, one);
    expect(cache.has(key)).toBe(true);
    await one.db.execute(sql`insert into org_units (code, name) values (${`PG-${Date.now()}`}, 'Phòng thử')`);
    await heard(async () => expect(cache.has(key)).toBe(false));
  });

  it("is left out behind a pooler (DATABASE_READ_CACHE=off: readCache false)", async () => {
    // As the app opens it (app/platform/db.server.ts) with DATABASE_READ_CACHE=off.
    const plain = await connect(parseEnv({ DATABASE_URL: url, DATABASE_READ_CACHE: "off" }));
    try {
      expect(readCacheFor(plain.db)).toBeNull();
      const listeners = (await plain.db.execute(sql`select count(*)::int as n from pg_stat_activity
        where application_name = 'skillshelf-changes' and datname = current_database()`)) as unknown as { n: number }[];
      expect(listeners[0]!.n).toBe(2); // one's and two's, none of its own
    } finally {
      await plain.close();
    }
  });

  it("stops serving while it cannot hear, and starts again, empty, when it can", async () => {
    const { user, token, key } = await signedIn();
    const cache = readCacheFor(two.db)!;
    await validateSessionToken(two.db, token);
    expect(cache.has(key)).toBe(true);
    await one.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = 'skillshelf-changes' and datname = current_database()`);
    await vi.waitFor(() => expect(cache.isServing).toBe(false), { timeout: 5_000, interval: 10 });
    // A change made while no one listens: once listening again, the cache starts empty, so it is seen.
    await one.db.update(users).set({ fullName: "Lê Minh Châu" }).where(eq(users.id, user.id));
    expect((await validateSessionToken(two.db, token))?.user.fullName).toBe("Lê Minh Châu");
    await serving(two);
    expect((await validateSessionToken(two.db, token))?.user.fullName).toBe("Lê Minh Châu");
    expect(cache.has(key)).toBe(true);
  });
});
