/**
 * Quizzes — attempts at the quizzes written in lessons, graded on the server.
 * Owns: `course_quizzes`, `quiz_attempts`; the grading engine (./engine.ts) and item statistics.
 * Offers: start/save/submit an attempt (a pass is reported through `onPassedGraded`, so learning can
 * complete the course in the same transaction), the lesson's quiz views, submitted attempts for stats.
 * Uses: content (quiz specs, answer keys).
 */
import { cachedRead } from "../../db/read-cache";
import { and, asc, eq, getTableColumns, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { courses, enrolments, lessons, quizAttempts } from "../../db/schema";
import type { QuizResultView, QuizView } from "~/quizzes/components/quiz-types";
import type { QuizPublic, QuizSpec } from "~/content/schema";
import type { Locale } from "~/i18n";
import {
  type AnswerFields,
  type AttemptLayout,
  answerText,
  cleanAnswers,
  correctFields,
  drawLayout,
  type Grade,
  gradeAttempt,
  layoutQuestions,
  mayShowAnswers,
  unansweredCount,
} from "./engine";
import { inLanguage, type QuizVersion, snapshotOf, type Stored } from "./versions";

export type QuizRef = { userId: string; courseId: string; lessonId: string; quizId: string };
export type Refusal = { refused: "limit" | "wait" | "unpublished" | "notFound" | "noAttempt" | "invalid"; until?: string };

export type AttemptRow = typeof quizAttempts.$inferSelect;

const submittedOf = (rows: AttemptRow[]) => rows.filter((r) => r.status === "submitted");

/** When the next attempt may start, or null when it may start now (or never: see the limit). */
function waitUntil(spec: Pick<QuizSpec, "waitMinutes">, rows: AttemptRow[]) {
  const last = submittedOf(rows).at(-1)?.submittedAt;
  if (!spec.waitMinutes || !last) return null;
  const until = new Date(last.getTime() + spec.waitMinutes * 60_000);
  return until.getTime() > Date.now() ? until : null;
}

function attemptsOf(db: Db, ref: Omit<QuizRef, "courseId">) {
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, ref.userId), eq(quizAttempts.lessonId, ref.lessonId), eq(quizAttempts.quizId, ref.quizId)))
    .orderBy(asc(quizAttempts.attemptNo));
}

/**
 * In a recertification cycle, only attempts since the cycle started count (limit, wait, passed); earlier ones
 * stay as history. Open attempts always count.
 */
function inCycle(rows: AttemptRow[], since: Date | null) {
  return since ? rows.filter((r) => r.status === "in_progress" || (r.submittedAt ?? r.startedAt) >= since) : rows;
}

/** When the learner's current completion cycle of the lesson's course started (null: the first cycle). */
async function cycleStart(db: Db, userId: string, lessonId: string) {
  const [enrolment] = await db
    .select({ since: enrolments.cycleStartedAt })
    .from(enrolments)
    .innerJoin(lessons, eq(lessons.courseId, enrolments.courseId))
    .where(and(eq(enrolments.userId, userId), eq(lessons.id, lessonId)));
  return enrolment?.since ?? null;
}

/**
 * Starts an attempt, fixing its question set and order, or returns the one already open (two
 * tabs, a double click). Refused after the attempt limit and while the wait between attempts runs.
 */
export async function startAttempt(
  db: Db,
  ref: QuizRef,
  quiz: QuizVersion & { lang: Locale; translations?: Partial<Record<Locale, QuizVersion>> },
): Promise<{ attemptId: string } | Refusal> {
  const all = await attemptsOf(db, ref);
  const rows = inCycle(all, await cycleStart(db, ref.userId, ref.lessonId));
  const open = rows.find((r) => r.status === "in_progress");
  if (open) return { attemptId: open.id };
  const used = submittedOf(rows).length;
  if (quiz.spec.attempts !== null && used >= quiz.spec.attempts) return { refused: "limit" };
  const until = waitUntil(quiz.spec, rows);
  if (until) return { refused: "wait", until: until.toISOString() };
  const seed = crypto.randomUUID();
  await db
    .insert(quizAttempts)
    .values({
      ...ref,
      attemptNo: (all.at(-1)?.attemptNo ?? 0) + 1,
      lang: quiz.lang,
      ...snapshotOf(quiz, quiz.translations ?? {}),
      layout: drawLayout(quiz.spec, seed),
      seed,
      graded: quiz.spec.graded,
    })
    .onConflictDoNothing();
  const [created] = await db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.userId, ref.userId),
        eq(quizAttempts.lessonId, ref.lessonId),
        eq(quizAttempts.quizId, ref.quizId),
        eq(quizAttempts.status, "in_progress"),
      ),
    );
  return created ? { attemptId: created.id } : { refused: "limit" };
}

