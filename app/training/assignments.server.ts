import { addDays, todayInVietnam } from "~/platform/days";
import { depthFirst } from "~/platform/tree";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { assignmentPeople, assignments, courses, learnerAssignments, orgUnits, users } from "../../db/schema";
import type { AssignmentEditInput, AssignmentInput, AssignmentTarget } from "./schemas";
import { searchTerms, escapeLike } from "~/platform/text";
import { foldSql } from "../../db/fold";
import { recordAudit } from "~/platform/audit.server";
import { hrVisibleUnits, rowsOf } from "~/platform/org-scope.server";

// --- calendar days in Vietnam ----------------------------------------------------------------------

/** A row is overdue when today in Vietnam is after its due day and it is neither completed nor closed. */
export function isOverdue(row: { dueOn: string; completedAt: Date | string | null; closedAt?: Date | string | null }, now = new Date()) {
  return !row.completedAt && !row.closedAt && todayInVietnam(now) > row.dueOn;
}

// --- who is targeted -----------------------------------------------------------------------------------

/** A timestamp parameter both drivers read the same way. */
export function ts(date: Date) {
  return sql`${date.toISOString()}::timestamptz`;
}

function uuidArray(ids: readonly string[]) {
  return ids.length ? sql`array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]` : sql`'{}'::uuid[]`;
}

/**
 * CTEs `a` (the assignments considered, from `source`), `unit_tree` (their units, with descendants when
 * asked), `named` and `targeted` (assignment_id, user_id): every active person the assignment covers now.
 * The unit and the job title narrow each other when both are given; named people are added.
 */
function targetedCtes(source: SQL, named: SQL, userFilter: SQL) {
  return sql`
    a as (${source}),
    unit_tree as (
      select a.id as assignment_id, a.org_unit_id as unit_id from a where a.org_unit_id is not null
      union
      select t.assignment_id, o.id from unit_tree t
        join a on a.id = t.assignment_id and a.include_descendants
        join org_units o on o.parent_id = t.unit_id
    ),
    named as (${named}),
    targeted as (
      select t.assignment_id, u.id as user_id from unit_tree t
        join a on a.id = t.assignment_id
        join users u on u.org_unit_id = t.unit_id and u.active
        where (a.job_title is null or lower(btrim(u.job_title)) = lower(btrim(a.job_title))) and ${userFilter}
      union
      select a.id, u.id from a join users u on lower(btrim(u.job_title)) = lower(btrim(a.job_title)) and u.active
        where a.org_unit_id is null and a.job_title is not null and ${userFilter}
      union
      select n.assignment_id, u.id from named n join users u on u.id = n.user_id and u.active where ${userFilter}
    )`;
}

function activeAssignments(assignmentIds?: readonly string[]) {
  return sql`select id, course_id, org_unit_id, include_descendants, job_title, due_on, days_for_newcomers, recertify
    from assignments where withdrawn_at is null ${assignmentIds ? sql`and id = any(${uuidArray(assignmentIds)})` : sql``}`;
}

const namedOfA = sql`select ap.assignment_id, ap.user_id from assignment_people ap join a on a.id = ap.assignment_id`;

/**
 * (Re)materialises learner_assignments for the given people and/or assignments (everything when neither is
 * given), in a few set-based statements:
 * - everyone targeted without a row gets cycle 1 (due: the assignment's day; for people who come later, or
 *   when `initial` is false, today + days_for_newcomers if that is later);
 * - a closed (not completed) current row of someone targeted again is reopened;
 * - open rows of people no longer targeted, deactivated, or of withdrawn assignments are closed (kept);
 * - open rows of people who already completed the course (a valid certificate for recertify) complete at once.
 */
