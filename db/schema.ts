import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
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

export const roleEnum = pgEnum("role", ["learner", "trainer", "hr", "admin"]);
export const localeEnum = pgEnum("locale", ["vi", "en"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const orgUnits = pgTable(
  "org_units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en"),
    parentId: uuid("parent_id").references((): AnyPgColumn => orgUnits.id),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("org_units_code_key").on(t.code), index("org_units_parent_idx").on(t.parentId)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    fullName: text("full_name").notNull(),
    staffNumber: text("staff_number"),
    jobTitle: text("job_title"),
    orgUnitId: uuid("org_unit_id").references(() => orgUnits.id),
    locale: localeEnum("locale").notNull().default("vi"),
    active: boolean("active").notNull().default(true),
    passwordHash: text("password_hash"),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Emails are unique whatever their case: Lan@Thuvien.vn and lan@thuvien.vn are one person.
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_staff_number_key").on(t.staffNumber),
    index("users_org_unit_idx").on(t.orgUnitId),
  ],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the cookie token, hex-encoded; the token itself is never stored.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Storage for rate-limiter-flexible's RateLimiterDrizzle (column names are the library's). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true }),
});

export type Role = (typeof roleEnum.enumValues)[number];
export type Locale = (typeof localeEnum.enumValues)[number];

// --- catalogue (synced from content/ by the content build) ------------------------------------

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

export const lessons = pgTable(
  "lessons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
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

// --- progress ---------------------------------------------------------------------------------

export const enrolments = pgTable(
  "enrolments",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId] }), index("enrolments_course_idx").on(t.courseId)],
);

export const lessonProgress = pgTable(
  "lesson_progress",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lessonId: uuid("lesson_id")
      .notNull()
      .references(() => lessons.id),
    firstOpenedAt: timestamp("first_opened_at", { withTimezone: true }).notNull().defaultNow(),
    lastOpenedAt: timestamp("last_opened_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lessonId] }), index("lesson_progress_lesson_idx").on(t.lessonId)],
);

// --- quizzes ------------------------------------------------------------------------------------

/** The quizzes each lesson holds now (synced from content): completion needs every graded one passed. */
export const courseQuizzes = pgTable(
  "course_quizzes",
  {
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    lessonId: uuid("lesson_id")
      .notNull()
      .references(() => lessons.id),
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
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    lessonId: uuid("lesson_id")
      .notNull()
      .references(() => lessons.id),
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
