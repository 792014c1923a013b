import { addDays, todayInVietnam } from "../../../app/platform/days";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbHandle } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import { certificates, courses, enrolments, jobRuns, learnerAssignments, lessonProgress, lessons, outboxMessages, quizAttempts, users } from "../../../db/schema";
import { createAssignment } from "../../../app/training/assignments.server";
import { listMyAssignments } from "../../../app/training/my-assignments.server";
import { completeLesson, getCourseProgress } from "../../../app/learning/progress.server";
import { lessonQuizViews, startAttempt } from "../../../app/quizzes/attempts.server";
import { markOverdue, runDailyJob, sendReminders } from "../../../app/training/daily.server";
import { AssignmentSchema } from "../../../app/training/schemas";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { fixtureQuiz } from "../../support/quiz";

let handle: DbHandle;
let db: Db;
let units: Map<string, string>;
let courseId: string;
let quizCourseId: string;
let admin: { id: string; roles: "admin"[] };
let smtp: SMTPServer;
let smtpUrl: string;
const delivered: { to: string; subject: string }[] = [];

let counter = 0;
async function person(unit: string, extra: Partial<typeof users.$inferInsert> = {}) {
  counter += 1;
  const [row] = await db
    .insert(users)
    .values({ email: `d${counter}@daily.test`, fullName: `Người ${counter}`, jobTitle: `Nhóm ${counter}`, orgUnitId: units.get(unit)!, ...extra })
    .returning({ id: users.id, jobTitle: users.jobTitle });
  return row!;
}

async function assign(course: string, jobTitle: string, dueOn: string, now: Date, extra: Record<string, unknown> = {}) {
  const input = AssignmentSchema.parse({ courseId: course, jobTitle, dueOn, ...extra });
  const outcome = await createAssignment(db, admin, input, now);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.fieldErrors));
  return outcome.id;
}

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  units = await seedOrg(db);
  await syncFake(
    db,
    fakeCourse("daily-course", [{ slug: "one", vi: "Bài một" }]),
    fakeCourse("recert-course", [{ slug: "only", vi: "Bài có kiểm tra", quizzes: [{ id: "final", graded: true }] }], { validForMonths: 12 }),
  );
  courseId = (await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "daily-course")))[0]!.id;
  quizCourseId = (await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "recert-course")))[0]!.id;
  const [a] = await db.insert(users).values({ email: "admin@daily.test", fullName: "Quản trị" }).returning({ id: users.id });
  admin = { id: a!.id, roles: ["admin"] };
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      stream.on("end", () => {
        const subject = /^Subject: (.*)$/m.exec(body)?.[1] ?? "";
        delivered.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), subject });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await handle?.close();
});

