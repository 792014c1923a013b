import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { certificates, courses, users } from "../../../db/schema";
import { rowsOf } from "../../../app/platform/org-scope.server";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { actualReach, allCertificates, DAY, expectedReach, insertCertificates, sortedEntries } from "../../support/competence-data";

// competence_reach is written by the triggers on certificates only (migration 0010): every kind of statement on
// certificates must leave it equal to what the certificates say.
let handle: DbHandle;
let courseId: string;
const person: string[] = [];
const inDays = (n: number) => new Date(Date.now() + n * DAY);

beforeAll(async () => {
  handle = await createTestDb();
  const { db } = handle;
  const rows = await db
    .insert(users)
    .values(Array.from({ length: 50 }, (_, i) => ({ email: `reach${i}@reach.test`, fullName: `Người ${i}` })))
    .returning({ id: users.id });
  person.push(...rows.map((r) => r.id));
  await syncFake(db, fakeCourse("reach-course", [{ slug: "l1", vi: "Bài 1" }], { competences: [{ id: "1.1", level: 2 }] }));
  courseId = (await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "reach-course")))[0]!.id;
}, 120_000);
afterAll(async () => handle?.close());

async function expectInStep(label: string) {
  expect(sortedEntries(await actualReach(handle.db)), label).toEqual(sortedEntries(expectedReach(await allCertificates(handle.db))));
}

const reachOf = async (userId: string) =>
  rowsOf<{ competence_id: string; level: number; until: string }>(
    await handle.db.execute(sql`select competence_id, level, case when until = 'infinity' then 'infinity' else 'date' end as until
      from competence_reach where user_id = ${userId} order by competence_id, level`),
  ).map((r) => `${r.competence_id}:${r.level}:${r.until}`);