async function openAttempt(db: Db, userId: string, attemptId: string) {
  const [row] = await db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId)));
  return row ?? null;
}

/** Saves the answers given so far (only fields that belong to the attempt). */
export async function saveAnswers(db: Db, userId: string, attemptId: string, body: FormData): Promise<{ savedAt: string } | Refusal> {
  const attempt = await openAttempt(db, userId, attemptId);
  if (!attempt || attempt.status !== "in_progress") return { refused: "noAttempt" };
  const answers = cleanAnswers(attempt.spec as QuizSpec, attempt.layout as AttemptLayout, body.entries());
  const [saved] = await db
    .update(quizAttempts)
    .set({ answers, savedAt: sql`now()` })
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.status, "in_progress")))
    .returning({ savedAt: quizAttempts.savedAt });
  return saved?.savedAt ? { savedAt: saved.savedAt.toISOString() } : { refused: "noAttempt" };
}

export type SubmitOutcome = { submitted: true; grade: Grade; attemptNo: number } | { unanswered: number } | Refusal;

/**
 * What the caller does when a graded quiz is passed, inside the grading transaction (learning passes
 * refreshCourseCompletion, so grading and the course's completion commit or roll back together).
 */
export type OnPassedGraded = (tx: Db, userId: string, courseId: string) => Promise<unknown>;

/**
 * Grades an attempt in one transaction against the quiz as it was when the attempt started.
 * Idempotent: the row is locked, and an attempt already submitted returns its stored result, so
 * double submits, replays and two tabs record exactly one graded attempt.
 */
export async function submitAttempt(
  db: Db,
  userId: string,
  attemptId: string,
  body: FormData,
  options: { confirmUnanswered: boolean; onPassedGraded?: OnPassedGraded },
): Promise<SubmitOutcome> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [attempt] = await tx
      .select()
      .from(quizAttempts)
      .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId)))
      .for("update");
    if (!attempt) return { refused: "noAttempt" } as const;
    if (attempt.status === "submitted") {
      return { submitted: true, grade: attempt.result as Grade, attemptNo: attempt.attemptNo } as const;
    }
    const [course] = await tx.select({ published: courses.published }).from(courses).where(eq(courses.id, attempt.courseId));
    if (!course?.published) return { refused: "unpublished" } as const;
    const spec = attempt.spec as QuizSpec;
    const layout = attempt.layout as AttemptLayout;
    const sent = cleanAnswers(spec, layout, body.entries());
    const answers: AnswerFields = Object.keys(sent).length ? sent : (attempt.answers as AnswerFields);
    const open = unansweredCount(spec, layout, answers);
    if (open > 0 && !options.confirmUnanswered) {
      await tx.update(quizAttempts).set({ answers, savedAt: sql`now()` }).where(eq(quizAttempts.id, attempt.id));
      return { unanswered: open } as const;
    }
    const grade = gradeAttempt(spec, layout, answers);
    await tx
      .update(quizAttempts)
      .set({
        answers,
        status: "submitted",
        submittedAt: sql`now()`,
        score: grade.score,
        maxScore: grade.maxScore,
        percent: grade.percent,
        passed: grade.passed,
        result: grade,
      })
      .where(eq(quizAttempts.id, attempt.id));
    if (grade.passed && attempt.graded) await options.onPassedGraded?.(tx, userId, attempt.courseId);
    return { submitted: true, grade, attemptNo: attempt.attemptNo } as const;
  });
}

type Translate = (key: string) => string;

type QuizViewsInput = {
  /** From the learner's course progress (the page has it already): no second look at the enrolment. */
  cycleStartedAt: Date | null;
  quizzes: QuizPublic[];
  specs: QuizSpec[];
  /** The language the lesson is shown in: an attempt that has this version is shown in it. */
  lang: Locale;
  t: Translate;
};

/** Everything the lesson page shows for its quizzes, for one learner; answer keys stay here. */
export async function lessonQuizViews(db: Db, input: QuizViewsInput & { userId: string; lessonId: string }): Promise<QuizView[]> {
  if (input.quizzes.length === 0) return [];
  const all = await cachedRead(db, `attempts:${input.userId}:${input.lessonId}`, () =>
    db
      .select()
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, input.userId), eq(quizAttempts.lessonId, input.lessonId)))
      .orderBy(asc(quizAttempts.attemptNo)),
    input.userId,
  );
  return quizViewsOf(all, input);
}

