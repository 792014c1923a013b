import { addDays, todayInVietnam } from "../../../app/platform/days";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbHandle } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import { auditEvents, certificates, courses, enrolments, learnerAssignments, users } from "../../../db/schema";
import { createAssignment, listAssignments, updateAssignment, withdrawAssignment } from "../../../app/training/assignments.server";
import { isOverdue, listMyAssignments } from "../../../app/training/my-assignments.server";
import { syncLearnerAssignments } from "../../../app/training/assignment-sync.server";
import { completeLesson } from "../../../app/learning/progress.server";
import { AssignmentSchema } from "../../../app/training/schemas";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";

let handle: DbHandle;
let db: Db;
let units: Map<string, string>;
let courseId: string;
let admin: { id: string; roles: ("admin" | "hr")[] };
const today = todayInVietnam();

let counter = 0;
async function person(unit: string, jobTitle = "Thủ thư", extra: Partial<typeof users.$inferInsert> = {}) {
  counter += 1;
  const [row] = await db
    .insert(users)
    .values({ email: `p${counter}@assign.test`, fullName: `Người ${counter}`, jobTitle, orgUnitId: units.get(unit)!, ...extra })
    .returning({ id: users.id });
  return row!.id;
}

async function rowsOf(assignmentId: string) {
  return db.select().from(learnerAssignments).where(eq(learnerAssignments.assignmentId, assignmentId));
}

function input(overrides: Record<string, unknown>) {
  return AssignmentSchema.parse({ courseId, dueOn: addDays(today, 20), includeDescendants: "on", ...overrides });
}

async function assign(overrides: Record<string, unknown>) {
  const outcome = await createAssignment(db, admin, input(overrides));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.fieldErrors));
  return outcome.id;
}

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  units = await seedOrg(db);
  await syncFake(db, fakeCourse("assigned-course", [{ slug: "one", vi: "Bài một" }, { slug: "two", vi: "Bài hai" }]));
  courseId = (await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "assigned-course")))[0]!.id;
  const [a] = await db.insert(users).values({ email: "admin@assign.test", fullName: "Quản trị" }).returning({ id: users.id });
  admin = { id: a!.id, roles: ["admin"] };
});
afterAll(async () => handle?.close());

