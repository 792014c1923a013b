import { and, eq, isNotNull, sql } from "drizzle-orm";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import type { Db } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import { certificates, courses, learnerAssignments, notifications, programmes, userRoles } from "../../../db/schema";
import { completeLesson, findLesson, findLessonPage, recordLessonVisit } from "../../../app/learning/progress.server";
import { verifyCertificate } from "../../../app/certificates/certificates.server";
import { courseGate, listMyProgrammes, programmePath, settleMetProgrammes, settleProgramme, startProgramme } from "../../../app/programmes/programmes.server";
import { runDailyJob } from "../../../app/training/daily.server";
import { syncProgrammes } from "../../../app/programmes/sync.server";
import type { ProgrammeSpec } from "../../../app/programmes/programme-files.server";
import { createAssignment } from "../../../app/training/assignments.server";
import { addDays, todayInVietnam } from "../../../app/platform/days";
import * as lessonRoute from "../../../app/learning/routes/lesson";
import { presentGate } from "../../../app/programmes/components/locked-course";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { cookieFor, userId } from "../../support/admin";
import { callRoute, request } from "../../support/route";
import { fakeCourse, syncFake } from "../../support/catalogue";

// A programme of four one-lesson courses: A, then B (after A) required; C (after A) and D optional, any 1 of them.
let handle: DbHandle;
let db: Db;
let programmeId: string;
const SLUGS = ["pg-a", "pg-b", "pg-c", "pg-d"] as const;
const spec: ProgrammeSpec = {
  slug: "pg-year-1",
  file: "content/programmes/pg-year-1.yaml",
  hash: "hash-pg-year-1",
  title: { vi: "Năm thứ nhất", en: "Year 1" },
  description: { vi: "Lộ trình", en: "Path" },
  published: true,
  optional: { pick: 1 },
  courses: [
    { slug: "pg-a", optional: false, after: [] },
    { slug: "pg-b", optional: false, after: ["pg-a"] },
    { slug: "pg-c", optional: true, after: ["pg-a"] },
    { slug: "pg-d", optional: true, after: [] },
  ],
};

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  await syncFake(db, ...SLUGS.map((slug) => fakeCourse(slug, [{ slug: "only", vi: `Bài ${slug}` }])));
  await syncProgrammes(db, [spec]);
  programmeId = (await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.slug, spec.slug)))[0]!.id;
});
afterAll(async () => handle?.close());

const courseId = async (slug: string) => (await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, slug)))[0]!.id;
async function complete(user: string, slug: string) {
  const lesson = (await findLesson(db, slug, "only"))!;
  await recordLessonVisit(db, user, lesson);
  await completeLesson(db, user, lesson);
}
const programmeCertificates = (user: string) =>
  db.select().from(certificates).where(and(eq(certificates.userId, user), isNotNull(certificates.programmeId)));

