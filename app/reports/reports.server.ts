/**
 * Reports — HR's completion reports: the unit × course matrix, drill-downs, charts, CSV/XLSX exports.
 * Owns: no table: a read model over learning's, training's and people's tables, defined once in SQL.
 * Offers: the report pages and exports only.
 * Uses: shared ground only (the HR scope comes from platform).
 */
import { TIME_ZONE } from "~/platform/days";
import { cachedRead, isEmbedded } from "../../db/read-cache";
import { hasReportSettings } from "../../db/client";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ReportFilters, ReportStatus } from "./schemas";
import type { Counts } from "./counts";
import { rowsOf } from "~/platform/org-scope.server";

export { addCounts, completionPercent, type Counts, emptyCounts } from "./counts";

/*
 * How the completion reports count (the one definition; the pages explain it in words):
 * - A person is counted for a course when they are ASSIGNED it — an open (closed_at null) learner_assignments
 *   row of the assignment's latest cycle, the assignment not withdrawn — or when they are ENROLLED in it.
 * - COMPLETED: assigned and every open assignment row completed; not assigned and the enrolment completed.
 * - NOT STARTED: assigned, not completed, no enrolment. IN PROGRESS: enrolled and not completed.
 *   Completed + in progress + not started = counted; completion % = completed ÷ counted.
 * - OVERDUE: assigned, not completed, and today (Asia/Ho_Chi_Minh) is after the due day (a subset of the above).
 * - A date range keeps only completions on those days (Vietnam time); people who completed outside it are left out.
 * Only active staff in an org unit, and published courses, are counted.
 */

export const REPORT_TIME_ZONE = TIME_ZONE;

/**
 * Runs a report query with room to work: the matrix hashes every person × course pair, which spills to disk with
 * the default 4 MB work_mem; and PostgreSQL's JIT, triggered by the plan's cost, spends longer compiling than the
 * query takes to run.
 */
export async function withReportSettings<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  // The embedded database has no JIT and its one connection already has the room (db/client.ts); a transaction
  // there would also empty the read cache of every page (docs/decisions/0003), so report reads run as they are.
  // A PostgreSQL pool opened with both as startup parameters needs no transaction either (DATABASE_STARTUP_SETTINGS).
  if (hasReportSettings(db)) return fn(db);
  return db.transaction(async (tx) => {
    // Both in one round trip, for this transaction only (set_config's third argument: is_local).
    await tx.execute(sql`select set_config('work_mem', '32MB', true), set_config('jit', 'off', true)`);
    return fn(tx as unknown as Db);
  });
}

async function reportRows<T>(db: Db, query: SQL): Promise<T[]> {
  return withReportSettings(db, async (tx) => rowsOf<T>(await tx.execute(query)));
}

