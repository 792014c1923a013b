import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { quizAttempts, users } from "../../../db/schema";
import { toQuizPublic } from "../../../app/content/quiz-public.server";
import type { QuizSpec } from "../../../app/content/schema";
import { findLesson, recordLessonVisit } from "../../../app/learning/progress.server";
import { lessonQuizViews, startAttempt, submitAttempt } from "../../../app/quizzes/attempts.server";
import { getI18n } from "../../../app/i18n/i18n.server";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { ALL_RIGHT, answers, fixtureQuiz } from "../../support/quiz";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => handle?.close());

/** The same quiz in English: same ids, same answers, other words. */
function english(spec: QuizSpec): QuizSpec {
  const prompts: Record<string, string> = { q1: "Which decree protects personal data?", q2: "AI is always right.", q3: "How many Dublin Core elements?" };
  return {
    ...spec,
    title: "Final test",
    questions: spec.questions.map((q) => ({ ...q, prompt: prompts[q.id]!, promptHtml: prompts[q.id]!, explanation: `EN ${q.id}` })),
  };
}

async function setup(slug: string) {
  const spec = fixtureQuiz({ showAnswers: "after-attempt" });
  await syncFake(handle.db, fakeCourse(slug, [{ slug: "only", vi: "Bài", quizzes: [{ id: spec.id, graded: spec.graded }] }]));
  const email = await createUser(handle.db);
  const [user] = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  const lesson = (await findLesson(handle.db, slug, "only"))!;
  await recordLessonVisit(handle.db, user!.id, lesson);
  const ref = { userId: user!.id, courseId: lesson.courseId, lessonId: lesson.id, quizId: spec.id };
  const views = (lang: "vi" | "en") =>
    lessonQuizViews(handle.db, {
      userId: ref.userId,
      lessonId: lesson.id,
      cycleStartedAt: null,
      quizzes: [toQuizPublic(lang === "en" ? english(spec) : spec)],
      specs: [lang === "en" ? english(spec) : spec],
      lang,
      t: getI18n(lang).t,
    });
  return { spec, ref, views };
}

const promptsOf = (view: Awaited<ReturnType<typeof lessonQuizViews>>[number]) => view.attempt!.questions.map((q) => q.prompt).sort();

test("an attempt started in Vietnamese is shown in English after switching, and graded the same", async () => {
  const { spec, ref, views } = await setup("lang-switch");
  const en = english(spec);
  const started = await startAttempt(handle.db, ref, { spec, publicQuiz: toQuizPublic(spec), lang: "vi", translations: { en: { spec: en, publicQuiz: toQuizPublic(en) } } });
  if ("refused" in started) throw new Error(started.refused);
  expect(promptsOf((await views("vi"))[0]!)).toContain("AI luôn đúng.");
  expect(promptsOf((await views("en"))[0]!)).toEqual(["AI is always right.", "How many Dublin Core elements?", "Which decree protects personal data?"]);
  const outcome = await submitAttempt(handle.db, ref.userId, started.attemptId, answers(ALL_RIGHT), { confirmUnanswered: false });
  expect(outcome).toMatchObject({ submitted: true, grade: { score: 3, maxScore: 3, passed: true } });
  const result = (await views("en"))[0]!.result!;
  expect(result.questions.map((q) => q.promptHtml)).toContain("AI is always right.");
  expect(result.questions.find((q) => q.id === "q2")).toMatchObject({ status: "correct", explanation: "EN q2", yourAnswer: "False" });
  expect((await views("vi"))[0]!.result!.questions.find((q) => q.id === "q2")).toMatchObject({ explanation: "Không.", yourAnswer: "Sai" });
});

test("a translation whose questions differ is not kept; an attempt from before keeps its own language", async () => {
  const { spec, ref, views } = await setup("lang-mismatch");
  const en = english(spec);
  const different = { ...en, questions: en.questions.slice(0, 2) };
  const started = await startAttempt(handle.db, ref, {
    spec,
    publicQuiz: toQuizPublic(spec),
    lang: "vi",
    translations: { en: { spec: different, publicQuiz: toQuizPublic(different) } },
  });
  if ("refused" in started) throw new Error(started.refused);
  expect(promptsOf((await views("en"))[0]!)).toContain("AI luôn đúng.");
  // An attempt stored before translations were kept: the snapshot alone.
  await handle.db.update(quizAttempts).set({ spec, publicQuiz: toQuizPublic(spec) }).where(eq(quizAttempts.id, started.attemptId));
  expect(promptsOf((await views("en"))[0]!)).toContain("AI luôn đúng.");
});