describe("the prerequisite gate", () => {
  test("applies only inside a programme the learner follows, and opens once the prerequisite is completed", async () => {
    const email = await createUser(db);
    const user = await userId(db, email);
    const b = await courseId("pg-b");
    expect(await courseGate(db, user, b)).toBeNull();
    await startProgramme(db, user, programmeId);
    const gate = await courseGate(db, user, b);
    expect(gate?.programme.slug).toBe("pg-year-1");
    expect(gate?.waitingFor.map((c) => c.slug)).toEqual(["pg-a"]);
    // The lesson page reads the same gate in its one statement.
    const asLearner = { id: user, email, roles: ["learner"] };
    expect((await findLessonPage(db, asLearner, "pg-b", "only"))?.gate).toEqual(gate);
    expect((await findLessonPage(db, asLearner, "pg-b", null))?.gate).toEqual(gate);
    // D has no prerequisite: open.
    expect(await courseGate(db, user, await courseId("pg-d"))).toBeNull();

    // The server enforces it: the lesson page sends the learner to the course page, which says why; writes get 403.
    const cookie = await cookieFor(db, email);
    const page = await callRoute(lessonRoute.loader as never, request("/courses/pg-b/only", { cookie }), db, { course: "pg-b", lesson: "only" });
    expect(page.status).toBe(302);
    expect(page.location).toBe("/courses/pg-b");
    const lesson = (await findLesson(db, "pg-b", "only"))!;
    const write = await callRoute(lessonRoute.action as never, request("/courses/pg-b/only", { cookie, form: { intent: "complete", lessonId: lesson.id } }), db, {
      course: "pg-b",
      lesson: "only",
    });
    expect(write.status).toBe(403);
    // The course page explains it in the reader's language.
    expect(presentGate(await courseGate(db, user, b), "en")).toEqual({
      programme: { slug: "pg-year-1", title: "Year 1" },
      waitingFor: [{ slug: "pg-a", title: "Course pg-a" }],
    });

    await complete(user, "pg-a");
    expect(await courseGate(db, user, b)).toBeNull();
    expect((await findLessonPage(db, asLearner, "pg-b", "only"))?.gate).toBeNull();
    const open = await callRoute(lessonRoute.loader as never, request("/courses/pg-b/only", { cookie }), db, { course: "pg-b", lesson: "only" });
    // No redirect any more (the fake course has no compiled lesson to show, hence its 404; e2e opens a real one).
    expect(open.location).toBeNull();
    expect(open.status).toBe(404);
  });
});

describe("the completion rule", () => {
  test("every required course and any 1 of the optional ones: the certificate comes with the last one, with the courses as evidence", async () => {
    const user = await userId(db, await createUser(db));
    await startProgramme(db, user, programmeId);
    await complete(user, "pg-a");
    await complete(user, "pg-b");
    let path = (await programmePath(db, user, spec.slug))!;
    expect(path.complete).toBe(false);
    expect(path.rule).toMatchObject({ requiredDone: 2, requiredTotal: 2, optionalDone: 0, pick: 1 });
    // The next step is an optional course, since the group still needs one.
    expect(path.nextStep?.optional).toBe(true);
    expect(await programmeCertificates(user)).toHaveLength(0);

    await complete(user, "pg-d");
    path = (await programmePath(db, user, spec.slug))!;
    expect(path.complete).toBe(true);
    expect(path.nextStep).toBeNull();
    const [cert] = await programmeCertificates(user);
    expect(cert!.courseTitleVi).toBe("Năm thứ nhất");
    expect(cert!.evidence.map((e) => e.courseSlug)).toEqual(["pg-a", "pg-b", "pg-d"]);
    const payload = decodeJwt(cert!.credentialJwt!) as Record<string, any>;
    expect(payload.credentialSubject.achievement.achievementType).toBe("LearningProgram");
    expect(payload.credentialSubject.achievement.id).toMatch(/\/learning\/programmes\/pg-year-1$/);
    expect(payload.evidence).toHaveLength(3);
    expect(payload.evidence[0].id).toMatch(/\/verify\/[0-9A-Z]{16}$/);
    const verified = (await verifyCertificate(db, cert!.code))!;
    expect(verified.status).toBe("valid");
    expect(verified.signature.valid).toBe(true);
    // Completing the other optional course later issues nothing more.
    await complete(user, "pg-c");
    expect(await programmeCertificates(user)).toHaveLength(1);
  });

  test("a learner who does not follow the programme gets no programme certificate for the same courses", async () => {
    const user = await userId(db, await createUser(db));
    for (const slug of ["pg-a", "pg-b", "pg-d"]) await complete(user, slug);
    expect(await programmeCertificates(user)).toHaveLength(0);
    // Following it later completes it at once (the rule is already met).
    await startProgramme(db, user, programmeId);
    expect(await programmeCertificates(user)).toHaveLength(1);
  });

  test("20 concurrent completions of the last course, and 20 concurrent settlements, issue one programme certificate", async () => {
    const user = await userId(db, await createUser(db));
    await startProgramme(db, user, programmeId);
    await complete(user, "pg-a");
    await complete(user, "pg-d");
    const lesson = (await findLesson(db, "pg-b", "only"))!;
    await recordLessonVisit(db, user, lesson);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => completeLesson(db, user, lesson)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await programmeCertificates(user)).toHaveLength(1);

    // The unique index itself: 20 transactions that each find the rule met and try to issue.
    const other = await userId(db, await createUser(db));
    for (const slug of ["pg-a", "pg-b", "pg-c"]) await complete(other, slug);
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, () => db.transaction((tx) => settleProgramme(tx as unknown as Db, other, programmeId, new Date()))),
    );
    expect(settled.filter((r) => r.status === "rejected")).toEqual([]);
    expect(settled.every((r) => r.status === "fulfilled" && r.value === true)).toBe(true);
    const rows = await programmeCertificates(other);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.credentialJwt).toMatch(/^ey/);
  });
});