/**
 * SQL: a learner's attempts at a lesson's quizzes, in attempt order, as one json value (null when there are none), so
 * that the lesson page reads them in the same statement as the course progress (learning's findLessonPage).
 * `attemptsFromJson` turns the value back into rows; `quizViewsOf` makes the views of them.
 */
export function lessonAttemptsJson(userId: string | Placeholder | SQL, lessonId: SQL) {
  return sql<Record<string, unknown>[] | null>`(select json_agg(to_jsonb(qa) order by qa.attempt_no) from quiz_attempts qa
    where qa.user_id = ${userId} and qa.lesson_id = ${lessonId})`;
}

const attemptColumns = Object.entries(getTableColumns(quizAttempts));

/** Rows as `select().from(quizAttempts)` returns them, from lessonAttemptsJson's value (snake_case keys, ISO times). */
export function attemptsFromJson(json: Record<string, unknown>[] | null): AttemptRow[] {
  return (json ?? []).map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of attemptColumns) {
      const value = raw[column.name] ?? null;
      row[key] = value !== null && column.columnType === "PgTimestamp" ? new Date(value as string) : value;
    }
    return row as AttemptRow;
  });
}

/** The lesson page's quiz views from the learner's attempts at the lesson (every attempt, in attempt order). */
export function quizViewsOf(all: AttemptRow[], input: QuizViewsInput): QuizView[] {
  if (input.quizzes.length === 0) return [];
  const rows = inCycle(all, input.cycleStartedAt);
  return input.quizzes.map((quiz) => {
    const spec = input.specs.find((s) => s.id === quiz.id);
    const mine = rows.filter((r) => r.quizId === quiz.id);
    const submitted = submittedOf(mine);
    const open = mine.find((r) => r.status === "in_progress");
    const attemptsLeft = quiz.attempts === null ? null : Math.max(0, quiz.attempts - submitted.length);
    const until = spec ? waitUntil(spec, mine) : null;
    const last = submitted.at(-1);
    const passed = submitted.some((r) => r.passed);
    return {
      id: quiz.id,
      title: quiz.title,
      graded: quiz.graded,
      passMark: quiz.passMark,
      questionCount: quiz.pool ?? quiz.questions.length,
      attemptsAllowed: quiz.attempts,
      attemptsUsed: submitted.length,
      bestPercent: submitted.length ? Math.max(...submitted.map((r) => r.percent ?? 0)) : null,
      passed,
      nextAttemptAt: !open && until && attemptsLeft !== 0 ? until.toISOString() : null,
      canStart: !open && attemptsLeft !== 0 && !until,
      attempt: open
        ? {
            id: open.id,
            attemptNo: open.attemptNo,
            savedAt: open.savedAt?.toISOString() ?? null,
            questions: layoutQuestions(inLanguage(open.publicQuiz as Stored<QuizPublic>, input.lang), open.layout as AttemptLayout),
            answers: open.answers as AnswerFields,
          }
        : null,
      result: last && !open ? resultView(last, { passed, attemptsLeft }, input.lang, input.t) : null,
    };
  });
}

function resultView(row: AttemptRow, context: { passed: boolean; attemptsLeft: number | null }, lang: Locale, t: Translate): QuizResultView {
  // Graded as stored; shown in the reader's language when the attempt has that version.
  const spec = inLanguage(row.spec as Stored<QuizSpec>, lang);
  const grade = row.result as Grade;
  const answers = row.answers as AnswerFields;
  const show = mayShowAnswers(spec, context);
  const byId = new Map(spec.questions.map((q) => [q.id, q]));
  return {
    attemptNo: row.attemptNo,
    score: grade.score,
    maxScore: grade.maxScore,
    percent: grade.percent,
    passed: grade.passed,
    submittedAt: row.submittedAt!.toISOString(),
    questions: grade.questions.flatMap((g, index) => {
      const question = byId.get(g.id);
      if (!question) return [];
      return [
        {
          id: g.id,
          n: index + 1,
          promptHtml: question.promptHtml,
          status: g.status,
          points: g.points,
          maxPoints: g.maxPoints,
          yourAnswer: answerText(question, answers, t),
          correctAnswer: show ? answerText(question, correctFields(question), t) : null,
          explanation: show ? question.explanation : null,
        },
      ];
    }),
  };
}

/** Every submitted attempt of one quiz of a course (any lesson holding that quiz id). */
export async function submittedAttempts(db: Db, courseId: string, quizId: string) {
  const rows = await db
    .select({ result: quizAttempts.result, answers: quizAttempts.answers })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, courseId), eq(quizAttempts.quizId, quizId), eq(quizAttempts.status, "submitted")));
  return rows.map((r) => ({ grade: r.result as Grade, answers: r.answers as AnswerFields }));
}
