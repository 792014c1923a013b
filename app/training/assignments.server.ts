/**
 * Training — required training: assignments of a course or a programme by unit, job title or person,
 * recertification, reminders.
 * Owns: `assignments`, `assignment_people`, `learner_assignments`, `job_runs`.
 * Offers: syncLearnerAssignments and completeLearnerAssignments (./assignment-sync.server.ts), My
 * assignments, the daily job (./daily.server.ts).
 * Uses: shared ground only.
 */
/** HR's assignments: create, edit, withdraw, find and list them (within the HR user's scope). */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { assignmentPeople, assignments, courses, orgUnits, programmes, users } from "../../db/schema";
import { uuidArray } from "../../db/sql";
import { todayInVietnam } from "~/platform/days";
import { recordAudit } from "~/platform/audit.server";
import { hrVisibleUnits } from "~/platform/org-scope.server";
import { subjectOf, type AssignmentEditInput, type AssignmentInput, type AssignmentTarget } from "./schemas";
import { syncLearnerAssignments } from "./assignment-sync.server";

// --- create, edit, withdraw -----------------------------------------------------------------------------

export type Actor = { id: string; roles: readonly string[] };
export type FieldErrors = Partial<Record<"courseId" | "orgUnitId" | "jobTitle" | "people" | "dueOn" | "recertify", string[]>>;
export type Outcome = { ok: true; id: string } | { ok: false; fieldErrors: FieldErrors; status: 400 | 403 };

/** The assignment's course or programme, by the same names (the page links a programme to its own page). */
const subjectNames = {
  courseSlug: sql<string>`coalesce(${courses.slug}, ${programmes.slug})`,
  courseTitleVi: sql<string>`coalesce(${courses.titleVi}, ${programmes.titleVi})`,
  courseTitleEn: sql<string | null>`case when ${courses.id} is not null then ${courses.titleEn} else ${programmes.titleEn} end`,
  isProgramme: sql<boolean>`${assignments.programmeId} is not null`,
};

/** Scope checks: a scoped HR user assigns only to units and people in their subtree. */
async function checkTarget(db: Db, target: AssignmentTarget, scope: string[] | null): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (target.orgUnitId) {
    const [unit] = await db.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.id, target.orgUnitId), eq(orgUnits.active, true)));
    if (!unit) errors.orgUnitId = ["assignments.errors.unit"];
    else if (scope && !scope.includes(unit.id)) errors.orgUnitId = ["assignments.errors.outOfScope"];
  } else if (target.jobTitle && scope) {
    errors.jobTitle = ["assignments.errors.jobTitleNeedsUnit"];
  }
  if (target.people.length) {
    const found = await db
      .select({ id: users.id, unit: users.orgUnitId })
      .from(users)
      .where(and(inArray(users.id, target.people), eq(users.active, true)));
    if (found.length !== new Set(target.people).size) errors.people = ["assignments.errors.people"];
    else if (scope && found.some((p) => !p.unit || !scope.includes(p.unit))) errors.people = ["assignments.errors.outOfScope"];
  }
  return errors;
}

const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;
const scopeStatus = (errors: FieldErrors) =>
  Object.values(errors).some((list) => list?.includes("assignments.errors.outOfScope")) ? 403 : 400;

/** The columns the create and edit forms both set (absent optional fields stored as null). */
const assignmentColumns = (input: AssignmentEditInput) => ({
  orgUnitId: input.orgUnitId ?? null,
  includeDescendants: input.includeDescendants,
  jobTitle: input.jobTitle ?? null,
  dueOn: input.dueOn,
  daysForNewcomers: input.daysForNewcomers,
  recertify: input.recertify,
  note: input.note ?? null,
});

