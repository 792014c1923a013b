import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like, sql } from "drizzle-orm";
import type { Db, DbHandle } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import { certificates, courses, notificationPreferences, notifications, outboxMessages, users } from "../../../db/schema";
import { createAssignment } from "../../../app/training/assignments.server";
import { syncLearnerAssignments } from "../../../app/training/assignment-sync.server";
import { runDailyJob } from "../../../app/training/daily.server";
import { AssignmentSchema } from "../../../app/training/schemas";
import { completeLesson, findLesson, recordLessonVisit } from "../../../app/learning/progress.server";
import { collectNotifications } from "../../../app/notifications/collect.server";
import { dispatchEmails } from "../../../app/notifications/dispatch.server";
import { saveEmailChoices } from "../../../app/notifications/preferences.server";
import * as listRoute from "../../../app/notifications/routes/notifications";
import * as settingsRoute from "../../../app/notifications/routes/settings";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { cookieFor } from "../../support/admin";
import { callRoute, request } from "../../support/route";

let handle: DbHandle;
let db: Db;
let units: Map<string, string>;
let admin: { id: string; roles: "admin"[] };
let counter = 0;
const APP = "https://skillshelf.example.vn";

async function person(extra: Partial<typeof users.$inferInsert> = {}) {
  counter += 1;
  const [row] = await db
    .insert(users)
    .values({ email: `n${counter}@notify.test`, fullName: `Người ${counter}`, jobTitle: `Nhóm ${counter}`, orgUnitId: units.get("LS-PV")!, ...extra })
    .returning({ id: users.id, email: users.email, jobTitle: users.jobTitle });
  return row!;
}

const courseIdOf = async (slug: string) => (await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, slug)))[0]!.id;
const mine = (userId: string, kind?: string) =>
  db.select().from(notifications).where(and(eq(notifications.userId, userId), kind ? eq(notifications.kind, kind) : sql`true`));

async function assign(slug: string, jobTitle: string, dueOn: string, now: Date) {
  const outcome = await createAssignment(db, admin, AssignmentSchema.parse({ courseId: await courseIdOf(slug), jobTitle, dueOn }), now);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.fieldErrors));
  return outcome.id;
}

// A sync unpublishes the courses it does not list: every sync lists these.
const others = () => [
  fakeCourse("notify-course", [{ slug: "one", vi: "Bài một" }]),
  fakeCourse("expiring-course", [{ slug: "only", vi: "Bài duy nhất" }], { validForMonths: 1 }),
];

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  units = await seedOrg(db);
  await syncFake(db, ...others(), fakeCourse("changing-course", [{ slug: "a", vi: "Bài A" }, { slug: "b", vi: "Bài B" }]));
  const [a] = await db.insert(users).values({ email: "admin@notify.test", fullName: "Quản trị" }).returning({ id: users.id });
  admin = { id: a!.id, roles: ["admin"] };
});
afterAll(async () => handle?.close());