function inList(column: SQL, ids: readonly string[]) {
  if (ids.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

export type PairQuery = {
  /** Org units whose people are counted (null: every unit). */
  unitIds: readonly string[] | null;
  /** Only these people (drill-down pages and export batches). */
  userIds?: readonly string[];
  courseIds: readonly string[];
  status?: ReportStatus;
  from?: string;
  to?: string;
  today: string;
};

export function statusCondition(status: ReportStatus | undefined) {
  switch (status) {
    case undefined:
      return sql`true`;
    case "assigned":
      return sql`p0.assigned`;
    case "overdue":
      return sql`p0.assigned and p0.completed_at is null and p0.due_on < p0.today`;
    case "completed":
      return sql`p0.completed_at is not null`;
    case "in_progress":
      return sql`p0.completed_at is null and p0.enrolled`;
    case "not_started":
      return sql`p0.completed_at is null and p0.assigned and not p0.enrolled`;
  }
}

/**
 * The common table expressions every report query starts with: `pairs` holds one row per counted person and
 * course (user_id, unit_id, course_id, assigned, due_on, completed_at, enrolled, status, overdue).
 */
export function pairsCte(q: PairQuery) {
  const people = [sql`u.active`, sql`u.org_unit_id is not null`];
  if (q.unitIds) people.push(inList(sql`u.org_unit_id`, q.unitIds));
  if (q.userIds) people.push(inList(sql`u.id`, q.userIds));
  const local = sql`(p0.completed_at at time zone ${REPORT_TIME_ZONE})::date`;
  const range = [q.from ? sql`${local} >= ${q.from}::date` : null, q.to ? sql`${local} <= ${q.to}::date` : null].filter(Boolean) as SQL[];
  return sql`
    -- Inlined rather than materialised, so the planner sees the users table's statistics.
    with people as not materialized (
      select u.id, u.org_unit_id from users u where ${sql.join(people, sql` and `)}
    ),
    la as (
      select l.user_id, l.course_id, p.org_unit_id as unit_id,
        min(l.due_on) filter (where l.completed_at is null) as open_due,
        min(l.due_on) as any_due,
        bool_and(l.completed_at is not null) as done,
        max(l.completed_at) as done_at
      from learner_assignments l
      join people p on p.id = l.user_id
      join assignments a on a.id = l.assignment_id
      where l.closed_at is null and a.withdrawn_at is null and ${inList(sql`l.course_id`, q.courseIds)}
        and not exists (
          select 1 from learner_assignments n
          where n.assignment_id = l.assignment_id and n.user_id = l.user_id and n.cycle > l.cycle)
      group by l.user_id, l.course_id, p.org_unit_id
    ),
    en as (
      select e.user_id, e.course_id, p.org_unit_id as unit_id, e.completed_at
      from enrolments e join people p on p.id = e.user_id
      where ${inList(sql`e.course_id`, q.courseIds)}
    ),
    pairs0 as (
      select coalesce(la.user_id, en.user_id) as user_id, coalesce(la.course_id, en.course_id) as course_id,
        coalesce(la.unit_id, en.unit_id) as unit_id,
        la.user_id is not null as assigned,
        coalesce(la.open_due, la.any_due) as due_on,
        case when la.user_id is null then en.completed_at when la.done then la.done_at end as completed_at,
        en.user_id is not null as enrolled,
        ${q.today}::text as today
      from la full join en on en.user_id = la.user_id and en.course_id = la.course_id
    ),
    pairs as (
      select p0.user_id, p0.unit_id, p0.course_id, p0.assigned, p0.due_on, p0.completed_at, p0.enrolled,
        case when p0.completed_at is not null then 'completed'
             when p0.assigned and not p0.enrolled then 'not_started'
             else 'in_progress' end as status,
        (p0.assigned and p0.completed_at is null and p0.due_on < p0.today) as overdue
      from pairs0 p0
      where ${statusCondition(q.status)}
        ${range.length ? sql`and (p0.completed_at is null or (${sql.join(range, sql` and `)}))` : sql``}
    )`;
}

/**
 * One pass over the pairs for the matrix page: counts per org unit (its own people) and course, and completions
 * per week (weeks start on Monday, Vietnam time) as a second grouping set.
 */
export function matrixSql(q: PairQuery) {
  const counts = sql`count(*) filter (where assigned)::int as assigned,
      count(*) filter (where status = 'completed')::int as completed,
      count(*) filter (where status = 'in_progress')::int as in_progress,
      count(*) filter (where status = 'not_started')::int as not_started,
      count(*) filter (where overdue)::int as overdue,
      count(*)::int as counted`;
  return sql`${pairsCte(q)}
    select 0 as by_week, unit_id, course_id, null as week, ${counts} from pairs group by unit_id, course_id
    union all
    select 1, null, null, to_char(date_trunc('week', completed_at at time zone ${REPORT_TIME_ZONE}), 'YYYY-MM-DD'), ${counts}
    from pairs where completed_at is not null group by 4`;
}

/** How many parts the matrix is split into on PostgreSQL (the machines it runs on have two or more cores). */
const MATRIX_PARTS = 2;

/**
 * The matrix, computed in parts that run at once on PostgreSQL: every count belongs to one person × course pair,
 * so splitting the courses gives exact parts (cells are disjoint, weekly completions add up) and lets the server
 * use more than one core for the national view. The embedded database has one connection, and a small organisation
 * (`large` false: one query is quick there, and each extra one costs a round trip): one part.
 */
export async function matrixData(db: Db, q: PairQuery, options: { large: boolean } = { large: true }) {
  const parts = isEmbedded(db) || !options.large ? 1 : Math.min(MATRIX_PARTS, q.courseIds.length);
  const slices = parts <= 1 ? [q.courseIds] : Array.from({ length: parts }, (_, i) => q.courseIds.filter((_, j) => j % parts === i));
  const rows = (
    await Promise.all(
      slices.map((courseIds) =>
        // The matrix is kept in the read cache until anything changes (the key holds every input, today too).
        cachedRead(db, `report-matrix:${JSON.stringify({ ...q, courseIds })}`, () =>
          reportRows<Record<string, unknown>>(db, matrixSql({ ...q, courseIds })),
        ),
      ),
    )
  ).flat();
  const cells = rows
    .filter((r) => Number(r.by_week) === 0)
    .map((r) => ({
      unitId: String(r.unit_id),
      courseId: String(r.course_id),
      counts: {
        assigned: Number(r.assigned),
        completed: Number(r.completed),
        inProgress: Number(r.in_progress),
        notStarted: Number(r.not_started),
        overdue: Number(r.overdue),
        counted: Number(r.counted),
      } satisfies Counts,
    }));
  const byWeek = new Map<string, number>();
  for (const r of rows) {
    if (Number(r.by_week) === 0 || r.week === null) continue;
    byWeek.set(String(r.week), (byWeek.get(String(r.week)) ?? 0) + Number(r.completed));
  }
  const weekly = [...byWeek]
    .map(([week, completions]) => ({ week, completions }))
    .sort((x, y) => x.week.localeCompare(y.week));
  return { cells, weekly };
}

export type PersonPair = {
  userId: string;
  courseId: string;
  assigned: boolean;
  status: "completed" | "in_progress" | "not_started";
  overdue: boolean;
  dueOn: string | null;
  completedAt: Date | null;
};

export function pairsOfSql(q: PairQuery) {
  return sql`${pairsCte(q)} select user_id, course_id, assigned, status, overdue, due_on, completed_at from pairs`;
}

/** The counted person × course pairs of the given people. */
export async function pairsOf(db: Db, q: PairQuery & { userIds: readonly string[] }): Promise<PersonPair[]> {
  if (q.userIds.length === 0) return [];
  const rows = await reportRows<Record<string, unknown>>(db, pairsOfSql(q));
  return rows.map((r) => ({
    userId: String(r.user_id),
    courseId: String(r.course_id),
    assigned: Boolean(r.assigned),
    status: r.status as PersonPair["status"],
    overdue: Boolean(r.overdue),
    dueOn: (r.due_on as string | null) ?? null,
    completedAt: r.completed_at ? new Date(r.completed_at as string) : null,
  }));
}

export type PersonRow = {
  id: string;
  fullName: string;
  email: string;
  staffNumber: string | null;
  jobTitle: string | null;
  unitId: string;
};

type PeoplePage = { limit: number; offset?: number; after?: { fullName: string; id: string } };

export function peopleSql(q: PairQuery, page: PeoplePage) {
  const conditions = [sql`u.active`, sql`u.org_unit_id is not null`];
  if (q.unitIds) conditions.push(inList(sql`u.org_unit_id`, q.unitIds));
  if (page.after) conditions.push(sql`(u.full_name, u.id) > (${page.after.fullName}, ${page.after.id})`);
  const filtered = Boolean(q.status || q.from || q.to);
  return sql`${filtered ? sql`${pairsCte(q)} ` : sql``}
    select u.id, u.full_name, u.email, u.staff_number, u.job_title, u.org_unit_id
    from users u
    where ${sql.join(conditions, sql` and `)}
      ${filtered ? sql`and u.id in (select user_id from pairs)` : sql``}
    order by u.full_name, u.id
    limit ${page.limit} offset ${page.offset ?? 0}`;
}

/**
 * People of the given units in name order, a page at a time (keyset: after the given name and id). With a
 * status (or date range) filter, only people with at least one matching pair.
 */
export async function peopleOf(
  db: Db,
  q: PairQuery,
  page: PeoplePage,
): Promise<PersonRow[]> {
  const rows = rowsOf<Record<string, unknown>>(await db.execute(peopleSql(q, page)));
  return rows.map((r) => ({
    id: String(r.id),
    fullName: String(r.full_name),
    email: String(r.email),
    staffNumber: (r.staff_number as string | null) ?? null,
    jobTitle: (r.job_title as string | null) ?? null,
    unitId: String(r.org_unit_id),
  }));
}

/** How many people peopleOf would list in total. */
export async function countPeople(db: Db, q: PairQuery) {
  const conditions = [sql`u.active`, sql`u.org_unit_id is not null`];
  if (q.unitIds) conditions.push(inList(sql`u.org_unit_id`, q.unitIds));
  const filtered = Boolean(q.status || q.from || q.to);
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`${filtered ? sql`${pairsCte(q)} ` : sql``}
      select count(*)::int as n from users u where ${sql.join(conditions, sql` and `)}
        ${filtered ? sql`and u.id in (select user_id from pairs)` : sql``}`),
  );
  return Number(row?.n ?? 0);
}
