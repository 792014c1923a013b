import { describe, expect, it } from "vitest";
import { ReadCache, isPlainRead } from "../../../db/read-cache";

/** A read that stays in flight until release() is called. */
function readInFlight() {
  let release!: () => void;
  const slow = new Promise<void>((r) => (release = r));
  return { release, load: async () => (await slow, "old") };
}

describe("read cache", () => {
  it("tells plain reads from anything that may write", () => {
    expect(isPlainRead("select * from sessions where id = $1")).toBe(true);
    expect(isPlainRead("  SELECT 1")).toBe(true);
    expect(isPlainRead("select * from quiz_attempts where id = $1 for update")).toBe(false);
    expect(isPlainRead("select 1 for no key update")).toBe(false);
    expect(isPlainRead("update sessions set expires_at = $1")).toBe(false);
    expect(isPlainRead("insert into lesson_progress values ($1)")).toBe(false);
    expect(isPlainRead("delete from sessions where user_id = $1")).toBe(false);
    expect(isPlainRead("with x as (delete from sessions returning 1) select * from x")).toBe(false);
    expect(isPlainRead("BEGIN")).toBe(false);
    // A recursive walk of the org tree reads; a CTE that writes, or locks, does not.
    expect(isPlainRead("with recursive tree as (select id from org_units where id = $1 union select o.id from org_units o join tree t on o.parent_id = t.id) select id from tree")).toBe(true);
    expect(isPlainRead("WITH x AS (UPDATE sessions SET expires_at = $1 RETURNING id) SELECT * FROM x")).toBe(false);
    expect(isPlainRead("with x as (insert into audit_log values ($1) returning 1) select 1")).toBe(false);
    expect(isPlainRead("with x as (select 1) select * from x for update")).toBe(false);
    expect(isPlainRead("with x as (select nextval('s')) select * from x")).toBe(false);
    // Comments before the statement do not hide what it is.
    expect(isPlainRead(" -- why it is written so\n  /* and more */ with t as (select 1) select * from t")).toBe(true);
    expect(isPlainRead("-- a note\ndelete from sessions")).toBe(false);
  });

  it("serves a result until anything is written, then reads again", async () => {
    const cache = new ReadCache();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get("k", load)).toBe(1);
    expect(await cache.get("k", load)).toBe(1);
    cache.invalidate();
    expect(await cache.get("k", load)).toBe(2);
  });

  it("never keeps a result read while a write happened", async () => {
    const cache = new ReadCache();
    const { release, load } = readInFlight();
    const first = cache.get("k", load);
    cache.invalidate(); // a write lands while the read is in flight
    release();
    expect(await first).toBe("old");
    expect(await cache.get("k", async () => "new")).toBe("new");
  });

  it("forgets entries after their time to live and keeps at most maxEntries", async () => {
    const cache = new ReadCache({ maxEntries: 2, ttlMs: 0 });
    let loads = 0;
    await cache.get("a", async () => ++loads);
    await cache.get("a", async () => ++loads);
    expect(loads).toBe(2);
    await cache.get("b", async () => 0);
    await cache.get("c", async () => 0);
    expect(cache.size).toBe(2);
  });

  it("drops one person's entries and everyone's untagged ones on a notification about them; '*' drops all", async () => {
    const cache = new ReadCache();
    await cache.get("session:a", async () => ({ id: "user-a" }), (row) => row.id);
    await cache.get("progress:b", async () => 1, "user-b");
    await cache.get("report", async () => 2);
    cache.changed("user-a,user-c");
    expect([cache.has("session:a"), cache.has("progress:b"), cache.has("report")]).toEqual([false, true, false]);
    cache.changed("*");
    expect(cache.has("progress:b")).toBe(false);
  });

  it("never keeps a result read while a notification about anyone arrived", async () => {
    const cache = new ReadCache();
    const { release, load } = readInFlight();
    const first = cache.get("k", load, "user-a");
    cache.changed("user-b");
    release();
    await first;
    expect(cache.has("k")).toBe(false);
  });

  it("serves nothing while it cannot hear, and starts over empty", async () => {
    const cache = new ReadCache({ maxEntries: 10, ttlMs: 60_000, serving: false });
    let loads = 0;
    const load = async () => ++loads;
    expect([await cache.get("k", load), await cache.get("k", load)]).toEqual([1, 2]);
    cache.setServing(true);
    expect([await cache.get("k", load), await cache.get("k", load)]).toEqual([3, 3]);
    cache.setServing(false);
    expect(await cache.get("k", load)).toBe(4);
    cache.setServing(true);
    expect(await cache.get("k", load)).toBe(5);
  });
});
