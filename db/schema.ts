import { sql } from "drizzle-orm";
import { FOLD_FROM, FOLD_TO } from "./fold";
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

/** A person the row belongs to: required, and the row goes when the person does. */
const userRef = (name = "user_id") => uuid(name).notNull().references(() => users.id, { onDelete: "cascade" });

/** Who did something (created, acted): optional, and kept as null when that person is deleted. */
const actorRef = (name: string) => uuid(name).references(() => users.id, { onDelete: "set null" });

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
    /**
     * Name, email and staff number folded (lower case, no Vietnamese diacritics) for the admin staff search; computed
     * by PostgreSQL so every writer (seed, import, edit form) keeps it right. Names are stored NFC.
     */
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(
        sql.raw(
          `lower(translate(full_name || ' ' || email || ' ' || coalesce(staff_number, ''), '${FOLD_FROM}', '${FOLD_TO}'))`,
        ),
      ),
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
    userId: userRef(),
    role: roleEnum("role").notNull(),
    /** For hr: limits what they see and export to this org unit and its descendants (null: everything). */
    scopeOrgUnitId: uuid("scope_org_unit_id").references(() => orgUnits.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the cookie token, hex-encoded; the token itself is never stored.
    id: text("id").primaryKey(),
    userId: userRef(),
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
    userId: userRef(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
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
    userId: userRef(),
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

// --- audit log ------------------------------------------------------------------------------------

/** Who did what, when: imports, role changes, deactivations, assignment changes, revocations, re-issues. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** null when the system acted (the daily job, the first start). */
    actorId: actorRef("actor_id"),
    /** e.g. "certificate.revoke", "staff.import", "user.roles", "assignment.create". */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_events_at_idx").on(t.at), index("audit_events_target_idx").on(t.targetType, t.targetId)],
);

// --- certificates -----------------------------------------------------------------------------------

/** ES256 signing keys for Open Badges credentials: the newest unretired one signs; every one stays published. */
export const signingKeys = pgTable("signing_keys", {
  /** The key id (also the last segment of its public URL). */
  id: text("id").primaryKey(),
  alg: text("alg").notNull().default("ES256"),
  publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
  privateJwk: jsonb("private_jwk").$type<Record<string, unknown>>(),
  createdAt: createdAt(),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
});

export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Public code, at least 80 random bits, base32 in groups (stored without dashes, upper case). */
    code: text("code").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    /** Which completion of the course this is (recertification opens cycle 2, 3, …). */
    cycle: integer("cycle").notNull().default(1),
    /** Everything below is frozen at issue time. */
    fullName: text("full_name").notNull(),
    courseSlug: text("course_slug").notNull(),
    courseTitleVi: text("course_title_vi").notNull(),
    courseTitleEn: text("course_title_en"),
    courseVersion: text("course_version").notNull(),
    competences: jsonb("competences").$type<{ id: string; level: number }[]>().notNull().default([]),
    scores: jsonb("scores").$type<{ quizId: string; lessonSlug: string; percent: number }[]>().notNull().default([]),
    issuer: jsonb("issuer").$type<{ nameVi: string; nameEn: string; url: string }>().notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp("valid_until", { withTimezone: true }),
    /** Position in the published status list (revocation bit). */
    statusIndex: integer("status_index").notNull().generatedAlwaysAsIdentity(),
    /** The signed Open Badges 3.0 credential (VC-JWT, compact form). */
    credentialJwt: text("credential_jwt"),
    keyId: text("key_id").references(() => signingKeys.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revocationReason: text("revocation_reason"),
    /** A corrected re-issue points back at the certificate it replaces; the old one points forward. */
    replacesId: uuid("replaces_id").references((): AnyPgColumn => certificates.id),
    replacedById: uuid("replaced_by_id").references((): AnyPgColumn => certificates.id),
  },
  (t) => [
    uniqueIndex("certificates_code_key").on(t.code),
    uniqueIndex("certificates_status_index_key").on(t.statusIndex),
    // One certificate per person, course and completion cycle: concurrent completions insert once.
    uniqueIndex("certificates_issue_key").on(t.userId, t.courseId, t.cycle).where(sql`replaces_id is null`),
    uniqueIndex("certificates_replaces_key").on(t.replacesId),
    index("certificates_user_idx").on(t.userId),
    index("certificates_course_idx").on(t.courseId),
  ],
);

