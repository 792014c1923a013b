/**
 * Learning — what a learner does: catalogue, course and lesson pages, My learning, competences page.
 * Owns: `courses`, `lessons` (synced from content by ./catalogue-sync.server.ts), `enrolments`,
 * `lesson_progress`.
 * Offers: progress and completion (./completion.server.ts orchestrates what follows a completion:
 * the certificate, the assigned training), the learner catalogue, lesson counts for reports.
 * Uses: content, quizzes (attempts on the lesson page), certificates (issue), training (assignments).
 */
import { afterCourseCompleted } from "./completion.server";
import { type AnyColumn, and, asc, eq, type Placeholder, type SQL, sql } from "drizzle-orm";
import { cachedRead } from "../../db/read-cache";
import { outer, preparedFor } from "../../db/sql";
import type { Db } from "../../db/client";
import { courses, enrolments, lessonProgress, lessons } from "../../db/schema";
import { attemptsFromJson, lessonAttemptsJson } from "~/quizzes/attempts.server";
import { courseGateJson, gateOf } from "~/programmes/programmes.server";

export type LessonRef = { id: string; courseId: string; slug: string; position: number };

/** A published course's active lesson by slugs, or null (unknown, removed or unpublished). */
export async function findLesson(db: Db, courseSlug: string, lessonSlug: string): Promise<LessonRef | null> {
  const [row] = await db
    .select({ id: lessons.id, courseId: lessons.courseId, slug: lessons.slug, position: lessons.position })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(courses.slug, courseSlug), eq(lessons.slug, lessonSlug), eq(lessons.active, true), eq(courses.published, true)));
  return row ?? null;
}

/**
 * Opening a lesson enrols the learner in its course and records the visit; repeat visits only
 * move "last opened". Two autocommitted statements, enrolment first like completeLesson, so
 * that concurrent requests never hold locks in opposite orders (no deadlock on PostgreSQL).
 */
export async function recordLessonVisit(db: Db, userId: string, lesson: Pick<LessonRef, "id" | "courseId">) {
  await db
    .insert(enrolments)
    .values({ userId, courseId: lesson.courseId })
    .onConflictDoUpdate({ target: [enrolments.userId, enrolments.courseId], set: { lastActivityAt: sql`now()` } });
  await db
    .insert(lessonProgress)
    .values({ userId, lessonId: lesson.id })
    .onConflictDoUpdate({ target: [lessonProgress.userId, lessonProgress.lessonId], set: { lastOpenedAt: sql`now()` } });
}

/**
 * Marks a lesson complete (the first completion time is kept) and completes the course when every
 * active lesson is complete. Idempotent: double clicks, two tabs and replays change nothing more.
 */
export async function completeLesson(db: Db, userId: string, lesson: LessonRef) {
  return db.transaction(async (tx) => {
    await tx
      .insert(enrolments)
      .values({ userId, courseId: lesson.courseId })
      .onConflictDoUpdate({ target: [enrolments.userId, enrolments.courseId], set: { lastActivityAt: sql`now()` } });
    await tx
      .insert(lessonProgress)
      .values({ userId, lessonId: lesson.id, completedAt: sql`now()` })
      .onConflictDoUpdate({
        target: [lessonProgress.userId, lessonProgress.lessonId],
        set: { completedAt: sql`coalesce(${lessonProgress.completedAt}, now())`, lastOpenedAt: sql`now()` },
      });
    const courseCompleted = await refreshCourseCompletion(tx as unknown as Db, userId, lesson.courseId);
    return { courseCompleted };
  });
}

/**
 * Sets the course's completion date, once, when every active lesson is complete and every graded
 * quiz of the current content has a passed attempt. Returns whether this call completed it.
 */
/**
 * Marks the enrolment completed when every active lesson is completed and every active graded quiz passed
 * (in a recertification cycle: passed again since the cycle started). Runs inside the caller's transaction;
 * when it completes the course it calls `afterCourseCompleted` there too (certificate, assignments).
 */
