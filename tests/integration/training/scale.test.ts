import { addDays, todayInVietnam } from "../../../app/platform/days";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import { assignments, courses, learnerAssignments, users } from "../../../db/schema";
import { listAssignments } from "../../../app/training/assignments.server";
import { syncLearnerAssignments } from "../../../app/training/assignment-sync.server";
import { runDailyJob } from "../../../app/training/daily.server";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => handle?.close());

it("syncs 10,000 people × 20 assignments in a few set-based statements", { timeout: 120_000 }, async () => {
  const { db } = handle;
  const units = [...(await seedOrg(db)).values()];
  await syncFake(db, fakeCourse("scale-course", [{ slug: "a", vi: "Bài A" }]));
  const [course] = await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "scale-course"));
  await db.execute(sql`
    insert into users (email, full_name, job_title, org_unit_id)
    select 'scale' || g || '@thuvien.test', 'Người ' || g, 'Chức danh ' || (g % 7),
      (${sql.raw(`array[${units.map((u) => `'${u}'`).join(",")}]::uuid[]`)})[1 + g % ${units.length}]
    from generate_series(1, 10000) g`);
  const due = addDays(todayInVietnam(), 30);
  await db.insert(assignments).values(
    Array.from({ length: 20 }, (_, i) => ({
      courseId: course!.id,
      orgUnitId: i % 2 === 0 ? units[i % units.length]! : null,
      includeDescendants: true,
      jobTitle: i % 2 === 1 ? `Chức danh ${i % 7}` : null,
      dueOn: due,
    })),
  );
  const started = performance.now();
  const first = await syncLearnerAssignments(db, {});
  const firstMs = performance.now() - started;
  const again = performance.now();
  const second = await syncLearnerAssignments(db, {});
  const secondMs = performance.now() - again;
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(learnerAssignments);
  console.info(`sync 10,000 × 20: first ${Math.round(firstMs)} ms (${first.opened} rows), again ${Math.round(secondMs)} ms`);
  expect(first.opened).toBe(count!.n);
  expect(first.opened).toBeGreaterThan(10_000);
  expect(second).toEqual({ opened: 0, reopened: 0, closed: 0, completed: 0 });
  expect(firstMs).toBeLessThan(15_000);
  expect(secondMs).toBeLessThan(10_000);
  // One person's edit re-syncs only them.
  const [someone] = await db.select({ id: users.id }).from(users).where(eq(users.email, "scale1@thuvien.test"));
  const one = performance.now();
  await syncLearnerAssignments(db, { userIds: [someone!.id] });
  expect(performance.now() - one).toBeLessThan(5_000);
  // The HR list (counts per assignment) and a whole daily run stay quick too.
  const [admin] = await db.insert(users).values({ email: "scale-admin@thuvien.test", fullName: "QTV" }).returning({ id: users.id });
  const listed = performance.now();
  const list = await listAssignments(db, { id: admin!.id, roles: ["admin"] }, { status: "active" });
  expect(list.reduce((n, a) => n + a.assigned, 0)).toBe(count!.n);
  expect(performance.now() - listed).toBeLessThan(5_000);
  const daily = performance.now();
  await runDailyJob(db, { now: new Date(), instance: "scale", smtpUrl: null });
  console.info(`list ${Math.round(daily - listed)} ms, daily job ${Math.round(performance.now() - daily)} ms`);
  expect(performance.now() - daily).toBeLessThan(20_000);
});
