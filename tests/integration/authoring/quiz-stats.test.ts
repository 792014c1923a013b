import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { users } from "../../../db/schema";
import { toQuizPublic } from "../../../app/content/quiz-public.server";
import { findOwnedCourse } from "../../../app/authoring/owned-courses.server";
import { findLesson, recordLessonVisit, refreshCourseCompletion } from "../../../app/learning/progress.server";
import { startAttempt, submitAttempt, submittedAttempts } from "../../../app/quizzes/attempts.server";
import { pointBiserial, quizStats } from "../../../app/quizzes/item-stats";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { answers, fixtureQuiz } from "../../support/quiz";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

test("point-biserial matches a hand computation", () => {
  // Items 1,1,0,0 with rest scores 2,1,1,0: M1 = 1.5, M0 = 0.5, mean 1, population s = √0.5,
  // p = q = 0.5, so r = (1.5 − 0.5)/√0.5 · 0.5 = 0.7071.
  expect(pointBiserial([1, 1, 0, 0], [2, 1, 1, 0])).toBeCloseTo(0.7071, 4);
  expect(pointBiserial([1, 1, 1], [1, 2, 3])).toBeNull();
  expect(pointBiserial([1, 0], [1, 1])).toBeNull();
  expect(pointBiserial([1], [1])).toBeNull();
});

test("item statistics over seeded attempts match values computed by hand", async () => {
  const spec = fixtureQuiz({ passMark: 60 });
  await syncFake(handle.db, fakeCourse("quiz-stats", [{ slug: "only", vi: "Bài", quizzes: [{ id: "final", graded: true }] }]));
  const lesson = (await findLesson(handle.db, "quiz-stats", "only"))!;
  // Four learners: q1 a/a/b/c, q2 false/false/false/true, q3 15/15/14/14.
  const sheets = [
    { "q:q1": "a", "q:q2": "false", "q:q3": "15" }, // 3
    { "q:q1": "a", "q:q2": "false", "q:q3": "14" }, // 2
    { "q:q1": "b", "q:q2": "false", "q:q3": "15" }, // 2
    { "q:q1": "c", "q:q2": "true", "q:q3": "14" }, // 0
  ];
  for (const sheet of sheets) {
    const email = await createUser(handle.db);
    const [user] = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    await recordLessonVisit(handle.db, user!.id, lesson);
    const started = await startAttempt(
      handle.db,
      { userId: user!.id, courseId: lesson.courseId, lessonId: lesson.id, quizId: "final" },
      { spec, publicQuiz: toQuizPublic(spec), lang: "vi" },
    );
    if ("refused" in started) throw new Error("refused");
    await submitAttempt(handle.db, user!.id, started.attemptId, answers(sheet), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion });
  }
  const stats = quizStats(spec.questions, await submittedAttempts(handle.db, lesson.courseId, "final"));
  expect(stats.attempts).toBe(4);
  expect(stats.passRate).toBe(0.75); // 100 %, 66.67 %, 66.67 % pass at 60; 0 % fails
  expect(stats.meanPercent).toBeCloseTo((100 + 66.67 + 66.67 + 0) / 4, 2);
  expect(stats.distribution[0]).toBe(1);
  expect(stats.distribution[6]).toBe(2);
  expect(stats.distribution[9]).toBe(1);
  const q1 = stats.questions.find((q) => q.id === "q1")!;
  expect(q1.correctShare).toBe(0.5);
  // q1 items 1,1,0,0; rest scores (total − q1) 2,1,2,0: M1 = 1.5, M0 = 1, mean 1.25,
  // s = √((0.5625+0.0625+0.5625+1.5625)/4) = √0.6875, r = 0.5/√0.6875 · 0.5 = 0.3015.
  expect(q1.discrimination).toBeCloseTo(0.3015, 4);
  expect(q1.wrongChoices).toEqual([
    { id: "b", picked: 1, share: 0.25 },
    { id: "c", picked: 1, share: 0.25 },
  ]);
  expect(stats.questions.find((q) => q.id === "q2")!.correctShare).toBe(0.75);
});

test("quiz statistics are for the course's owners and admins only", async () => {
  await syncFake(handle.db, fakeCourse("owned-course", [{ slug: "only", vi: "Bài" }], { owners: ["owner@thuvien.test"] }));
  expect(await findOwnedCourse(handle.db, "owned-course", { email: "Owner@ThuVien.test", roles: ["trainer"] })).not.toBeNull();
  expect(await findOwnedCourse(handle.db, "owned-course", { email: "other@thuvien.test", roles: ["trainer"] })).toBeNull();
  expect(await findOwnedCourse(handle.db, "owned-course", { email: "root@thuvien.test", roles: ["admin"] })).not.toBeNull();
  expect(await findOwnedCourse(handle.db, "no-such-course", { email: "root@thuvien.test", roles: ["admin"] })).toBeNull();
});