export async function refreshCourseCompletion(db: Db, userId: string, courseId: string) {
  const completed = await db
    .update(enrolments)
    .set({ completedAt: sql`now()` })
    .where(
      and(
        eq(enrolments.userId, userId),
        eq(enrolments.courseId, courseId),
        sql`${enrolments.completedAt} is null`,
        sql`not exists (
          select 1 from lessons l
          where l.course_id = ${courseId} and l.active
            and not exists (select 1 from lesson_progress lp where lp.lesson_id = l.id and lp.user_id = ${userId} and lp.completed_at is not null)
        )`,
        sql`not exists (
          select 1 from course_quizzes cq join lessons l on l.id = cq.lesson_id and l.active
          where cq.course_id = ${courseId} and cq.active and cq.graded
            and not exists (select 1 from quiz_attempts qa where qa.user_id = ${userId} and qa.lesson_id = cq.lesson_id
              and qa.quiz_id = cq.quiz_id and qa.status = 'submitted' and qa.passed
              and (${outer(enrolments.cycleStartedAt)} is null or qa.submitted_at >= ${outer(enrolments.cycleStartedAt)}))
        )`,
      ),
    )
    .returning({ completedAt: enrolments.completedAt, cycle: enrolments.cycle });
  const [row] = completed;
  if (!row?.completedAt) return false;
  await afterCourseCompleted(db, { userId, courseId, completedAt: row.completedAt, cycle: row.cycle });
  return true;
}

export type CourseProgress = {
  lessons: {
    id: string;
    slug: string;
    position: number;
    titleVi: string;
    titleEn: string | null;
    minutes: number;
    completed: boolean;
    opened: boolean;
    recentlyOpened: boolean;
    quizzesPassed: boolean;
  }[];
  percent: number;
  started: boolean;
  completedAt: Date | null;
  /** A recertification cycle is open: the course must be completed again (graded quizzes passed again). */
  recertifying: boolean;
  /** When the current completion cycle started (null in the first cycle): attempts before it are history. */
  cycleStartedAt: Date | null;
  /** Where "Start" / "Continue" / "Review" leads: the first lesson not completed, else the first. */
  resumeSlug: string | null;
  action: "start" | "continue" | "review";
};

/** Progress is measured against the course's current lessons; a completed course stays completed. */
export async function getCourseProgress(db: Db, userId: string, courseId: string): Promise<CourseProgress> {
  return summarise(await progressRows(db, userId, eq(courses.id, courseId)));
}

/**
 * A course found by slug with the learner's progress, in one query; null when there is none. A
 * draft (unpublished) course is found only for its owners and admins, who preview it.
 */
export async function findCourseProgress(
  db: Db,
  user: { id: string; email: string; roles: readonly string[] },
  courseSlug: string,
) {
  const query = preparedFor(db, "course_progress_by_slug", () =>
    progressRows(db, sql.placeholder("userId"), courseBySlug).prepare("course_progress_by_slug"),
  );
  const params = { userId: user.id, slug: courseSlug, isAdmin: user.roles.includes("admin"), email: user.email.toLowerCase() };
  const rows = await cachedRead(db, `progress:${params.userId}:${params.isAdmin}:${params.email}:${courseSlug}`, () =>
    query.execute(params),
    params.userId,
  );
  return progressOf(rows);
}

/**
 * Everything the lesson page (and, without a lesson, the course page) reads, in one statement: the course and the learner's progress (as findCourseProgress),
 * the programme gate of the course (programmes' courseGate) and the learner's attempts at the lesson's quizzes. Both
 * come on the first row only (a CASE on the row number: their subqueries run once). Null when there is no course.
 */
export async function findLessonPage(
  db: Db,
  user: { id: string; email: string; roles: readonly string[] },
  courseSlug: string,
  /** null: the course page, which needs the progress and the gate but no attempts. */
  lessonSlug: string | null,
) {
  const query = preparedFor(db, "lesson_page", () => {
    const userId = sql.placeholder("userId");
    const lessonId = sql`(select l.id from lessons l where l.course_id = ${outer(courses.id)} and l.slug = ${sql.placeholder("lesson")} and l.active)`;
    return progressRows(db, userId, courseBySlug, {
      gate: sql<Parameters<typeof gateOf>[0]>`case when ${firstRowOfCourse} then ${courseGateJson(userId, outer(courses.id))} end`,
      attempts: sql<Parameters<typeof attemptsFromJson>[0]>`case when ${firstRowOfCourse} then ${lessonAttemptsJson(userId, lessonId)} end`,
    }).prepare("lesson_page");
  });
  const params = { userId: user.id, slug: courseSlug, lesson: lessonSlug, isAdmin: user.roles.includes("admin"), email: user.email.toLowerCase() };
  const rows = await cachedRead(db, `lesson-page:${params.userId}:${params.isAdmin}:${params.email}:${courseSlug}:${lessonSlug ?? ""}`, () =>
    query.execute(params),
    params.userId,
  );
  const progress = progressOf(rows);
  if (!progress) return null;
  return { ...progress, gate: gateOf(rows[0]!.gate), attempts: attemptsFromJson(rows[0]!.attempts) };
}

/**
 * True on a course's first lesson row (progressRows orders them by position). What belongs to the course, not to a
 * lesson, is sent on that row only (a CASE on it): one window, which every such column and subquery shares.
 */
