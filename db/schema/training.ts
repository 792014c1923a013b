import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { actorRef, orgUnits, userRef } from "./accounts";
import { courses } from "./learning";
import { programmes } from "./programmes";
import { certificates } from "./certificates";

/** Assigned training: HR's assignments, who owes what, and the guard of scheduled jobs. */

/** What an assignment is about: a course or a programme, exactly one of the two. */
const subjectColumns = () => ({
  courseId: uuid("course_id").references(() => courses.id),
  programmeId: uuid("programme_id").references(() => programmes.id),
});
const oneSubject = (name: string) => check(name, sql`(course_id is null) <> (programme_id is null)`);

/** HR's assignment of a course (or a programme) to an org unit (optionally its descendants), a job title, or named people. */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...subjectColumns(),
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
  (t) => [
    index("assignments_course_idx").on(t.courseId),
    index("assignments_programme_idx").on(t.programmeId),
    index("assignments_unit_idx").on(t.orgUnitId),
    oneSubject("assignments_one_subject"),
  ],
);

/** The assignment a row belongs to: it goes with the assignment. */
const assignmentRef = () => uuid("assignment_id").notNull().references(() => assignments.id, { onDelete: "cascade" });

/** Named people of an assignment. */
export const assignmentPeople = pgTable(
  "assignment_people",
  {
    assignmentId: assignmentRef(),
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
    assignmentId: assignmentRef(),
    userId: userRef(),
    cycle: integer("cycle").notNull().default(1),
    /** The assignment's course or programme (a programme's courses are tracked through their enrolments). */
    ...subjectColumns(),
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
    index("learner_assignments_programme_idx").on(t.programmeId, t.userId),
    oneSubject("learner_assignments_one_subject"),
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