// --- staff administration ---------------------------------------------------------------------------

export const tokenPurposeEnum = pgEnum("token_purpose", ["invite", "reset"]);

/** One-time links (invitation, password reset): only the SHA-256 of the token is stored. */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: text("id").primaryKey(),
    userId: userRef(),
    purpose: tokenPurposeEnum("purpose").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdBy: actorRef("created_by"),
    createdAt: createdAt(),
  },
  (t) => [index("user_tokens_user_idx").on(t.userId)],
);

/** Every email Skillshelf sends; without SMTP_URL this is the dev outbox admins read in the app. */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** What it is about, for the outbox list (e.g. "invite", "reset", "reminder"). */
    kind: text("kind").notNull(),
    /** Guards against sending the same message twice (e.g. reminder:<assignment>:<user>:<cycle>:<stage>). */
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [uniqueIndex("outbox_messages_dedupe_key").on(t.dedupeKey), index("outbox_messages_created_idx").on(t.createdAt)],
);

// --- assigned training --------------------------------------------------------------------------------

/** HR's assignment of a course to an org unit (optionally its descendants), a job title, or named people. */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    orgUnitId: uuid("org_unit_id").references(() => orgUnits.id),
    includeDescendants: boolean("include_descendants").notNull().default(true),
    jobTitle: text("job_title"),
    /** Due date as a calendar day in Asia/Ho_Chi_Minh (overdue from the next day). */
    dueOn: text("due_on").notNull(),
    /** Days a person who joins later (or whose certificate expires) gets to complete it. */
    daysForNewcomers: integer("days_for_newcomers").notNull().default(30),
    /** Require a valid certificate: when it expires the assignment opens again. */
    recertify: boolean("recertify").notNull().default(false),
    note: text("note"),
    createdBy: actorRef("created_by"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [index("assignments_course_idx").on(t.courseId), index("assignments_unit_idx").on(t.orgUnitId)],
);

/** Named people of an assignment. */
export const assignmentPeople = pgTable(
  "assignment_people",
  {
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    userId: userRef(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.userId] }), index("assignment_people_user_idx").on(t.userId)],
);

/**
 * What each person owes for each assignment, per cycle (materialised when assignments, people or certificates
 * change, and by the daily job). A completed cycle is history; recertification opens the next one.
 */
export const learnerAssignments = pgTable(
  "learner_assignments",
  {
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    userId: userRef(),
    cycle: integer("cycle").notNull().default(1),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    /** Calendar day (Asia/Ho_Chi_Minh). */
    dueOn: text("due_on").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    certificateId: uuid("certificate_id").references(() => certificates.id),
    /** Set when the person no longer falls under the assignment, or it was withdrawn (history is kept). */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    overdueAt: timestamp("overdue_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    overdueNoticeSentAt: timestamp("overdue_notice_sent_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.assignmentId, t.userId, t.cycle] }),
    index("learner_assignments_user_idx").on(t.userId, t.courseId),
    index("learner_assignments_course_idx").on(t.courseId, t.dueOn),
  ],
);

/** Guards scheduled jobs: one row per job and period, inserted once whichever instance runs it first. */
export const jobRuns = pgTable(
  "job_runs",
  {
    job: text("job").notNull(),
    runKey: text("run_key").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    instance: text("instance"),
    summary: jsonb("summary").$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.job, t.runKey] })],
);

// --- staff import previews ----------------------------------------------------------------------------

/**
 * A checked CSV import waiting for the admin's confirmation: the validated rows stay on the server (never re-posted
 * by the browser), belong to the admin who uploaded them, expire after an hour and are applied at most once.
 */
export const staffImports = pgTable(
  "staff_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdBy: userRef("created_by"),
    fileName: text("file_name"),
    rows: jsonb("rows").$type<unknown[]>().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
  },
  (t) => [index("staff_imports_created_idx").on(t.createdAt)],
);