const firstRowOfCourse = sql`row_number() over (partition by ${courses.id} order by ${lessons.position}) = 1`;

/** The course found by slug: published, or a draft that this user (an owner, or an admin) may preview. */
const courseBySlug = and(
  eq(courses.slug, sql.placeholder("slug")),
  sql`(${courses.published} or ${sql.placeholder("isAdmin")} or ${sql.placeholder("email")} = any(${courses.owners}))`,
);

/** The course's own columns: on the first row, and never null there (progressRows). */
type CourseColumns = "published" | "owners" | "courseTitleVi" | "courseSummaryVi" | "topic" | "level" | "estimatedMinutes" | "competences";

function progressOf(rows: ProgressRow[]) {
  const first = rows[0] as (ProgressRow & { [K in CourseColumns]: NonNullable<ProgressRow[K]> }) | undefined;
  if (!first) return null;
  const course = {
    id: first.courseId,
    published: first.published,
    owners: first.owners,
    titleVi: first.courseTitleVi,
    titleEn: first.courseTitleEn,
    summaryVi: first.courseSummaryVi,
    summaryEn: first.courseSummaryEn,
    topic: first.topic,
    level: first.level,
    estimatedMinutes: first.estimatedMinutes,
    competences: first.competences,
  };
  return { courseId: first.courseId, course, ...summarise(rows) };
}

function progressRows<Extra extends Record<string, SQL>>(db: Db, userId: string | Placeholder, where: SQL | undefined, extra?: Extra) {
  // What belongs to the course or to the learner's enrolment is the same on every lesson's row: it comes on the first
  // row only, so the driver parses the summaries, arrays and dates once, not per lesson.
  const once = <C extends AnyColumn>(column: C) => sql`case when ${firstRowOfCourse} then ${column} end`.mapWith(column) as SQL<C["_"]["data"] | null>;
  return db
    .select({
      ...(extra as Extra),
      courseId: courses.id,
      published: once(courses.published),
      owners: once(courses.owners),
      courseTitleVi: once(courses.titleVi),
      courseTitleEn: once(courses.titleEn),
      courseSummaryVi: once(courses.summaryVi),
      courseSummaryEn: once(courses.summaryEn),
      topic: once(courses.topic),
      level: once(courses.level),
      estimatedMinutes: once(courses.estimatedMinutes),
      competences: once(courses.competences),
      id: lessons.id,
      slug: lessons.slug,
      position: lessons.position,
      titleVi: lessons.titleVi,
      titleEn: lessons.titleEn,
      minutes: lessons.minutes,
      completedAt: lessonProgress.completedAt,
      openedAt: lessonProgress.firstOpenedAt,
      lastOpenedAt: lessonProgress.lastOpenedAt,
      lastActivityAt: once(enrolments.lastActivityAt),
      enrolledAt: once(enrolments.startedAt),
      courseCompletedAt: once(enrolments.completedAt),
      cycle: once(enrolments.cycle),
      cycleStartedAt: once(enrolments.cycleStartedAt),
      ...gradedQuizCounts(userId),
    })
    .from(courses)
    .innerJoin(lessons, and(eq(lessons.courseId, courses.id), eq(lessons.active, true)))
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId)))
    .leftJoin(enrolments, and(eq(enrolments.courseId, courses.id), eq(enrolments.userId, userId)))
    .where(where)
    .orderBy(asc(lessons.position));
}

const withinLastMinute = (at: Date | null, now: number) => at !== null && now - at.getTime() < 60_000;

type ProgressRow = Awaited<ReturnType<typeof progressRows<Record<never, SQL>>>>[number];

function summarise(rows: ProgressRow[]): CourseProgress {
  // Computed here rather than with now() in SQL, so that the rows may be served from the read cache.
  const now = Date.now();
  // The enrolment's columns are on the first row only (progressRows).
  const touchedRecently = withinLastMinute(rows[0]?.lastActivityAt ?? null, now);
  const list = rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    position: r.position,
    titleVi: r.titleVi,
    titleEn: r.titleEn,
    minutes: r.minutes,
    completed: r.completedAt !== null,
    opened: r.openedAt !== null,
    /** True when this lesson was opened (and the course touched) in the last minute. */
    recentlyOpened: withinLastMinute(r.lastOpenedAt, now) && touchedRecently,
    /** Every graded quiz of the lesson is passed (true when it has none). */
    quizzesPassed: r.passedQuizzes >= r.gradedQuizzes,
  }));
  // Each lesson counts once, and each graded quiz once more: both are needed to complete.
  const total = list.length + rows.reduce((n, r) => n + r.gradedQuizzes, 0);
  const done = list.filter((l) => l.completed).length + rows.reduce((n, r) => n + Math.min(r.passedQuizzes, r.gradedQuizzes), 0);
  const completedAt = rows[0]?.courseCompletedAt ?? null;
  const started = rows[0]?.enrolledAt != null;
  const percent = completedAt ? 100 : total ? Math.floor((done / total) * 100) : 0;
  const firstOpen = list.find((l) => !l.completed || !l.quizzesPassed);
  const action = completedAt || !firstOpen ? (started ? "review" : "start") : started ? "continue" : "start";
  return {
    lessons: list,
    percent,
    started,
    completedAt,
    recertifying: !completedAt && (rows[0]?.cycle ?? 1) > 1,
    cycleStartedAt: rows[0]?.cycleStartedAt ?? null,
    resumeSlug: (action === "review" ? list[0] : (firstOpen ?? list[0]))?.slug ?? null,
    action,
  };
}

