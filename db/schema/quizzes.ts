import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { localeEnum, userRef } from "./accounts";
import { courseRef, lessonRef } from "./learning";

/** The quizzes each lesson holds now (synced from content): completion needs every graded one passed. */
export const courseQuizzes = pgTable(
  "course_quizzes",
  {
    courseId: courseRef(),
    lessonId: lessonRef(),
    quizId: text("quiz_id").notNull(),
    graded: boolean("graded").notNull(),
    active: boolean("active").notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.quizId] }), index("course_quizzes_course_idx").on(t.courseId)],
);

export const attemptStatusEnum = pgEnum("attempt_status", ["in_progress", "submitted"]);

export const quizAttempts = pgTable(
  "quiz_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: userRef(),
    courseId: courseRef(),
    lessonId: lessonRef(),
    quizId: text("quiz_id").notNull(),
    attemptNo: integer("attempt_no").notNull(),
    lang: localeEnum("lang").notNull(),
    /** The quiz exactly as it was when the attempt started (answer key included): grading uses it. */
    spec: jsonb("spec").notNull(),
    /** The public questions as shown, so a reload shows the same attempt even after an edit. */
    publicQuiz: jsonb("public_quiz").notNull(),
    /** Question set and option order drawn at start (from the seed). */
    layout: jsonb("layout").notNull(),
    seed: text("seed").notNull(),
    answers: jsonb("answers").notNull().default({}),
    graded: boolean("graded").notNull(),
    status: attemptStatusEnum("status").notNull().default("in_progress"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    savedAt: timestamp("saved_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    score: doublePrecision("score"),
    maxScore: doublePrecision("max_score"),
    percent: doublePrecision("percent"),
    passed: boolean("passed"),
    result: jsonb("result"),
  },
  (t) => [
    uniqueIndex("quiz_attempts_number_key").on(t.userId, t.lessonId, t.quizId, t.attemptNo),
    // At most one open attempt per person and quiz: two tabs starting at once get the same one.
    uniqueIndex("quiz_attempts_open_key").on(t.userId, t.lessonId, t.quizId).where(sql`status = 'in_progress'`),
    index("quiz_attempts_quiz_idx").on(t.lessonId, t.quizId, t.status),
  ],
);