describe("who an assignment covers", () => {
  it("a unit with its descendants, or the unit alone", async () => {
    const top = await person("NA");
    const child = await person("NA-PV");
    const other = await person("LS-PV");
    const withDesc = await assign({ orgUnitId: units.get("NA") });
    const alone = await assign({ orgUnitId: units.get("NA"), includeDescendants: undefined });
    expect((await rowsOf(withDesc)).map((r) => r.userId).sort()).toEqual([top, child].sort());
    expect((await rowsOf(alone)).map((r) => r.userId)).toEqual([top]);
    expect((await rowsOf(withDesc)).every((r) => r.dueOn === addDays(today, 20) && r.cycle === 1)).toBe(true);
    expect((await rowsOf(withDesc)).map((r) => r.userId)).not.toContain(other);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "assignment.create"), eq(auditEvents.targetId, withDesc)));
    expect(audit?.actorId).toBe(admin.id);
  });

  it("a job title (any case and spacing), alone or within a unit, plus named people", async () => {
    const t1 = await person("TVQG-BM", "Biên mục viên");
    const t2 = await person("LS-NV", " biên mục viên ");
    const named = await person("NA-SH", "Kế toán");
    await person("TVQG-BM", "Thủ thư");
    const byTitle = await assign({ jobTitle: "Biên mục viên" });
    expect((await rowsOf(byTitle)).map((r) => r.userId).sort()).toEqual([t1, t2].sort());
    const titleInUnit = await assign({ jobTitle: "Biên mục viên", orgUnitId: units.get("TVQG"), people: [named] });
    expect((await rowsOf(titleInUnit)).map((r) => r.userId).sort()).toEqual([t1, named].sort());
  });

  it("people who join later get it with the newcomer due date; leaving closes their row; coming back reopens it", async () => {
    const id = await assign({ orgUnitId: units.get("NA-SH"), daysForNewcomers: 45 });
    const joiner = await person("NA-SH");
    await syncLearnerAssignments(db, { userIds: [joiner] });
    const [row] = (await rowsOf(id)).filter((r) => r.userId === joiner);
    expect(row?.dueOn).toBe(addDays(today, 45));

    await db.update(users).set({ orgUnitId: units.get("LS-PV")! }).where(eq(users.id, joiner));
    await syncLearnerAssignments(db, { userIds: [joiner] });
    const [moved] = (await rowsOf(id)).filter((r) => r.userId === joiner);
    expect(moved?.closedAt).not.toBeNull();
    expect(await listMyAssignments(db, joiner)).toEqual([]);

    await db.update(users).set({ orgUnitId: units.get("NA-SH")! }).where(eq(users.id, joiner));
    await syncLearnerAssignments(db, { userIds: [joiner] });
    expect((await rowsOf(id)).filter((r) => r.userId === joiner)[0]?.closedAt).toBeNull();

    await db.update(users).set({ active: false }).where(eq(users.id, joiner));
    await syncLearnerAssignments(db, {});
    expect((await rowsOf(id)).filter((r) => r.userId === joiner)[0]?.closedAt).not.toBeNull();
  });

  it("someone who already completed the course is completed at once; completing later completes the row", async () => {
    const done = await person("LS-NV", "Lưu trữ viên");
    const later = await person("LS-NV", "Lưu trữ viên");
    await db.insert(enrolments).values({ userId: done, courseId, completedAt: new Date("2026-01-05T03:00:00Z") });
    const id = await assign({ jobTitle: "Lưu trữ viên" });
    const rows = await rowsOf(id);
    expect(rows.find((r) => r.userId === done)?.completedAt?.toISOString()).toBe("2026-01-05T03:00:00.000Z");
    expect(rows.find((r) => r.userId === later)?.completedAt).toBeNull();

    const lessons = await db.execute(sql`select id, course_id as "courseId", slug, position from lessons where course_id = ${courseId} order by position`);
    for (const lesson of (lessons as unknown as { rows: { id: string; courseId: string; slug: string; position: number }[] }).rows ?? lessons) {
      await completeLesson(db, later, lesson);
    }
    expect((await rowsOf(id)).find((r) => r.userId === later)?.completedAt).not.toBeNull();
    const mine = await listMyAssignments(db, later);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.completedAt).not.toBeNull();
  });

  it("withdrawing closes every open row and keeps completed ones", async () => {
    const open = await person("NA-PV", "Hướng dẫn viên");
    const done = await person("NA-PV", "Hướng dẫn viên");
    await db.insert(enrolments).values({ userId: done, courseId, completedAt: new Date() });
    const id = await assign({ jobTitle: "Hướng dẫn viên" });
    expect(await withdrawAssignment(db, admin, id)).toEqual({ id });
    const rows = await rowsOf(id);
    expect(rows.find((r) => r.userId === open)?.closedAt).not.toBeNull();
    expect(rows.find((r) => r.userId === done)?.closedAt).toBeNull();
    expect(rows.find((r) => r.userId === done)?.completedAt).not.toBeNull();
    expect(await listMyAssignments(db, open)).toEqual([]);
    const list = await listAssignments(db, admin, { status: "withdrawn" });
    expect(list.map((a) => a.id)).toContain(id);
    expect(await updateAssignment(db, admin, id, input({ jobTitle: "X" }))).toBeNull();
  });

  it("editing the due date moves open rows; a certificate links to the completed row", async () => {
    const p = await person("TVQG-CNTT", "Kỹ sư");
    const id = await assign({ jobTitle: "Kỹ sư" });
    const outcome = await updateAssignment(db, admin, id, input({ jobTitle: "Kỹ sư", dueOn: addDays(today, 40) }));
    expect(outcome).toEqual({ ok: true, id });
    expect((await rowsOf(id))[0]?.dueOn).toBe(addDays(today, 40));
    const [cert] = await db
      .insert(certificates)
      .values({
        code: `C${counter}X`,
        userId: p,
        courseId,
        cycle: 1,
        fullName: "Kỹ sư",
        courseSlug: "assigned-course",
        courseTitleVi: "Khóa",
        courseVersion: "v1",
        issuer: { nameVi: "TV", nameEn: "L", url: "http://x" },
        completedAt: new Date(),
      })
      .returning({ id: certificates.id });
    await db.insert(enrolments).values({ userId: p, courseId, completedAt: new Date() });
    const { afterCourseCompleted } = await import("../../../app/learning/completion.server");
    await afterCourseCompleted(db, { userId: p, courseId, completedAt: new Date(), cycle: 1 });
    expect((await rowsOf(id))[0]?.certificateId).toBe(cert!.id);
  });

  it("rejects a course that does not exist, a past due date and no target", async () => {
    const missing = await createAssignment(db, admin, input({ courseId: "00000000-0000-4000-8000-000000000000", orgUnitId: units.get("NA") }));
    expect(missing).toMatchObject({ ok: false, fieldErrors: { courseId: ["assignments.errors.course"] } });
    const past = await createAssignment(db, admin, input({ orgUnitId: units.get("NA"), dueOn: "2020-01-01" }));
    expect(past).toMatchObject({ ok: false, fieldErrors: { dueOn: ["assignments.errors.dueInPast"] } });
    expect(AssignmentSchema.safeParse({ courseId, dueOn: "2026-02-30" }).success).toBe(false);
    const noTarget = AssignmentSchema.safeParse({ courseId, dueOn: "2026-12-01" });
    expect(noTarget.success).toBe(false);
    expect(noTarget.error?.issues.map((i) => i.message)).toContain("assignments.errors.noTarget");
  });
});

describe("overdue", () => {
  it("is measured in Vietnam's calendar: due 2026-03-10 is overdue from 17:00 UTC that day", () => {
    const row = { dueOn: "2026-03-10", completedAt: null, closedAt: null };
    expect(isOverdue(row, new Date("2026-03-10T16:59:59Z"))).toBe(false);
    expect(isOverdue(row, new Date("2026-03-10T17:00:00Z"))).toBe(true);
    expect(isOverdue({ ...row, completedAt: new Date() }, new Date("2026-04-01T00:00:00Z"))).toBe(false);
    expect(todayInVietnam(new Date("2026-03-10T16:59:59Z"))).toBe("2026-03-10");
    expect(todayInVietnam(new Date("2026-03-10T17:00:00Z"))).toBe("2026-03-11");
  });
});

describe("demo data", () => {
  it("assigns Digital library services to the Lạng Sơn library once, so the demo learner sees it", async () => {
    const { seed } = await import("../../../db/seed");
    await syncFake(db, fakeCourse("digital-library-services", [{ slug: "intro", vi: "Giới thiệu" }]));
    await seed(db);
    await seed(db);
    const [learner] = await db.select({ id: users.id }).from(users).where(eq(users.email, "learner@skillshelf.local"));
    const mine = await listMyAssignments(db, learner!.id);
    expect(mine.map((m) => [m.slug, m.dueOn])).toEqual([["digital-library-services", addDays(today, 30)]]);
    const demo = (await listAssignments(db, admin, { status: "all" })).filter((a) => a.courseTitleVi === "Khóa digital-library-services");
    expect(demo).toHaveLength(1);
  });
});