export async function syncLearnerAssignments(
  db: Db,
  options: { userIds?: string[]; assignmentIds?: string[]; now?: Date; initial?: boolean } = {},
) {
  const now = options.now ?? new Date();
  const today = todayInVietnam(now);
  const userFilter = options.userIds ? sql`u.id = any(${uuidArray(options.userIds)})` : sql`true`;
  const rowFilter = and(
    options.userIds ? sql`la.user_id = any(${uuidArray(options.userIds)})` : undefined,
    options.assignmentIds ? sql`la.assignment_id = any(${uuidArray(options.assignmentIds)})` : undefined,
  ) ?? sql`true`;
  const ctes = targetedCtes(activeAssignments(options.assignmentIds), namedOfA, userFilter);
  const newcomerDue = options.initial
    ? sql`a.due_on`
    : sql`greatest(a.due_on, to_char(${today}::date + a.days_for_newcomers, 'YYYY-MM-DD'))`;

  return db.transaction(async (tx) => {
    const inserted = await tx.execute(sql`
      with recursive ${ctes}
      insert into learner_assignments (assignment_id, user_id, cycle, course_id, due_on, opened_at)
      select distinct t.assignment_id, t.user_id, 1, a.course_id, ${newcomerDue}, ${ts(now)}
      from targeted t join a on a.id = t.assignment_id
      where not exists (select 1 from learner_assignments x where x.assignment_id = t.assignment_id and x.user_id = t.user_id)
      on conflict do nothing
      returning 1`);
    const reopened = await tx.execute(sql`
      with recursive ${ctes}
      update learner_assignments la set closed_at = null
      from targeted t
      where la.assignment_id = t.assignment_id and la.user_id = t.user_id and la.closed_at is not null and la.completed_at is null
        and not exists (select 1 from learner_assignments n where n.assignment_id = la.assignment_id and n.user_id = la.user_id and n.cycle > la.cycle)
      returning 1`);
    const closed = await tx.execute(sql`
      with recursive ${ctes},
      -- EXCEPT is a hash/sort set operation whatever the statistics say (PGlite never autovacuums): an
      -- anti-join here could become a nested loop over every row.
      gone as (
        select la.assignment_id, la.user_id from learner_assignments la
        where la.closed_at is null and la.completed_at is null and ${rowFilter}
        except
        select assignment_id, user_id from targeted
      )
      update learner_assignments la set closed_at = ${ts(now)}
      from gone
      where la.assignment_id = gone.assignment_id and la.user_id = gone.user_id and la.closed_at is null and la.completed_at is null
      returning 1`);
    const completed = await completeAlreadyDone(tx as unknown as Db, rowFilter, now);
    return {
      opened: rowsOf(inserted).length,
      reopened: rowsOf(reopened).length,
      closed: rowsOf(closed).length,
      completed,
    };
  });
}

/** Open rows whose person has already completed the course (recertify: holds a valid certificate). */
async function completeAlreadyDone(db: Db, rowFilter: SQL, now: Date) {
  const result = await db.execute(sql`
    update learner_assignments la set
      completed_at = coalesce(e.completed_at, ${ts(now)}),
      certificate_id = (select c.id from certificates c where c.user_id = la.user_id and c.course_id = la.course_id
        and c.cycle = e.cycle and c.revoked_at is null and c.replaced_by_id is null order by c.issued_at desc limit 1)
    from assignments a, enrolments e
    where a.id = la.assignment_id and e.user_id = la.user_id and e.course_id = la.course_id
      and la.completed_at is null and la.closed_at is null and ${rowFilter}
      and e.completed_at is not null
      and (not a.recertify
        or exists (select 1 from certificates c where c.user_id = la.user_id and c.course_id = la.course_id
          and c.revoked_at is null and c.replaced_by_id is null and (c.valid_until is null or c.valid_until > ${ts(now)}))
        or not exists (select 1 from certificates c where c.user_id = la.user_id and c.course_id = la.course_id))
    returning 1`);
  return rowsOf(result).length;
}

/** A learner's completion of a course (one cycle), as the completion hook passes it. */
export type Completion = { userId: string; courseId: string; completedAt: Date; cycle: number };

/**
 * The completion hook's part for assignments (inside the completion transaction): the person's open rows for
 * the course are completed, linked to the certificate of this completion cycle when one was issued.
 */
export async function completeLearnerAssignments(db: Db, completion: Completion) {
  await db.execute(sql`
    update learner_assignments la set completed_at = ${ts(completion.completedAt)},
      certificate_id = (select c.id from certificates c where c.user_id = ${completion.userId} and c.course_id = ${completion.courseId}
        and c.cycle = ${completion.cycle} and c.replaces_id is null order by c.issued_at desc limit 1)
    where la.user_id = ${completion.userId} and la.course_id = ${completion.courseId}
      and la.completed_at is null and la.closed_at is null`);
}