describe("assigning a programme", () => {
  test("HR assigns it like a course: the rows track the programme, it completes with the rule, and a scoped HR user stays in scope", async () => {
    const units = await seedOrg(db);
    const admin = { id: await userId(db, await createUser(db, { roles: ["admin"], orgUnit: "TVQG" })), roles: ["admin", "hr"] as const };
    const learner = await userId(db, await createUser(db, { orgUnit: "NA-PV" }));
    const due = addDays(todayInVietnam(), 20);
    const created = await createAssignment(db, { ...admin, roles: [...admin.roles] }, {
      courseId: `programme:${programmeId}`,
      people: [learner],
      includeDescendants: false,
      dueOn: due,
      daysForNewcomers: 30,
      recertify: false,
    } as never);
    expect(created.ok).toBe(true);
    const [row] = await db.select().from(learnerAssignments).where(eq(learnerAssignments.userId, learner));
    expect(row).toMatchObject({ programmeId, courseId: null, dueOn: due, completedAt: null });
    // Assigned means followed: the gate applies, and My learning shows the path.
    expect(await courseGate(db, learner, await courseId("pg-b"))).not.toBeNull();
    const mine = await listMyProgrammes(db, learner);
    expect(mine.map((p) => p.programme.slug)).toEqual(["pg-year-1"]);
    expect(mine[0]!.follow).toMatchObject({ assigned: true, dueOn: due });

    for (const slug of ["pg-a", "pg-b", "pg-c"]) await complete(learner, slug);
    const [done] = await db.select().from(learnerAssignments).where(eq(learnerAssignments.userId, learner));
    expect(done!.completedAt).not.toBeNull();
    const [cert] = await programmeCertificates(learner);
    expect(done!.certificateId).toBe(cert!.id);

    // A programme cannot be reassigned on expiry, and a scoped HR user cannot assign it outside their subtree.
    const again = await createAssignment(db, { ...admin, roles: [...admin.roles] }, {
      courseId: `programme:${programmeId}`, people: [learner], includeDescendants: false, dueOn: due, daysForNewcomers: 30, recertify: true,
    } as never);
    expect(again).toMatchObject({ ok: false, status: 400 });
    const hr = await userId(db, await createUser(db, { roles: ["hr"], orgUnit: "LS" }));
    await db.update(userRoles).set({ scopeOrgUnitId: units.get("LS")! }).where(eq(userRoles.userId, hr));
    const before = (await db.select({ n: sql<number>`count(*)::int` }).from(learnerAssignments))[0]!.n;
    const refused = await createAssignment(db, { id: hr, roles: ["hr"] }, {
      courseId: `programme:${programmeId}`, orgUnitId: units.get("NA")!, people: [], includeDescendants: true, dueOn: due, daysForNewcomers: 30, recertify: false,
    } as never);
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(learnerAssignments))[0]!.n).toBe(before);
    // An unknown or unpublished programme is refused like an unknown course.
    const unknown = await createAssignment(db, { ...admin, roles: [...admin.roles] }, {
      courseId: "programme:00000000-0000-4000-8000-000000000000", people: [learner], includeDescendants: false, dueOn: due, daysForNewcomers: 30, recertify: false,
    } as never);
    expect(unknown).toMatchObject({ ok: false, status: 400 });
  });
});

