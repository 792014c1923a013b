import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { enrolments, quizAttempts, users } from "../../../db/schema";
import { toQuizPublic } from "../../../app/content/quiz-public.server";
import type { QuizSpec } from "../../../app/content/schema";
import { completeLesson, findLesson, recordLessonVisit, refreshCourseCompletion } from "../../../app/learning/progress.server";
import { startAttempt, submitAttempt } from "../../../app/quizzes/attempts.server";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { ALL_RIGHT, answers, fixtureQuiz, ONE_RIGHT } from "../../support/quiz";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function setup(courseSlug: string, spec: QuizSpec) {
  await syncFake(handle.db, fakeCourse(courseSlug, [{ slug: "only", vi: "Bài duy nhất", quizzes: [{ id: spec.id, graded: spec.graded }] }]));
  const email = await createUser(handle.db);
  const [user] = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  const lesson = (await findLesson(handle.db, courseSlug, "only"))!;
  await recordLessonVisit(handle.db, user!.id, lesson);
  const ref = { userId: user!.id, courseId: lesson.courseId, lessonId: lesson.id, quizId: spec.id };
  const start = (s: QuizSpec = spec) => startAttempt(handle.db, ref, { spec: s, publicQuiz: toQuizPublic(s), lang: "vi" });
  return { ref, lesson, start };
}

async function attemptId(result: Awaited<ReturnType<typeof startAttempt>>) {
  if ("refused" in result) throw new Error(`refused: ${result.refused}`);
  return result.attemptId;
}

test("20 concurrent submits of one attempt record one graded attempt and all get its result", async () => {
  const { ref, start } = await setup("quiz-concurrent", fixtureQuiz());
  const id = await attemptId(await start());
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, () => submitAttempt(handle.db, ref.userId, id, answers(ALL_RIGHT), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion })),
  );
  for (const outcome of outcomes) expect(outcome).toMatchObject({ submitted: true, grade: { score: 3, maxScore: 3, percent: 100, passed: true } });
  const rows = await handle.db.select().from(quizAttempts).where(eq(quizAttempts.userId, ref.userId));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.status).toBe("submitted");
});

test("two tabs starting at once share one open attempt", async () => {
  const { ref, start } = await setup("quiz-two-tabs", fixtureQuiz());
  const ids = await Promise.all(Array.from({ length: 8 }, async () => attemptId(await start())));
  expect(new Set(ids).size).toBe(1);
  expect(await handle.db.select().from(quizAttempts).where(eq(quizAttempts.userId, ref.userId))).toHaveLength(1);
});

test("the attempt limit and the wait between attempts are enforced", async () => {
  const spec = fixtureQuiz({ attempts: 2, waitMinutes: 10 });
  const { ref, start } = await setup("quiz-limits", spec);
  const first = await attemptId(await start());
  await submitAttempt(handle.db, ref.userId, first, answers(ONE_RIGHT), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion });
  const waiting = await start();
  expect(waiting).toMatchObject({ refused: "wait" });
  expect(new Date((waiting as { until: string }).until).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
  await handle.db.update(quizAttempts).set({ submittedAt: new Date(Date.now() - 11 * 60_000) }).where(eq(quizAttempts.id, first));
  const second = await attemptId(await start());
  await submitAttempt(handle.db, ref.userId, second, answers(ONE_RIGHT), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion });
  await handle.db.update(quizAttempts).set({ submittedAt: new Date(Date.now() - 11 * 60_000) }).where(eq(quizAttempts.id, second));
  expect(await start()).toEqual({ refused: "limit" });
});

test("unanswered questions are flagged before submitting, and the saved answers are kept", async () => {
  const { ref, start } = await setup("quiz-unanswered", fixtureQuiz());
  const id = await attemptId(await start());
  const flagged = await submitAttempt(handle.db, ref.userId, id, answers({ "q:q1": "a" }), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion });
  expect(flagged).toEqual({ unanswered: 2 });
  const [row] = await handle.db.select().from(quizAttempts).where(eq(quizAttempts.id, id));
  expect(row!.status).toBe("in_progress");
  expect(row!.answers).toEqual({ "q:q1": ["a"] });
  const done = await submitAttempt(handle.db, ref.userId, id, new FormData(), { confirmUnanswered: true, onPassedGraded: refreshCourseCompletion });
  expect(done).toMatchObject({ submitted: true, grade: { score: 1, maxScore: 3 } });
});

