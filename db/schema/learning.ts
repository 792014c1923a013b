import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { userRef } from "./accounts";

/** The catalogue (synced from content/ by the content build) and each person's progress through it. */

export const courses = pgTable(
  "courses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    topic: text("topic").notNull(),
    level: text("level").notNull(),
    estimatedMinutes: integer("estimated_minutes").notNull(),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en"),
    summaryVi: text("summary_vi").notNull(),
    summaryEn: text("summary_en"),
    owners: text("owners").array().notNull().default(sql`'{}'::text[]`),
    competences: jsonb("competences").$type<{ id: string; level: number }[]>().notNull().default([]),
    validForMonths: integer("valid_for_months"),
    published: boolean("published").notNull().default(false),
    /** Hash of every file of the course: changes whenever its content does. */
    contentHash: text("content_hash").notNull(),
    contentChangedAt: timestamp("content_changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** Title, summary and overview in both languages, folded (lower case, no diacritics) for search. */
    searchText: text("search_text").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("courses_slug_key").on(t.slug)],
);

/** The course a row is about (the content sync never deletes a course: it unpublishes it). */
export const courseRef = () => uuid("course_id").notNull().references(() => courses.id);

export const lessons = pgTable(
  "lessons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: courseRef(),
    slug: text("slug").notNull(),
    position: integer("position").notNull(),
    titleVi: text("title_vi").notNull(),
    titleEn: text("title_en"),
    minutes: integer("minutes").notNull(),
    /** false once the lesson was removed from content/: kept so that history still joins. */
    active: boolean("active").notNull().default(true),
    contentHash: text("content_hash").notNull(),
    searchText: text("search_text").notNull().default(""),
  },
  (t) => [uniqueIndex("lessons_course_slug_key").on(t.courseId, t.slug), index("lessons_course_idx").on(t.courseId, t.position)],
);

/** The lesson a row is about (the content sync never deletes a lesson: it marks it inactive). */
export const lessonRef = () => uuid("lesson_id").notNull().references(() => lessons.id);

// --- progress ---------------------------------------------------------------------------------

export const enrolments = pgTable(
  "enrolments",
  {
    userId: userRef(),
    courseId: courseRef(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** Completion cycle: recertification starts the next one (graded quizzes must be passed again after cycleStartedAt). */
    cycle: integer("cycle").notNull().default(1),
    cycleStartedAt: timestamp("cycle_started_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId] }), index("enrolments_course_idx").on(t.courseId)],
);

export const lessonProgress = pgTable(
  "lesson_progress",
  {
    userId: userRef(),
    lessonId: lessonRef(),
    firstOpenedAt: timestamp("first_opened_at", { withTimezone: true }).notNull().defaultNow(),
    lastOpenedAt: timestamp("last_opened_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lessonId] }), index("lesson_progress_lesson_idx").on(t.lessonId)],
);