/** How many active people a target covers (for the form's preview), within the HR user's scope. */
export async function countTargeted(db: Db, target: AssignmentTarget, scope: string[] | null) {
  const source = sql`select '00000000-0000-0000-0000-000000000000'::uuid as id, ${target.orgUnitId ?? null}::uuid as org_unit_id,
    ${target.includeDescendants}::boolean as include_descendants, ${target.jobTitle ?? null}::text as job_title`;
  const named = sql`select a.id as assignment_id, p as user_id from a, unnest(${uuidArray(target.people)}) p`;
  const filter = scope ? sql`u.org_unit_id = any(${uuidArray(scope)})` : sql`true`;
  const result = await db.execute(sql`with recursive ${targetedCtes(source, named, filter)} select count(distinct user_id)::int as n from targeted`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

// --- create, edit, withdraw -----------------------------------------------------------------------------

export type Actor = { id: string; roles: readonly string[] };
export type FieldErrors = Partial<Record<"courseId" | "orgUnitId" | "jobTitle" | "people" | "dueOn", string[]>>;
export type Outcome = { ok: true; id: string } | { ok: false; fieldErrors: FieldErrors; status: 400 | 403 };

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

export async function createAssignment(db: Db, actor: Actor, input: AssignmentInput, now = new Date()): Promise<Outcome> {
  const scope = await hrVisibleUnits(db, actor);
  const errors = await checkTarget(db, input, scope);
  const [course] = await db.select({ id: courses.id }).from(courses).where(and(eq(courses.id, input.courseId), eq(courses.published, true)));
  if (!course) errors.courseId = ["assignments.errors.course"];
  if (input.dueOn < todayInVietnam(now)) errors.dueOn = ["assignments.errors.dueInPast"];
  if (hasErrors(errors)) return { ok: false, fieldErrors: errors, status: scopeStatus(errors) };
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assignments)
      .values({
        courseId: input.courseId,
        orgUnitId: input.orgUnitId ?? null,
        includeDescendants: input.includeDescendants,
        jobTitle: input.jobTitle ?? null,
        dueOn: input.dueOn,
        daysForNewcomers: input.daysForNewcomers,
        recertify: input.recertify,
        note: input.note ?? null,
        createdBy: actor.id,
      })
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
      courseSlug: courses.slug,
      courseTitleVi: courses.titleVi,
      courseTitleEn: courses.titleEn,
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
    .innerJoin(courses, eq(courses.id, assignments.courseId))
    .where(and(eq(assignments.id, id), visibleTo(scope)));
  if (!row) return null;
  const people = await db
    .select({ id: users.id, fullName: users.fullName, email: users.email })
    .from(assignmentPeople)
    .innerJoin(users, eq(users.id, assignmentPeople.userId))
    .where(eq(assignmentPeople.assignmentId, id))
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
  if (hasErrors(errors)) return { ok: false, fieldErrors: errors, status: scopeStatus(errors) };
  const people = [...new Set(input.people)];
  await db.transaction(async (tx) => {
    await tx
      .update(assignments)
      .set({
        orgUnitId: input.orgUnitId ?? null,
        includeDescendants: input.includeDescendants,
        jobTitle: input.jobTitle ?? null,
        dueOn: input.dueOn,
        daysForNewcomers: input.daysForNewcomers,
        recertify: input.recertify,
        note: input.note ?? null,
        updatedAt: now,
      })
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

export type AssignmentFilter = { status: "active" | "withdrawn" | "all"; courseId?: string };

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
      courseTitleVi: courses.titleVi,
      courseTitleEn: courses.titleEn,
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
    .innerJoin(courses, eq(courses.id, assignments.courseId))
    .leftJoin(orgUnits, eq(orgUnits.id, assignments.orgUnitId))
    .where(
      and(
        visibleTo(scope),
        filter.status === "active" ? sql`${assignments.withdrawnAt} is null` : undefined,
        filter.status === "withdrawn" ? sql`${assignments.withdrawnAt} is not null` : undefined,
        filter.courseId ? eq(assignments.courseId, filter.courseId) : undefined,
      ),
    )
    .orderBy(sql`${assignments.withdrawnAt} is not null`, assignments.dueOn, sql`${assignments.createdAt} desc`)
    .limit(500);
}

/** The people of one assignment (current cycle), for its page: scoped HR see their subtree only. */
export async function listAssignmentPeople(db: Db, actor: Actor, assignmentId: string, now = new Date()) {
  const scope = await hrVisibleUnits(db, actor);
  return db
    .select({
      userId: users.id,
      fullName: users.fullName,
      email: users.email,
      cycle: learnerAssignments.cycle,
      dueOn: learnerAssignments.dueOn,
      completedAt: learnerAssignments.completedAt,
      overdue: sql<boolean>`${learnerAssignments.completedAt} is null and ${learnerAssignments.dueOn} < ${todayInVietnam(now)}`,
    })
    .from(learnerAssignments)
    .innerJoin(users, eq(users.id, learnerAssignments.userId))
    .where(
      and(
        eq(learnerAssignments.assignmentId, assignmentId),
        sql`${learnerAssignments.closedAt} is null`,
        sql`not exists (select 1 from learner_assignments n where n.assignment_id = ${learnerAssignments.assignmentId}
          and n.user_id = ${learnerAssignments.userId} and n.cycle > ${learnerAssignments.cycle})`,
        scope ? sql`${users.orgUnitId} = any(${uuidArray(scope)})` : undefined,
      ),
    )
    .orderBy(users.fullName)
    .limit(1000);
}

/** Everything the assignment form offers: published courses, units in scope (tree order), job titles. */
export async function assignmentFormOptions(db: Db, actor: Actor) {
  const scope = await hrVisibleUnits(db, actor);
  const [courseRows, unitRows, titleRows] = await Promise.all([
    db.select({ id: courses.id, titleVi: courses.titleVi, titleEn: courses.titleEn }).from(courses).where(eq(courses.published, true)).orderBy(courses.titleVi),
    db
      .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, nameEn: orgUnits.nameEn, parentId: orgUnits.parentId })
      .from(orgUnits)
      .where(eq(orgUnits.active, true))
      .orderBy(orgUnits.code),
    db
      .selectDistinct({ title: sql<string>`btrim(${users.jobTitle})` })
      .from(users)
      .where(and(eq(users.active, true), sql`coalesce(btrim(${users.jobTitle}), '') <> ''`, scope ? sql`${users.orgUnitId} = any(${uuidArray(scope)})` : undefined))
      .orderBy(sql`btrim(${users.jobTitle})`)
      .limit(500),
  ]);
  // A scoped HR user's subtree is indented from its own top.
  const units = depthFirst(scope ? unitRows.filter((u) => scope.includes(u.id)) : unitRows);
  return {
    courses: courseRows,
    units: units.map((u) => ({ id: u.id, name: u.name, nameEn: u.nameEn, depth: u.depth })),
    jobTitles: titleRows.map((r) => r.title),
  };
}

/** Active people matching a name or email (diacritics ignored), within the HR user's scope. */
export async function searchPeople(db: Db, actor: Actor, query: string, limit = 20) {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const scope = await hrVisibleUnits(db, actor);
  const folded = foldSql(sql`${users.fullName} || ' ' || ${users.email}`);
  return db
    .select({ id: users.id, fullName: users.fullName, email: users.email, unitName: orgUnits.name })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        eq(users.active, true),
        scope ? sql`${users.orgUnitId} = any(${uuidArray(scope)})` : undefined,
        ...terms.map((term) => sql`${folded} like ${`%${escapeLike(term)}%`}`),
      ),
    )
    .orderBy(users.fullName)
    .limit(limit);
}