test("editing a quiz after an attempt started never changes that attempt's score", async () => {
  const original = fixtureQuiz();
  const { ref, start } = await setup("quiz-edited", original);
  const id = await attemptId(await start());
  // The trainer changes the right answer of q1 to "b" after the attempt started; new attempts would use it.
  const edited = fixtureQuiz({
    questions: original.questions.map((q) =>
      q.type === "single" ? { ...q, choices: q.choices.map((c) => ({ ...c, correct: c.id === "b" })) } : q,
    ),
  });
  expect(edited.questions[0]).not.toEqual(original.questions[0]);
  const outcome = await submitAttempt(handle.db, ref.userId, id, answers(ALL_RIGHT), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion });
  expect(outcome).toMatchObject({ submitted: true, grade: { score: 3, percent: 100 } });
  const replay = await submitAttempt(handle.db, ref.userId, id, answers({ "q:q1": "b" }), { confirmUnanswered: true, onPassedGraded: refreshCourseCompletion });
  expect(replay).toMatchObject({ submitted: true, grade: { score: 3 } });
});

test("a course completes only when every lesson is complete and every graded quiz is passed", async () => {
  const { ref, lesson, start } = await setup("quiz-completion", fixtureQuiz({ attempts: 3 }));
  const completedAt = async () =>
    (await handle.db.select({ at: enrolments.completedAt }).from(enrolments).where(and(eq(enrolments.userId, ref.userId), eq(enrolments.courseId, ref.courseId))))[0]!.at;
  await completeLesson(handle.db, ref.userId, lesson);
  expect(await completedAt()).toBeNull();
  const failed = await attemptId(await start());
  expect(await submitAttempt(handle.db, ref.userId, failed, answers(ONE_RIGHT), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion })).toMatchObject({ grade: { passed: false } });
  expect(await completedAt()).toBeNull();
  const passed = await attemptId(await start());
  expect(await submitAttempt(handle.db, ref.userId, passed, answers(ALL_RIGHT), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion })).toMatchObject({ grade: { passed: true } });
  expect(await completedAt()).not.toBeNull();
});

test("a quiz of an unpublished course cannot be submitted", async () => {
  const { ref, start } = await setup("quiz-unpublished", fixtureQuiz());
  const id = await attemptId(await start());
  await syncFake(handle.db, fakeCourse("quiz-unpublished", [{ slug: "only", vi: "Bài duy nhất", quizzes: [{ id: "final", graded: true }] }], { published: false }));
  expect(await submitAttempt(handle.db, ref.userId, id, answers(ALL_RIGHT), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion })).toEqual({ refused: "unpublished" });
  const other = await createUser(handle.db);
  const [stranger] = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${other}`);
  expect(await submitAttempt(handle.db, stranger!.id, id, answers(ALL_RIGHT), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion })).toEqual({ refused: "noAttempt" });
});

test("progress counts a graded quiz as a step: all lessons done but the quiz not passed is not 100 %", async () => {
  const { getCourseProgress, listMyCourses, percentOf } = await import("../../../app/learning/progress.server");
  const { ref, lesson, start } = await setup("quiz-percent", fixtureQuiz());
  await completeLesson(handle.db, ref.userId, lesson);
  let progress = await getCourseProgress(handle.db, ref.userId, ref.courseId);
  expect(progress.percent).toBe(50);
  expect(progress.action).toBe("continue");
  expect(progress.resumeSlug).toBe("only");
  const mine = (await listMyCourses(handle.db, ref.userId)).find((c) => c.slug === "quiz-percent")!;
  expect(percentOf(mine)).toBe(50);
  expect(mine.resumeSlug).toBe("only");
  const id = await attemptId(await start());
  await submitAttempt(handle.db, ref.userId, id, answers(ALL_RIGHT), { confirmUnanswered: false, onPassedGraded: refreshCourseCompletion });
  progress = await getCourseProgress(handle.db, ref.userId, ref.courseId);
  expect(progress.percent).toBe(100);
  expect(progress.completedAt).not.toBeNull();
});
