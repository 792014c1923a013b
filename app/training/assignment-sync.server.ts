/** Who an assignment covers now, and keeping learner_assignments in step with it (and with completions). */
import { and, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sameJobTitle, uuidArray } from "../../db/sql";
import { todayInVietnam } from "~/platform/days";
import { rowsOf } from "~/platform/org-scope.server";
import type { AssignmentTarget } from "./schemas";
import { collectNotifications } from "~/notifications/collect.server";

/** A timestamp parameter both drivers read the same way. */
export function ts(date: Date) {
  return sql`${date.toISOString()}::timestamptz`;
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
        where (a.job_title is null or ${sameJobTitle(sql`u.job_title`, sql`a.job_title`)}) and ${userFilter}
      union
      select a.id, u.id from a join users u on ${sameJobTitle(sql`u.job_title`, sql`a.job_title`)} and u.active
        where a.org_unit_id is null and a.job_title is not null and ${userFilter}
      union
      select n.assignment_id, u.id from named n join users u on u.id = n.user_id and u.active where ${userFilter}
    )`;
}

function activeAssignments(assignmentIds?: readonly string[]) {
  return sql`select id, course_id, programme_id, org_unit_id, include_descendants, job_title, due_on, days_for_newcomers, recertify
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
      insert into learner_assignments (assignment_id, user_id, cycle, course_id, programme_id, due_on, opened_at)
      select distinct t.assignment_id, t.user_id, 1, a.course_id, a.programme_id, ${newcomerDue}, ${ts(now)}
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
    // People newly assigned see it in the app at once (and by email from the dispatcher, after this commits).
    if (rowsOf(inserted).length + rowsOf(reopened).length > 0) {
      await collectNotifications(tx as unknown as Db, { now, userIds: options.userIds });
    }
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
  // A programme is done once its certificate exists (programmes issue it when the rule is met).
  const programmes = await db.execute(sql`
    update learner_assignments la set completed_at = c.completed_at,
      certificate_id = (select cur.id from certificates cur where cur.user_id = la.user_id and cur.programme_id = la.programme_id
        and cur.replaced_by_id is null order by cur.issued_at desc limit 1)
    from certificates c
    where c.user_id = la.user_id and c.programme_id = la.programme_id and c.replaces_id is null
      and la.programme_id is not null and la.completed_at is null and la.closed_at is null and ${rowFilter}
    returning 1`);
  return rowsOf(result).length + rowsOf(programmes).length;
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

/** A learner's completion of a programme, as the programmes' completion step passes it. */
export type ProgrammeCompletion = { userId: string; programmeId: string; completedAt: Date };

/** The same for a programme: open rows complete, linked to the programme's certificate. */
export async function completeLearnerProgrammeAssignments(db: Db, completion: ProgrammeCompletion) {
  await db.execute(sql`
    update learner_assignments la set completed_at = ${ts(completion.completedAt)},
      certificate_id = (select c.id from certificates c where c.user_id = ${completion.userId} and c.programme_id = ${completion.programmeId}
        and c.replaced_by_id is null order by c.issued_at desc limit 1)
    where la.user_id = ${completion.userId} and la.programme_id = ${completion.programmeId}
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
