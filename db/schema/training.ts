import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { actorRef, orgUnits, userRef } from "./accounts";
import { courseRef } from "./learning";
import { certificates } from "./certificates";

/** Assigned training: HR's assignments, who owes what, and the guard of scheduled jobs. */

/** HR's assignment of a course to an org unit (optionally its descendants), a job title, or named people. */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: courseRef(),
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
    courseId: courseRef(),
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