/** Per lesson: its active graded quizzes, and how many of them the learner has passed (in the current cycle). */
function gradedQuizCounts(userId: string | Placeholder) {
  return {
    gradedQuizzes: sql<number>`(select count(*)::int from course_quizzes cq where cq.lesson_id = ${outer(lessons.id)} and cq.active and cq.graded)`,
    passedQuizzes: sql<number>`(select count(*)::int from course_quizzes cq where cq.lesson_id = ${outer(lessons.id)} and cq.active and cq.graded
      and exists (select 1 from quiz_attempts qa where qa.user_id = ${userId} and qa.lesson_id = cq.lesson_id and qa.quiz_id = cq.quiz_id
        and qa.status = 'submitted' and qa.passed ${inCurrentCycle}))`,
  };
}

/** A recertification cycle (enrolments.cycle_started_at) needs graded quizzes passed again; enrolments must be joined. */
const inCurrentCycle = sql`and (${outer(enrolments.cycleStartedAt)} is null or qa.submitted_at >= ${outer(enrolments.cycleStartedAt)})`;

/**
 * Columns counting what a course asks (active lessons plus active graded quizzes) and what the
 * learner has done of it (lessons completed, graded quizzes passed), for percentOf. The query must join enrolments.
 */
export function lessonCounts(userId: string | SQL | Placeholder) {
  return {
    total: sql<number>`(select count(*)::int from lessons l where l.course_id = ${outer(courses.id)} and l.active)
      + (select count(*)::int from course_quizzes cq join lessons l on l.id = cq.lesson_id
         where cq.course_id = ${outer(courses.id)} and cq.active and cq.graded and l.active)`,
    done: sql<number>`(select count(*)::int from lesson_progress lp join lessons l on l.id = lp.lesson_id
      where l.course_id = ${outer(courses.id)} and l.active and lp.user_id = ${userId} and lp.completed_at is not null)
      + (select count(*)::int from course_quizzes cq join lessons l on l.id = cq.lesson_id
         where cq.course_id = ${outer(courses.id)} and cq.active and cq.graded and l.active
           and exists (select 1 from quiz_attempts qa where qa.user_id = ${userId} and qa.lesson_id = cq.lesson_id
             and qa.quiz_id = cq.quiz_id and qa.status = 'submitted' and qa.passed ${inCurrentCycle}))`,
  };
}

/** The learner's courses with their percentage, most recently active first. */
export async function listMyCourses(db: Db, userId: string) {
  return db
    .select({
      courseId: courses.id,
      slug: courses.slug,
      titleVi: courses.titleVi,
      titleEn: courses.titleEn,
      startedAt: enrolments.startedAt,
      completedAt: enrolments.completedAt,
      lastActivityAt: enrolments.lastActivityAt,
      ...lessonCounts(userId),
      resumeSlug: sql<string | null>`(select l.slug from lessons l where l.course_id = ${outer(courses.id)} and l.active
        and (not exists (select 1 from lesson_progress lp where lp.lesson_id = l.id and lp.user_id = ${userId} and lp.completed_at is not null)
          or exists (select 1 from course_quizzes cq where cq.lesson_id = l.id and cq.active and cq.graded
            and not exists (select 1 from quiz_attempts qa where qa.user_id = ${userId} and qa.lesson_id = l.id
              and qa.quiz_id = cq.quiz_id and qa.status = 'submitted' and qa.passed ${inCurrentCycle})))
        order by l.position limit 1)`,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(and(eq(enrolments.userId, userId), eq(courses.published, true)))
    .orderBy(sql`${enrolments.lastActivityAt} desc`);
}

export function percentOf(row: { total: number; done: number; completedAt: Date | null }) {
  if (row.completedAt) return 100;
  return row.total ? Math.floor((row.done / row.total) * 100) : 0;
}