describe("a programme whose rule is met before it is assigned", () => {
  test("is never reminded nor marked overdue: the daily job completes it and issues its certificate once, across runs", async () => {
    await seedOrg(db);
    const admin = { id: await userId(db, await createUser(db, { roles: ["admin"], orgUnit: "TVQG" })), roles: ["admin", "hr"] };
    // One learner completed the courses long before; the other has only begun (the control: reminded, then overdue).
    const ready = await userId(db, await createUser(db, { orgUnit: "NA-PV" }));
    const begun = await userId(db, await createUser(db, { orgUnit: "NA-PV" }));
    for (const slug of ["pg-a", "pg-b", "pg-d"]) await complete(ready, slug);
    await complete(begun, "pg-a");
    const due = addDays(todayInVietnam(), 3);
    const created = await createAssignment(db, admin, {
      courseId: `programme:${programmeId}`, people: [ready, begun], includeDescendants: false, dueOn: due, daysForNewcomers: 30, recertify: false,
    } as never);
    expect(created.ok).toBe(true);
    // Assigned, the rule already met, and nothing issued yet (assigning does not know programmes).
    expect(await programmeCertificates(ready)).toHaveLength(0);

    const reminded = (user: string) =>
      db.select({ kind: notifications.kind }).from(notifications).where(and(eq(notifications.userId, user), sql`${notifications.kind} in ('reminder', 'overdue')`));
    const rows = (user: string) => db.select().from(learnerAssignments).where(and(eq(learnerAssignments.userId, user), eq(learnerAssignments.programmeId, programmeId)));

    // The day before it is due (reminder window), twice at once and once more forced.
    const dayBefore = new Date(Date.now() + 2 * 86_400_000);
    const runs = await Promise.all([
      runDailyJob(db, { now: dayBefore, instance: "a", smtpUrl: null, settle: settleMetProgrammes }),
      runDailyJob(db, { now: dayBefore, instance: "b", smtpUrl: null, settle: settleMetProgrammes }),
    ]);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    expect(runs.find((r) => r.ran)!.summary!.settled).toBe(1);
    const [cert] = await programmeCertificates(ready);
    expect(cert!.evidence.map((e) => e.courseSlug)).toEqual(["pg-a", "pg-b", "pg-d"]);
    const [row] = await rows(ready);
    expect(row!.completedAt).not.toBeNull();
    expect(row!.certificateId).toBe(cert!.id);
    expect(await reminded(ready)).toEqual([]);
    expect((await reminded(begun)).map((n) => n.kind)).toEqual(["reminder"]);

    // A week past the due day: the settled one is not overdue; the control is, and is told once across two runs.
    const late = new Date(Date.now() + 10 * 86_400_000);
    await Promise.all([
      runDailyJob(db, { now: late, instance: "c", smtpUrl: null, settle: settleMetProgrammes }),
      runDailyJob(db, { now: late, instance: "d", smtpUrl: null, settle: settleMetProgrammes, force: true }),
    ]);
    expect((await rows(ready))[0]!.overdueAt).toBeNull();
    expect((await rows(begun))[0]!.overdueAt).not.toBeNull();
    expect(await reminded(ready)).toEqual([]);
    expect((await reminded(begun)).map((n) => n.kind).sort()).toEqual(["overdue", "reminder"]);
    expect(await programmeCertificates(ready)).toHaveLength(1);
    expect(await programmeCertificates(begun)).toHaveLength(0);
    // Settling again finds nothing to do; the learner is told of the certificate once.
    expect(await settleMetProgrammes(db, late)).toBe(0);
    const told = await db.select().from(notifications).where(and(eq(notifications.userId, ready), eq(notifications.kind, "certificate_issued")));
    expect(told.filter((n) => (n.params as { subject?: string }).subject === "programme")).toHaveLength(1);
  });
});