describe("each kind makes exactly one notification", () => {
  it("assigned: one per person and cycle, however often the assignment is synced", async () => {
    const now = new Date();
    const p = await person({ locale: "en" });
    await assign("notify-course", p.jobTitle!, "2099-01-31", now);
    await Promise.all([syncLearnerAssignments(db, { now }), syncLearnerAssignments(db, { userIds: [p.id], now }), collectNotifications(db, { now })]);
    const rows = await mine(p.id, "assigned");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.link).toBe("/courses/notify-course");
    expect(rows[0]!.params).toMatchObject({ subject: "course", titleEn: "Course notify-course", dueOn: "2099-01-31" });
  });

  it("reminder and overdue: one each across two job runs and two instances at once", async () => {
    const now = new Date("2030-05-01T01:00:00Z");
    const soon = await person();
    const late = await person();
    await assign("notify-course", soon.jobTitle!, "2030-05-05", new Date("2030-04-25T01:00:00Z"));
    await assign("notify-course", late.jobTitle!, "2030-04-28", new Date("2030-04-25T01:00:00Z"));
    await Promise.all([
      runDailyJob(db, { now, instance: "a", smtpUrl: null, appUrl: APP, reminderDaysBefore: 7 }),
      runDailyJob(db, { now, instance: "b", smtpUrl: null, appUrl: APP, reminderDaysBefore: 7 }),
    ]);
    await runDailyJob(db, { now, instance: "c", smtpUrl: null, appUrl: APP, reminderDaysBefore: 7, force: true });
    expect(await mine(soon.id, "reminder")).toHaveLength(1);
    expect(await mine(soon.id, "overdue")).toHaveLength(0);
    expect(await mine(late.id, "overdue")).toHaveLength(1);
    const mails = await db.select().from(outboxMessages).where(like(outboxMessages.dedupeKey, `reminder:%:${late.id}:%`));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`${APP}/courses/notify-course`);
  });

  it("certificate issued: one, even when the last lesson is completed twice at once", async () => {
    const p = await person();
    const lesson = (await findLesson(db, "notify-course", "one"))!;
    await recordLessonVisit(db, p.id, lesson);
    await Promise.all([completeLesson(db, p.id, lesson), completeLesson(db, p.id, lesson)]);
    await collectNotifications(db);
    const rows = await mine(p.id, "certificate_issued");
    expect(rows).toHaveLength(1);
    const [cert] = await db.select({ code: certificates.code }).from(certificates).where(eq(certificates.userId, p.id));
    expect(rows[0]!.link).toBe(`/certificates/${cert!.code}`);
  });

  it("certificate about to expire: one, from two sweeps at once; none while it is far from expiry", async () => {
    const p = await person();
    const lesson = (await findLesson(db, "expiring-course", "only"))!;
    await recordLessonVisit(db, p.id, lesson);
    await completeLesson(db, p.id, lesson);
    expect(await mine(p.id, "certificate_expiring")).toHaveLength(0);
    // A month's validity: ten days from its end it is "about to expire".
    const later = new Date(Date.now() + 20 * 86_400_000);
    await Promise.all([collectNotifications(db, { now: later }), collectNotifications(db, { now: later })]);
    const rows = await mine(p.id, "certificate_expiring");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.params.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("course changed: one per new lesson/quiz structure for people taking it, none for a wording change", async () => {
    const taking = await person();
    const done = await person();
    const a = (await findLesson(db, "changing-course", "a"))!;
    const b = (await findLesson(db, "changing-course", "b"))!;
    await recordLessonVisit(db, taking.id, a);
    for (const lesson of [a, b]) {
      await recordLessonVisit(db, done.id, lesson);
      await completeLesson(db, done.id, lesson);
    }
    await syncFake(db, ...others(), fakeCourse("changing-course", [{ slug: "a", vi: "Bài A", text: "Sửa chính tả" }, { slug: "b", vi: "Bài B" }]));
    expect(await mine(taking.id, "course_changed")).toHaveLength(0);
    const changed = fakeCourse("changing-course", [{ slug: "a", vi: "Bài A" }, { slug: "b", vi: "Bài B" }, { slug: "c", vi: "Bài C", quizzes: [{ id: "final", graded: true }] }]);
    await syncFake(db, ...others(), changed);
    await syncFake(db, ...others(), changed);
    expect(await mine(taking.id, "course_changed")).toHaveLength(1);
    expect(await mine(done.id, "course_changed")).toHaveLength(0);
  });
});

