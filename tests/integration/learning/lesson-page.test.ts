import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { quizAttempts, users } from "../../../db/schema";
import { toQuizPublic } from "../../../app/content/quiz-public.server";
import { findCourseProgress, findLesson, findLessonPage, recordLessonVisit } from "../../../app/learning/progress.server";
import { startAttempt, submitAttempt } from "../../../app/quizzes/attempts.server";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { ALL_RIGHT, answers, fixtureQuiz } from "../../support/quiz";

// The lesson page reads progress, gate and attempts in one statement (findLessonPage): it must read what the
// separate queries read. The gate itself is tested with the programmes (tests/integration/programmes).
let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => handle?.close());

test("the lesson page's one statement reads the progress and every attempt as the separate queries do", async () => {
  const db = handle.db;
  const spec = fixtureQuiz();
  await syncFake(db, fakeCourse("one-statement", [
    { slug: "first", vi: "Bài một", quizzes: [{ id: spec.id, graded: spec.graded }] },
    { slug: "second", vi: "Bài hai" },
  ]));
  const email = await createUser(db);
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  const user = { id: row!.id, email, roles: ["learner"] };
  const lesson = (await findLesson(db, "one-statement", "first"))!;

  const empty = await findLessonPage(db, user, "one-statement", "first");
  expect(empty?.attempts).toEqual([]);
  expect(empty?.gate).toBeNull();
  expect(await findLessonPage(db, user, "no-such-course", "first")).toBeNull();

  await recordLessonVisit(db, user.id, lesson);
  const ref = { userId: user.id, courseId: lesson.courseId, lessonId: lesson.id, quizId: spec.id };
  const first = await startAttempt(db, ref, { spec, publicQuiz: toQuizPublic(spec), lang: "vi" });
  if ("refused" in first) throw new Error(first.refused);
  await submitAttempt(db, user.id, first.attemptId, answers(ALL_RIGHT), { confirmUnanswered: false });
  const second = await startAttempt(db, ref, { spec, publicQuiz: toQuizPublic(spec), lang: "vi" });
  if ("refused" in second) throw new Error(second.refused);

  const page = await findLessonPage(db, user, "one-statement", "first");
  const rows = await db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, user.id), eq(quizAttempts.lessonId, lesson.id)))
    .orderBy(asc(quizAttempts.attemptNo));
  expect(rows).toHaveLength(2);
  expect(page?.attempts).toEqual(rows);
  expect(page?.attempts[0]!.submittedAt).toBeInstanceOf(Date);
  const { gate: _gate, attempts: _attempts, ...progress } = page!;
  expect(progress).toEqual(await findCourseProgress(db, user, "one-statement"));
  // The course page reads the same progress, without attempts.
  const course = await findLessonPage(db, user, "one-statement", null);
  expect(course?.attempts).toEqual([]);
  expect(course?.percent).toBe(progress.percent);
  // Another lesson of the course has no attempts of its own.
  expect((await findLessonPage(db, user, "one-statement", "second"))?.attempts).toEqual([]);
});