/** People by id (for showing the ones picked in the form again), within scope. */
export async function peopleByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, fullName: users.fullName, email: users.email, unitName: orgUnits.name })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(inArray(users.id, [...ids]))
    .orderBy(users.fullName);
}

// --- My learning ------------------------------------------------------------------------------------------

/**
 * The learner's assigned courses (open or completed, current cycle, not closed), one per course: the earliest
 * open due day wins; a course whose every assignment is completed shows as done.
 */
export async function listMyAssignments(db: Db, userId: string, now = new Date()) {
  const rows = await db
    .select({
      courseId: learnerAssignments.courseId,
      slug: courses.slug,
      titleVi: courses.titleVi,
      titleEn: courses.titleEn,
      firstLesson: sql<string | null>`(select l.slug from lessons l where l.course_id = ${courses.id} and l.active order by l.position limit 1)`,
      dueOn: learnerAssignments.dueOn,
      cycle: learnerAssignments.cycle,
      completedAt: learnerAssignments.completedAt,
    })
    .from(learnerAssignments)
    .innerJoin(assignments, eq(assignments.id, learnerAssignments.assignmentId))
    .innerJoin(courses, eq(courses.id, learnerAssignments.courseId))
    .where(
      and(
        eq(learnerAssignments.userId, userId),
        sql`${learnerAssignments.closedAt} is null`,
        sql`${assignments.withdrawnAt} is null`,
        eq(courses.published, true),
        sql`not exists (select 1 from learner_assignments n where n.assignment_id = ${learnerAssignments.assignmentId}
          and n.user_id = ${learnerAssignments.userId} and n.cycle > ${learnerAssignments.cycle})`,
      ),
    );
  type Entry = Omit<(typeof rows)[number], "cycle"> & { overdue: boolean; recertification: boolean };
  const byCourse = new Map<string, Entry>();
  for (const { cycle, ...row } of rows) {
    const entry = { ...row, overdue: isOverdue(row, now), recertification: cycle > 1 };
    const seen = byCourse.get(row.courseId);
    const open = !row.completedAt;
    if (!seen || (open && (seen.completedAt || row.dueOn < seen.dueOn)) || (!open && seen.completedAt && row.completedAt! > seen.completedAt)) {
      byCourse.set(row.courseId, entry);
    }
  }
  return [...byCourse.values()].sort((x, y) => Number(Boolean(x.completedAt)) - Number(Boolean(y.completedAt)) || x.dueOn.localeCompare(y.dueOn));
}