describe("emails", () => {
  it("respect each person's choice, go once from two dispatchers at once, in their language, on the trusted origin", async () => {
    const on = await person({ locale: "en" });
    const off = await person();
    await saveEmailChoices(db, off.id, ["reminder"]);
    await assign("notify-course", on.jobTitle!, "2099-03-01", new Date());
    await assign("notify-course", off.jobTitle!, "2099-03-01", new Date());
    await Promise.all([dispatchEmails(db, { smtpUrl: null, appUrl: APP }), dispatchEmails(db, { smtpUrl: null, appUrl: APP })]);
    const to = (email: string) => db.select().from(outboxMessages).where(eq(outboxMessages.to, email));
    const sent = await to(on.email);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain("You have been assigned the course “Course notify-course”");
    expect(sent[0]!.text).toContain(`${APP}/courses/notify-course`);
    expect(sent[0]!.text).toContain(`${APP}/notifications/settings`);
    expect(await to(off.email)).toHaveLength(0);
    const [skipped] = await mine(off.id, "assigned");
    expect(skipped!.emailState).toBe("skipped");
  });
});

describe("the notification pages", () => {
  it("mark read only your own: someone else's id is a 404 that changes nothing; mark all read marks only yours", async () => {
    const me = await person();
    const other = await person();
    await assign("notify-course", me.jobTitle!, "2099-04-01", new Date());
    await assign("notify-course", other.jobTitle!, "2099-04-01", new Date());
    const [theirs] = await mine(other.id);
    const [own] = await mine(me.id);
    const cookie = await cookieFor(db, me.email);
    const post = (form: Record<string, string>) => callRoute(listRoute.action as never, request("/notifications?page=1", { form, cookie }), db);

    expect((await post({ intent: "read", id: theirs!.id })).status).toBe(404);
    expect((await post({ intent: "read", id: "not-a-uuid" })).status).toBe(400);
    expect((await post({ intent: "delete-everything" })).status).toBe(400);
    expect((await mine(other.id))[0]!.readAt).toBeNull();

    const page = await callRoute(listRoute.loader as never, request("/notifications", { cookie }), db);
    expect(page.status).toBe(200);
    expect((page.data as { unread: number; items: { id: string; text: string }[] }).items.map((i) => i.id)).toEqual([own!.id]);
    expect((page.data as { items: { text: string }[] }).items[0]!.text).toContain("Khóa notify-course");

    const read = await post({ intent: "read", id: own!.id });
    expect(read.status).toBe(302);
    expect((await mine(me.id))[0]!.readAt).not.toBeNull();
    await db.update(notifications).set({ readAt: null }).where(eq(notifications.userId, me.id));
    expect((await post({ intent: "read-all" })).status).toBe(302);
    expect((await mine(me.id)).every((n) => n.readAt !== null)).toBe(true);
    expect((await mine(other.id)).every((n) => n.readAt === null)).toBe(true);
    const signedOut = await callRoute(listRoute.loader as never, request("/notifications"), db);
    expect(signedOut.status).toBe(302);
  });

  it("the email choices form saves the checked kinds, ignores the digest for a learner, refuses unknown kinds", async () => {
    const me = await person();
    const cookie = await cookieFor(db, me.email);
    const post = (form: Record<string, string | string[]>) => callRoute(settingsRoute.action as never, request("/notifications/settings", { form, cookie }), db);
    expect((await post({ intent: "save-email", kind: ["assigned", "rm -rf"] })).status).toBe(400);
    expect((await post({ intent: "__nope__", kind: ["assigned"] })).status).toBe(400);
    expect(await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, me.id))).toHaveLength(0);
    expect((await post({ intent: "save-email", kind: ["assigned", "overdue", "digest"] })).status).toBe(302);
    const saved = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, me.id));
    const on = saved.filter((r) => r.email).map((r) => r.kind).sort();
    expect(on).toEqual(["assigned", "digest", "overdue"]);
    const page = await callRoute(settingsRoute.loader as never, request("/notifications/settings", { cookie }), db);
    const kinds = (page.data as { choices: { kind: string; on: boolean }[] }).choices;
    expect(kinds.map((c) => c.kind)).not.toContain("digest");
    expect(kinds.find((c) => c.kind === "reminder")!.on).toBe(false);
  });
});