describe("competence_reach follows certificates", () => {
  test("insert: one certificate gives every level up to its own, and '*' level 0; the latest end wins", async () => {
    const { db } = handle;
    await insertCertificates(db, courseId, [{ userId: person[0]!, competences: [{ id: "1.1", level: 3 }, { id: "4.2", level: 1 }], validUntil: inDays(30) }]);
    expect(await reachOf(person[0]!)).toEqual(["*:0:date", "1.1:1:date", "1.1:2:date", "1.1:3:date", "4.2:1:date"]);
    // A second certificate that never expires reaches 1.1 up to 2: those levels now last for ever, level 3 does not.
    await insertCertificates(db, courseId, [{ userId: person[0]!, competences: [{ id: "1.1", level: 2 }] }]);
    expect(await reachOf(person[0]!)).toEqual(["*:0:infinity", "1.1:1:infinity", "1.1:2:infinity", "1.1:3:date", "4.2:1:date"]);
    // A certificate naming no competence is no evidence.
    await insertCertificates(db, courseId, [{ userId: person[1]!, competences: [] }]);
    expect(await reachOf(person[1]!)).toEqual([]);
    await expectInStep("after single inserts");
  });

  test("a multi-row insert for many people (above 32: the table-lock path) and for a few", async () => {
    const { db } = handle;
    await insertCertificates(
      db,
      courseId,
      person.slice(2, 45).map((userId, i) => ({ userId, competences: [{ id: `${1 + (i % 6)}.1`, level: 1 + (i % 8) }], validUntil: i % 3 === 0 ? null : inDays(i - 20) })),
    );
    await insertCertificates(db, courseId, person.slice(2, 5).map((userId) => ({ userId, competences: [{ id: "2.1", level: 5 }], revokedAt: new Date() })));
    await expectInStep("after multi-row inserts");
  });

  test("update: revoking, replacing, a new end date, other competences, another owner; other columns change nothing", async () => {
    const { db } = handle;
    const certs = await allCertificates(db);
    const mine = (userId: string) => certs.filter((c) => c.userId === userId);
    await db.update(certificates).set({ revokedAt: new Date(), revocationReason: "thử" }).where(eq(certificates.id, mine(person[0]!)[1]!.id));
    expect(await reachOf(person[0]!)).toEqual(["*:0:date", "1.1:1:date", "1.1:2:date", "1.1:3:date", "4.2:1:date"]);
    // A corrected re-issue: the new certificate counts, the one it replaces no longer does.
    const old = mine(person[0]!)[0]!;
    const [fresh] = await insertCertificates(db, courseId, [{ userId: person[0]!, competences: [{ id: "6.1", level: 2 }], replacesId: old.id }]);
    await db.update(certificates).set({ replacedById: fresh!.id }).where(eq(certificates.id, old.id));
    expect(await reachOf(person[0]!)).toEqual(["*:0:infinity", "6.1:1:infinity", "6.1:2:infinity"]);
    await db.update(certificates).set({ validUntil: inDays(5) }).where(eq(certificates.id, fresh!.id));
    await db.update(certificates).set({ competences: [{ id: "3.2", level: 1 }] }).where(eq(certificates.userId, person[3]!));
    // The certificate moves to someone else: both people are recomputed.
    await db.update(certificates).set({ userId: person[46]! }).where(inArray(certificates.id, mine(person[4]!).map((c) => c.id)));
    expect(await reachOf(person[4]!)).toEqual([]);
    // One statement touching everybody (the table-lock path), changing nothing that counts.
    const before = sortedEntries(await actualReach(db));
    await db.update(certificates).set({ credentialJwt: "x.y.z" });
    expect(sortedEntries(await actualReach(db))).toEqual(before);
    // …and one that does change what counts, for everybody at once.
    await db.execute(sql`update certificates set valid_until = case when valid_until is null then now() + interval '9 days' else null end`);
    await expectInStep("after updates");
  });

  test("delete: one certificate, and many at once", async () => {
    const { db } = handle;
    const certs = await allCertificates(db);
    const free = certs.filter((c) => c.replacedById === null && !certs.some((o) => o.replacedById === c.id));
    await db.delete(certificates).where(eq(certificates.id, free[0]!.id));
    await expectInStep("after deleting one");
    await db.delete(certificates).where(inArray(certificates.id, free.slice(1, 40).map((c) => c.id)));
    await expectInStep("after deleting many");
  });

  test("rebuild: emptied by hand, one call of the refresh function (as the migration backfills) brings it back", async () => {
    const { db } = handle;
    const before = sortedEntries(await actualReach(db));
    expect(before.length).toBeGreaterThan(0);
    await db.execute(sql`delete from competence_reach`);
    await db.execute(sql`select competence_reach_refresh(array(select distinct user_id from certificates))`);
    expect(sortedEntries(await actualReach(db))).toEqual(before);
  });

  test.skipIf(!process.env.DATABASE_URL)("two transactions adding certificates for the same person at once: both count (PostgreSQL)", async () => {
    const { db } = handle;
    const who = person[47]!;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = db.transaction(async (tx) => {
      await insertCertificates(tx as never, courseId, [{ userId: who, competences: [{ id: "5.1", level: 2 }] }]);
      await gate;
    });
    // Wait until the first holds the person's lock, then start the second, which must wait for it.
    const held = async (granted: boolean) =>
      Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted = ${granted}
        and database = (select oid from pg_database where datname = current_database())`))[0]!.n);
    while ((await held(true)) === 0) await new Promise((r) => setTimeout(r, 20));
    const second = db.transaction(async (tx) => {
      await insertCertificates(tx as never, courseId, [{ userId: who, competences: [{ id: "5.2", level: 3 }] }]);
    });
    while ((await held(false)) === 0) await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all([first, second]);
    expect(await reachOf(who)).toEqual(["*:0:infinity", "5.1:1:infinity", "5.1:2:infinity", "5.2:1:infinity", "5.2:2:infinity", "5.2:3:infinity"]);
    await expectInStep("after concurrent inserts");
  });

  test("truncate empties it; certificates issued afterwards are followed again", async () => {
    const { db } = handle;
    // learner_assignments points at certificates, so PostgreSQL truncates it along.
    await db.execute(sql`truncate certificates cascade`);
    expect(sortedEntries(await actualReach(db))).toEqual([]);
    await insertCertificates(db, courseId, [{ userId: person[48]!, competences: [{ id: "1.2", level: 1 }] }]);
    expect(await reachOf(person[48]!)).toEqual(["*:0:infinity", "1.2:1:infinity"]);
  });
});