describe("the daily job", () => {
  it("two instances at once, and a second run the same day, send each reminder exactly once", async () => {
    const now = new Date("2030-05-01T01:00:00Z");
    const soon = await person("LS-PV", { locale: "en" });
    const late = await person("LS-PV");
    const far = await person("LS-PV");
    await assign(courseId, soon.jobTitle!, "2030-05-05", new Date("2030-04-20T01:00:00Z"));
    await assign(courseId, late.jobTitle!, "2030-04-25", new Date("2030-04-20T01:00:00Z"));
    await assign(courseId, far.jobTitle!, "2030-07-01", new Date("2030-04-20T01:00:00Z"));

    const results = await Promise.all([
      runDailyJob(db, { now, instance: "a", smtpUrl, reminderDaysBefore: 7 }),
      runDailyJob(db, { now, instance: "b", smtpUrl, reminderDaysBefore: 7 }),
    ]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    const again = await runDailyJob(db, { now: new Date("2030-05-01T10:00:00Z"), instance: "c", smtpUrl, reminderDaysBefore: 7 });
    expect(again.ran).toBe(false);
    // Forced runs and concurrent reminder passes still never send twice.
    await Promise.all([
      runDailyJob(db, { now, instance: "d", smtpUrl, reminderDaysBefore: 7, force: true }),
      sendReminders(db, { now, instance: "e", smtpUrl, reminderDaysBefore: 7 }),
    ]);

    const mine = (email: string) => delivered.filter((d) => d.to === email);
    const [soonEmail, lateEmail, farEmail] = await Promise.all(
      [soon, late, far].map(async (p) => (await db.select({ email: users.email }).from(users).where(eq(users.id, p.id)))[0]!.email),
    );
    expect(mine(soonEmail!)).toHaveLength(1);
    expect(mine(soonEmail!)[0]!.subject).toContain("Reminder");
    expect(mine(lateEmail!)).toHaveLength(1);
    expect(mine(farEmail!)).toHaveLength(0);
    const [run] = await db.select().from(jobRuns).where(and(eq(jobRuns.job, "daily"), eq(jobRuns.runKey, "2030-05-01")));
    expect(run?.finishedAt).not.toBeNull();
    const outbox = await db.select().from(outboxMessages).where(sql`${outboxMessages.dedupeKey} like 'reminder:%'`);
    expect(outbox.every((m) => m.sentAt !== null)).toBe(true);
    const [row] = await db.select().from(learnerAssignments).where(eq(learnerAssignments.userId, late.id));
    expect(row?.overdueAt).not.toBeNull();
    expect(row?.overdueNoticeSentAt).not.toBeNull();
  });

  it("marks a row overdue only once Vietnam's day is past the due date", async () => {
    const p = await person("NA-PV");
    await assign(courseId, p.jobTitle!, "2026-03-10", new Date("2026-03-01T00:00:00Z"));
    const overdueAt = async () => (await db.select().from(learnerAssignments).where(eq(learnerAssignments.userId, p.id)))[0]?.overdueAt;
    await markOverdue(db, new Date("2026-03-10T16:59:00Z"));
    expect(await overdueAt()).toBeNull();
    await markOverdue(db, new Date("2026-03-10T17:00:00Z"));
    expect((await overdueAt())?.toISOString()).toBe("2026-03-10T17:00:00.000Z");
    expect((await listMyAssignments(db, p.id, new Date("2026-03-10T17:00:00Z")))[0]?.overdue).toBe(true);
    expect((await listMyAssignments(db, p.id, new Date("2026-03-10T16:59:00Z")))[0]?.overdue).toBe(false);
  });

  it("an expired certificate opens cycle 2 with a new due date and reopens the enrolment; passing again completes it", async () => {
    const created = new Date("2031-01-01T01:00:00Z");
    const p = await person("NA-SH");
    const [lesson] = await db.select().from(lessons).where(eq(lessons.courseId, quizCourseId));
    const completedAt = new Date("2031-01-02T01:00:00Z");
    await db.insert(enrolments).values({ userId: p.id, courseId: quizCourseId, completedAt });
    await db.insert(certificates).values({
      code: `RC${counter}`,
      userId: p.id,
      courseId: quizCourseId,
      cycle: 1,
      fullName: "x",
      courseSlug: "recert-course",
      courseTitleVi: "Khóa",
      courseVersion: "v1",
      issuer: { nameVi: "TV", nameEn: "L", url: "http://x" },
      completedAt,
      validUntil: new Date("2032-01-02T01:00:00Z"),
    });
    const id = await assign(quizCourseId, p.jobTitle!, "2031-02-01", created, { recertify: "on", daysForNewcomers: "20" });
    const rows = () => db.select().from(learnerAssignments).where(eq(learnerAssignments.assignmentId, id)).orderBy(learnerAssignments.cycle);
    expect((await rows()).map((r) => [r.cycle, r.completedAt !== null])).toEqual([[1, true]]);

    // The day after the certificate expires.
    const later = new Date("2032-01-03T02:00:00Z");
    const run = await runDailyJob(db, { now: later, instance: "x", smtpUrl: null });
    expect(run.summary?.recertifications).toBe(1);
    const after = await rows();
    expect(after.map((r) => [r.cycle, r.completedAt !== null])).toEqual([[1, true], [2, false]]);
    expect(after[1]?.dueOn).toBe(addDays(todayInVietnam(later), 20));
    const [enrolment] = await db.select().from(enrolments).where(and(eq(enrolments.userId, p.id), eq(enrolments.courseId, quizCourseId)));
    expect(enrolment).toMatchObject({ cycle: 2, completedAt: null });
    expect(enrolment?.cycleStartedAt?.toISOString()).toBe(later.toISOString());
    expect(await db.select().from(certificates).where(eq(certificates.userId, p.id))).toHaveLength(1);
    // A second run the same day changes nothing.
    await runDailyJob(db, { now: later, instance: "y", smtpUrl: null, force: true });
    expect(await rows()).toHaveLength(2);
    const mine = await listMyAssignments(db, p.id, later);
    expect(mine[0]).toMatchObject({ recertification: true, completedAt: null });

    // The lesson stays completed; the graded quiz counts only when passed again.
    const passedAt = async (attemptNo: number, submittedAt: Date) =>
      db.insert(quizAttempts).values({
        userId: p.id, courseId: quizCourseId, lessonId: lesson!.id, quizId: "final", attemptNo, lang: "vi",
        spec: fixtureQuiz(), publicQuiz: {}, layout: {}, seed: "s", graded: true, status: "submitted",
        submittedAt, score: 3, maxScore: 3, percent: 100, passed: true,
      });
    await db.insert(lessonProgress).values({ userId: p.id, lessonId: lesson!.id, completedAt });
    await passedAt(1, completedAt);
    const progress = await getCourseProgress(db, p.id, quizCourseId);
    expect(progress.lessons[0]).toMatchObject({ completed: true, quizzesPassed: false });
    expect(progress.action).toBe("continue");
    // The lesson page shows the quiz as not yet taken in this cycle: the attempt from cycle 1 is history.
    expect(progress.cycleStartedAt?.toISOString()).toBe(later.toISOString());
    const [view] = await lessonQuizViews(db, {
      userId: p.id,
      lessonId: lesson!.id,
      cycleStartedAt: progress.cycleStartedAt,
      quizzes: [{ id: "final", title: "Kiểm tra", graded: true, passMark: 80, attempts: 1, pool: null, questions: [] } as never],
      specs: [fixtureQuiz({ attempts: 1 })],
      lang: "vi",
      t: ((key: string) => key) as never,
    });
    expect(view).toMatchObject({ attemptsUsed: 0, passed: false, canStart: true });
    // A quiz allowing one attempt, used up in cycle 1, may be taken again in cycle 2.
    const started = await startAttempt(
      db,
      { userId: p.id, courseId: quizCourseId, lessonId: lesson!.id, quizId: "final" },
      { spec: fixtureQuiz({ attempts: 1 }), publicQuiz: { id: "final" } as never, lang: "vi" },
    );
    expect(started).toHaveProperty("attemptId");
    await passedAt(3, new Date(later.getTime() + 3600_000));
    await completeLesson(db, p.id, { id: lesson!.id, courseId: quizCourseId, slug: lesson!.slug, position: lesson!.position });
    expect((await rows()).map((r) => [r.cycle, r.completedAt !== null])).toEqual([[1, true], [2, true]]);
  });
});