test("the lesson funnel and learner list match counts computed by hand", async () => {
  const { lessonFunnel, courseLearners } = await import("../../../app/authoring/insight.server");
  const { completeLesson } = await import("../../../app/learning/progress.server");
  await syncFake(
    handle.db,
    fakeCourse("funnel-course", [
      { slug: "a", vi: "Bài A" },
      { slug: "b", vi: "Bài B" },
      { slug: "c", vi: "Bài C" },
    ]),
  );
  const ref = (slug: string) => findLesson(handle.db, "funnel-course", slug);
  const [a, b, c] = [await ref("a"), await ref("b"), await ref("c")];
  // Learner 1 finishes everything; learner 2 completes A and opens B; learner 3 only opens A.
  const plans: { name: string; open: typeof a[]; complete: typeof a[] }[] = [
    { name: "Nguyễn Văn An", open: [a, b, c], complete: [a, b, c] },
    { name: "Trần Thị Bình", open: [a, b], complete: [a] },
    { name: "Lê Văn Cường", open: [a], complete: [] },
  ];
  for (const plan of plans) {
    const email = await createUser(handle.db, { fullName: plan.name });
    const [user] = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    for (const l of plan.open) await recordLessonVisit(handle.db, user!.id, l!);
    for (const l of plan.complete) await completeLesson(handle.db, user!.id, l!);
  }
  const funnel = await lessonFunnel(handle.db, a!.courseId);
  expect(funnel.map((f) => [f.slug, f.reached, f.completed])).toEqual([
    ["a", 3, 2],
    ["b", 2, 1],
    ["c", 1, 1],
  ]);
  expect(funnel[0]!.medianMinutes).not.toBeNull();
  const learners = await courseLearners(handle.db, a!.courseId, { sort: "progress", dir: "desc" });
  expect(learners.map((l) => [l.fullName, l.percent])).toEqual([
    ["Nguyễn Văn An", 100],
    ["Trần Thị Bình", 33],
    ["Lê Văn Cường", 0],
  ]);
  const byName = await courseLearners(handle.db, a!.courseId, { sort: "name", dir: "asc" });
  expect(byName.map((l) => l.fullName)).toEqual(["Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình"]);
  expect(c).toBeTruthy();
});

test("course insight and its CSV answer 404 to another trainer and to a learner, 400 to a bad sort", async () => {
  const { callRoute, cookieFrom, request } = await import("../../support/route");
  const loginRoute = await import("../../../app/accounts/routes/login");
  const insight = await import("../../../app/authoring/routes/course");
  const csv = await import("../../../app/authoring/routes/learners-csv");
  const { TEST_PASSWORD } = await import("../../support/factories");
  await syncFake(handle.db, fakeCourse("insight-owned", [{ slug: "a", vi: "Bài A" }], { owners: ["insight.owner@thuvien.test"] }));
  const signIn = async (email: string) =>
    cookieFrom(await callRoute(loginRoute.action, request("/login", { form: { email, password: TEST_PASSWORD } }), handle.db));
  const owner = await signIn(await createUser(handle.db, { email: "insight.owner@thuvien.test", roles: ["trainer"] }));
  const other = await signIn(await createUser(handle.db, { roles: ["trainer"] }));
  const learner = await signIn(await createUser(handle.db, { roles: ["learner"] }));
  const get = (mod: { loader: unknown }, path: string, cookie: string) =>
    callRoute(mod.loader as never, request(path, { cookie }), handle.db, { course: "insight-owned" });
  expect((await get(insight, "/trainer/courses/insight-owned", owner)).status).toBe(200);
  expect((await get(insight, "/trainer/courses/insight-owned", other)).status).toBe(404);
  expect((await get(insight, "/trainer/courses/insight-owned", learner)).status).toBe(404);
  expect((await get(insight, "/trainer/courses/insight-owned?sort=drop+table", owner)).status).toBe(400);
  const file = await get(csv, "/trainer/courses/insight-owned/learners.csv", owner);
  expect(file.status).toBe(200);
  expect(file.headers.get("content-type")).toContain("text/csv");
  expect((await get(csv, "/trainer/courses/insight-owned/learners.csv", other)).status).toBe(404);
  expect((await get(csv, "/trainer/courses/insight-owned/learners.csv", learner)).status).toBe(404);
});
