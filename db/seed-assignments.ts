import { and, eq, sql } from "drizzle-orm";
import { addDays, todayInVietnam } from "../app/platform/days";
import { createAssignment } from "../app/training/assignments.server";
import { AssignmentSchema } from "../app/training/schemas";
import type { Db } from "./client";
import { assignments, courses, orgUnits, programmes, users } from "./schema";

/** The demo's required training: Lạng Sơn library staff (the demo learner's library) take Digital library services. */
export const DEMO_ASSIGNMENT = { course: "digital-library-services", unit: "LS", assignedBy: "hr@skillshelf.local", days: 30 } as const;

/**
 * Creates the demo assignment once (due 30 days after the first start), as the demo HR user would. Does nothing
 * when the course is not in the catalogue yet, or when the assignment exists (even withdrawn).
 */
export async function seedDemoAssignments(db: Db) {
  const [course] = await db.select({ id: courses.id }).from(courses).where(and(eq(courses.slug, DEMO_ASSIGNMENT.course), eq(courses.published, true)));
  const [unit] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, DEMO_ASSIGNMENT.unit));
  const [hr] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${DEMO_ASSIGNMENT.assignedBy}`);
  if (!course || !unit || !hr) return;
  const [existing] = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.courseId, course.id), eq(assignments.orgUnitId, unit.id)));
  if (existing) return;
  const input = AssignmentSchema.parse({ courseId: course.id, orgUnitId: unit.id, includeDescendants: "on", dueOn: addDays(todayInVietnam(), DEMO_ASSIGNMENT.days) });
  await createAssignment(db, { id: hr.id, roles: ["hr"] }, input);
}

/** The demo's programme assignment: the first-year path for Nghệ An library staff (not the demo learner's library). */
export const DEMO_PROGRAMME_ASSIGNMENT = { programme: "digital-foundations-year-1", unit: "NA", assignedBy: "hr@skillshelf.local", days: 180 } as const;

/** Creates it once, like the course assignment above; nothing when the programme is not synced yet. */
export async function seedDemoProgrammeAssignment(db: Db) {
  const [programme] = await db.select({ id: programmes.id }).from(programmes).where(and(eq(programmes.slug, DEMO_PROGRAMME_ASSIGNMENT.programme), eq(programmes.published, true)));
  const [unit] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, DEMO_PROGRAMME_ASSIGNMENT.unit));
  const [hr] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${DEMO_PROGRAMME_ASSIGNMENT.assignedBy}`);
  if (!programme || !unit || !hr) return;
  const [existing] = await db.select({ id: assignments.id }).from(assignments).where(and(eq(assignments.programmeId, programme.id), eq(assignments.orgUnitId, unit.id)));
  if (existing) return;
  const input = AssignmentSchema.parse({
    courseId: `programme:${programme.id}`,
    orgUnitId: unit.id,
    includeDescendants: "on",
    dueOn: addDays(todayInVietnam(), DEMO_PROGRAMME_ASSIGNMENT.days),
  });
  await createAssignment(db, { id: hr.id, roles: ["hr"] }, input);
}