export async function createAssignment(db: Db, actor: Actor, input: AssignmentInput, now = new Date()): Promise<Outcome> {
  const scope = await hrVisibleUnits(db, actor);
  const errors = await checkTarget(db, input, scope);
  // The subject is a published course or a published programme (a programme has one cycle: no recertification).
  const subject = subjectOf(input.courseId);
  const [found] = subject.courseId
    ? await db.select({ id: courses.id }).from(courses).where(and(eq(courses.id, subject.courseId), eq(courses.published, true)))
    : await db.select({ id: programmes.id }).from(programmes).where(and(eq(programmes.id, subject.programmeId!), eq(programmes.published, true)));
  if (!found) errors.courseId = ["assignments.errors.course"];
  if (subject.programmeId && input.recertify) errors.courseId = ["assignments.errors.programmeRecertify"];
  if (input.dueOn < todayInVietnam(now)) errors.dueOn = ["assignments.errors.dueInPast"];
  if (hasErrors(errors)) return { ok: false, fieldErrors: errors, status: scopeStatus(errors) };
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assignments)
      .values({ ...subject, ...assignmentColumns(input), createdBy: actor.id })
      .returning({ id: assignments.id });
    const assignmentId = row!.id;
    const people = [...new Set(input.people)];
    if (people.length) await tx.insert(assignmentPeople).values(people.map((userId) => ({ assignmentId, userId })));
    await recordAudit(tx, { actorId: actor.id, action: "assignment.create", targetType: "assignment", targetId: assignmentId, details: { ...input, people } });
    return assignmentId;
  });
  await syncLearnerAssignments(db, { assignmentIds: [id], now, initial: true });
  return { ok: true, id };
}

/** An assignment the actor may see and change (scoped HR: its target lies in their subtree), or null. */
export async function findAssignment(db: Db, actor: Actor, id: string) {
  const scope = await hrVisibleUnits(db, actor);
  const [row] = await db
    .select({
      id: assignments.id,
      courseId: assignments.courseId,
      programmeId: assignments.programmeId,
      ...subjectNames,
      orgUnitId: assignments.orgUnitId,
      includeDescendants: assignments.includeDescendants,
      jobTitle: assignments.jobTitle,
      dueOn: assignments.dueOn,
      daysForNewcomers: assignments.daysForNewcomers,
      recertify: assignments.recertify,
      note: assignments.note,
      createdAt: assignments.createdAt,
      withdrawnAt: assignments.withdrawnAt,
    })
    .from(assignments)
    .leftJoin(courses, eq(courses.id, assignments.courseId))
    .leftJoin(programmes, eq(programmes.id, assignments.programmeId))
    .where(and(eq(assignments.id, id), visibleTo(scope)));
  if (!row) return null;
  const people = await db
    .select({ id: users.id, fullName: users.fullName, email: users.email })
    .from(assignmentPeople)
    .innerJoin(users, eq(users.id, assignmentPeople.userId))
    .where(and(eq(assignmentPeople.assignmentId, id), scope ? sql`${users.orgUnitId} = any(${uuidArray(scope)})` : undefined))
    .orderBy(users.fullName);
  return { ...row, people };
}

/** Scoped HR see assignments whose unit is in their subtree, or made only of named people in it. */
function visibleTo(scope: string[] | null): SQL | undefined {
  if (!scope) return undefined;
  const units = uuidArray(scope);
  return sql`(${assignments.orgUnitId} = any(${units}) or (${assignments.orgUnitId} is null and ${assignments.jobTitle} is null
    and not exists (select 1 from assignment_people ap join users u on u.id = ap.user_id
      where ap.assignment_id = ${assignments.id} and (u.org_unit_id is null or not (u.org_unit_id = any(${units}))))))`;
}

export async function updateAssignment(db: Db, actor: Actor, id: string, input: AssignmentEditInput, now = new Date()): Promise<Outcome | null> {
  const existing = await findAssignment(db, actor, id);
  if (!existing || existing.withdrawnAt) return null;
  const scope = await hrVisibleUnits(db, actor);
  const errors = await checkTarget(db, input, scope);
  if (input.dueOn !== existing.dueOn && input.dueOn < todayInVietnam(now)) errors.dueOn = ["assignments.errors.dueInPast"];
  if (existing.programmeId && input.recertify) errors.recertify = ["assignments.errors.programmeRecertify"];
  if (hasErrors(errors)) return { ok: false, fieldErrors: errors, status: scopeStatus(errors) };
  // Named people outside a scoped HR user's subtree (added by an admin) are not shown to them, so their
  // form cannot post them back: they are kept as they were.
  const hidden = scope
    ? await db
        .select({ id: assignmentPeople.userId })
        .from(assignmentPeople)
        .innerJoin(users, eq(users.id, assignmentPeople.userId))
        .where(and(eq(assignmentPeople.assignmentId, id), sql`(${users.orgUnitId} is null or not (${users.orgUnitId} = any(${uuidArray(scope)})))`))
    : [];
  const people = [...new Set([...input.people, ...hidden.map((p) => p.id)])];
  await db.transaction(async (tx) => {
    await tx
      .update(assignments)
      .set({ ...assignmentColumns(input), updatedAt: now })
      .where(eq(assignments.id, id));
    await tx.delete(assignmentPeople).where(eq(assignmentPeople.assignmentId, id));
    if (people.length) await tx.insert(assignmentPeople).values(people.map((userId) => ({ assignmentId: id, userId })));
    if (input.dueOn !== existing.dueOn) {
      // Open first-cycle rows follow the new day; a newcomer's later day is kept when it is later still.
      await tx.execute(sql`
        update learner_assignments set
          due_on = case when due_on = ${existing.dueOn} then ${input.dueOn} else greatest(due_on, ${input.dueOn}) end,
          overdue_at = case when ${todayInVietnam(now)} > greatest(due_on, ${input.dueOn}) then overdue_at end
        where assignment_id = ${id} and cycle = 1 and completed_at is null and closed_at is null`);
    }
    const changes = Object.fromEntries(
      Object.entries({ ...input, people }).filter(([key, value]) => JSON.stringify(value ?? null) !== JSON.stringify(
        key === "people" ? existing.people.map((p) => p.id).sort() : (existing as Record<string, unknown>)[key] ?? null,
      )),
    );
    await recordAudit(tx, { actorId: actor.id, action: "assignment.update", targetType: "assignment", targetId: id, details: changes });
  });
  await syncLearnerAssignments(db, { assignmentIds: [id], now });
  return { ok: true, id };
}

