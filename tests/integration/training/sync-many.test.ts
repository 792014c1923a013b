import { afterAll, beforeAll, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import { assignments, courses, users } from "../../../db/schema";
import { addDays, todayInVietnam } from "../../../app/platform/days";
import { syncLearnerAssignments } from "../../../app/training/assignment-sync.server";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => handle?.close());

// An import of the documented 20,000 people re-syncs all of them at once: one bind parameter per list, not
// ~4 per person (PostgreSQL refuses more than 65,535).
it("syncs 20,000 named people in one call", { timeout: 120_000 }, async () => {
  const { db } = handle;
  const units = await seedOrg(db);
  const unit = units.get("LS-PV")!;
  await syncFake(db, fakeCourse("many-course", [{ slug: "a", vi: "Bài A" }]));
  const [course] = await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "many-course"));
  await db.insert(assignments).values({ courseId: course!.id, orgUnitId: unit, includeDescendants: true, dueOn: addDays(todayInVietnam(), 30) });
  const inserted = await db.execute(sql`
    insert into users (email, full_name, org_unit_id)
    select 'many' || g || '@thuvien.test', 'Người ' || g, ${unit}::uuid from generate_series(1, 20000) g
    returning id`);
  const ids = (Array.isArray(inserted) ? inserted : (inserted as { rows: { id: string }[] }).rows).map((r) => (r as { id: string }).id);
  expect(ids).toHaveLength(20_000);
  const started = performance.now();
  const result = await syncLearnerAssignments(db, { userIds: ids });
  expect(result.opened).toBe(20_000);
  expect(performance.now() - started).toBeLessThan(30_000);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.orgUnitId, unit));
  expect(count!.n).toBeGreaterThanOrEqual(20_000);
});