/** Withdraws an assignment: its open rows close (completed ones stay as history). Null when not found. */
export async function withdrawAssignment(db: Db, actor: Actor, id: string, now = new Date()) {
  const existing = await findAssignment(db, actor, id);
  if (!existing) return null;
  if (existing.withdrawnAt) return { id };
  await db.transaction(async (tx) => {
    await tx.update(assignments).set({ withdrawnAt: now, updatedAt: now }).where(eq(assignments.id, id));
    await recordAudit(tx, { actorId: actor.id, action: "assignment.withdraw", targetType: "assignment", targetId: id });
  });
  await syncLearnerAssignments(db, { assignmentIds: [id], now });
  return { id };
}

// --- lists for HR ------------------------------------------------------------------------------------------

export type AssignmentFilter = { status: "active" | "withdrawn" | "all"; courseId?: string; programmeId?: string };

/** Assignments with their counts (current cycle per person; scoped HR count only people in their subtree). */
export async function listAssignments(db: Db, actor: Actor, filter: AssignmentFilter, now = new Date()) {
  const scope = await hrVisibleUnits(db, actor);
  const today = todayInVietnam(now);
  const inScope = scope ? sql`and u.org_unit_id = any(${uuidArray(scope)})` : sql``;
  const current = sql`from learner_assignments la join users u on u.id = la.user_id
    where la.assignment_id = ${assignments.id} and la.closed_at is null ${inScope}
      and not exists (select 1 from learner_assignments n where n.assignment_id = la.assignment_id and n.user_id = la.user_id and n.cycle > la.cycle)`;
  return db
    .select({
      id: assignments.id,
      ...subjectNames,
      unitName: orgUnits.name,
      unitNameEn: orgUnits.nameEn,
      includeDescendants: assignments.includeDescendants,
      jobTitle: assignments.jobTitle,
      namedPeople: sql<number>`(select count(*)::int from assignment_people ap where ap.assignment_id = ${assignments.id})`,
      dueOn: assignments.dueOn,
      recertify: assignments.recertify,
      withdrawnAt: assignments.withdrawnAt,
      assigned: sql<number>`(select count(*)::int ${current})`,
      completed: sql<number>`(select count(*)::int ${current} and la.completed_at is not null)`,
      overdue: sql<number>`(select count(*)::int ${current} and la.completed_at is null and la.due_on < ${today})`,
    })
    .from(assignments)
    .leftJoin(courses, eq(courses.id, assignments.courseId))
    .leftJoin(programmes, eq(programmes.id, assignments.programmeId))
    .leftJoin(orgUnits, eq(orgUnits.id, assignments.orgUnitId))
    .where(
      and(
        visibleTo(scope),
        filter.status === "active" ? sql`${assignments.withdrawnAt} is null` : undefined,
        filter.status === "withdrawn" ? sql`${assignments.withdrawnAt} is not null` : undefined,
        filter.courseId ? eq(assignments.courseId, filter.courseId) : undefined,
        filter.programmeId ? eq(assignments.programmeId, filter.programmeId) : undefined,
      ),
    )
    .orderBy(sql`${assignments.withdrawnAt} is not null`, assignments.dueOn, sql`${assignments.createdAt} desc`)
    .limit(500);
}
