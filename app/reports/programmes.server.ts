/**
 * Programme columns of the reports and the programme drill-down, over training's and programmes' tables:
 * - A person is COUNTED for a programme when they follow it: assigned (an open row, assignment not withdrawn) or
 *   started it themselves. COMPLETED: they hold its certificate, or every open assignment row is completed.
 *   OVERDUE: assigned, not completed, today (Vietnam) after the earliest open due day.
 * - Units roll up with their sub-units, like the course matrix; only active staff in an org unit count.
 * - A person's courses in the drill-down: done (completed in some cycle), started (enrolled), else not started.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { uuidArray } from "../../db/sql";
import { rowsOf } from "~/platform/org-scope.server";
import { withReportSettings } from "./reports.server";
import { jobTitleIs } from "./job-titles.server";
import { reportUnitIds, type ReportContext, type TreeRow } from "./views.server";

import { type ProgrammeCounts } from "./counts";

export { programmePercent, type ProgrammeCounts } from "./counts";
export type { ProgrammeColumn } from "./views.server";
const empty = (): ProgrammeCounts => ({ counted: 0, completed: 0, overdue: 0 });
const add = (into: ProgrammeCounts, more: ProgrammeCounts) => {
  into.counted += more.counted;
  into.completed += more.completed;
  into.overdue += more.overdue;
};

/** Who follows which programme, with completion and due day: (user_id, programme_id, completed_at, due_on). */
function followersCte(today: string) {
  return sql`
    assigned as (
      select la.user_id, la.programme_id, bool_and(la.completed_at is not null) as done, max(la.completed_at) as done_at,
        min(la.due_on) filter (where la.completed_at is null) as due_on
      from learner_assignments la join assignments a on a.id = la.assignment_id and a.withdrawn_at is null
      where la.programme_id is not null and la.closed_at is null
        and not exists (select 1 from learner_assignments n where n.assignment_id = la.assignment_id and n.user_id = la.user_id and n.cycle > la.cycle)
      group by la.user_id, la.programme_id
    ),
    followers as (
      select user_id, programme_id from assigned union select user_id, programme_id from programme_enrolments
    ),
    status as (
      select f.user_id, f.programme_id, a.due_on, a.user_id is not null as assigned,
        coalesce((select min(c.completed_at) from certificates c where c.user_id = f.user_id and c.programme_id = f.programme_id and c.replaces_id is null),
          case when a.done then a.done_at end) as completed_at
      from followers f left join assigned a on a.user_id = f.user_id and a.programme_id = f.programme_id
    ),
    flagged as (
      select s.*, (s.completed_at is null and s.due_on is not null and s.due_on < ${today}) as overdue from status s
    )`;
}

/** Org units (rolled up) × programmes, with totals over the top rows. */
export async function buildProgrammeMatrix(db: Db, ctx: ReportContext) {
  const programmes = ctx.programmes;
  const unitIds = reportUnitIds(ctx);
  const cells = await withReportSettings(db, async (tx) =>
    rowsOf<{ unit_id: string; programme_id: string; counted: number; completed: number; overdue: number }>(
      await tx.execute(sql`
        with ${followersCte(ctx.today)}
        select u.org_unit_id as unit_id, f.programme_id, count(*)::int as counted,
          count(f.completed_at)::int as completed, count(*) filter (where f.overdue)::int as overdue
        from flagged f join users u on u.id = f.user_id and u.active and u.org_unit_id is not null
        where ${unitIds ? sql`u.org_unit_id = any(${uuidArray(unitIds)})` : sql`true`}
        group by u.org_unit_id, f.programme_id`),
    ),
  );
  const rolled = new Map<string, Record<string, ProgrammeCounts>>();
  for (const row of ctx.rows) rolled.set(row.unit.id, Object.fromEntries(programmes.map((p) => [p.id, empty()])));
  for (const cell of cells) {
    const target = rolled.get(cell.unit_id)?.[cell.programme_id];
    if (target) add(target, { counted: cell.counted, completed: cell.completed, overdue: cell.overdue });
  }
  const shown = new Set(ctx.rows.map((r) => r.unit.id));
  // Depth-first order: walking backwards adds each unit into its parent after its own children.
  for (const row of [...ctx.rows].reverse()) {
    const parent = row.unit.parentId;
    if (!parent || !shown.has(parent)) continue;
    for (const p of programmes) add(rolled.get(parent)![p.id]!, rolled.get(row.unit.id)![p.id]!);
  }
  const rows: (TreeRow & { cells: Record<string, ProgrammeCounts> })[] = ctx.rows.map((row) => ({ ...row, cells: rolled.get(row.unit.id)! }));
  const totals = Object.fromEntries(programmes.map((p) => [p.id, empty()]));
  for (const row of rows.filter((r) => r.depth === 0)) for (const p of programmes) add(totals[p.id]!, row.cells[p.id]!);
  return { programmes, rows, totals };
}

export type ProgrammePerson = {
  id: string;
  fullName: string;
  email: string;
  staffNumber: string | null;
  jobTitle: string | null;
  unitId: string;
  assigned: boolean;
  dueOn: string | null;
  overdue: boolean;
  completedAt: Date | null;
  /** Per course of the programme: done / started / not started. */
  courses: Record<string, "done" | "started" | "none">;
};

/** Which followers a drill-down page or an export batch asks for (units null: every unit). */
export type FollowerQuery = {
  unitIds: readonly string[] | null;
  jobTitle?: string;
  limit: number;
  offset?: number;
  after?: { fullName: string; id: string };
};

function followerWhere(programmeId: string, q: Omit<FollowerQuery, "limit" | "offset">) {
  const where = [sql`f.programme_id = ${programmeId}`];
  if (q.unitIds) where.push(sql`u.org_unit_id = any(${uuidArray(q.unitIds)})`);
  if (q.jobTitle) where.push(jobTitleIs(sql`u.job_title`, q.jobTitle));
  if (q.after) where.push(sql`(u.full_name, u.id) > (${q.after.fullName}, ${q.after.id})`);
  return sql.join(where, sql` and `);
}

/** The programme's courses in order (the drill-down's columns). */
export async function programmeCourseColumns(db: Db, programmeId: string) {
  const rows = rowsOf<{ id: string; slug: string; title_vi: string; title_en: string | null; optional: boolean }>(
    await db.execute(sql`select c.id, c.slug, c.title_vi, c.title_en, pc.optional from programme_courses pc join courses c on c.id = pc.course_id
      where pc.programme_id = ${programmeId} order by pc.position`),
  );
  return rows.map((c) => ({ id: c.id, slug: c.slug, titleVi: c.title_vi, titleEn: c.title_en, optional: c.optional }));
}

/** A programme's followers in the given units (the asker's scope), in name order, with each course's state. */
export async function programmePeople(db: Db, ctx: ReportContext, programmeId: string, q: FollowerQuery): Promise<ProgrammePerson[]> {
  const people = await withReportSettings(db, async (tx) =>
    rowsOf<{ id: string; full_name: string; email: string; staff_number: string | null; job_title: string | null; org_unit_id: string; assigned: boolean; due_on: string | null; overdue: boolean; completed_at: string | Date | null; states: Record<string, "done" | "started"> | null }>(
      await tx.execute(sql`
        with ${followersCte(ctx.today)}
        select u.id, u.full_name, u.email, u.staff_number, u.job_title, u.org_unit_id, f.assigned, f.due_on, f.overdue, f.completed_at,
          (select jsonb_object_agg(e.course_id, case when e.completed_at is not null or e.cycle > 1 then 'done' else 'started' end)
            from enrolments e join programme_courses pc on pc.course_id = e.course_id and pc.programme_id = ${programmeId}
            where e.user_id = u.id) as states
        from flagged f join users u on u.id = f.user_id and u.active and u.org_unit_id is not null
        where ${followerWhere(programmeId, q)}
        order by u.full_name, u.id
        limit ${q.limit} offset ${q.offset ?? 0}`),
    ),
  );
  return people.map(
    (p): ProgrammePerson => ({
      id: p.id,
      fullName: p.full_name,
      email: p.email,
      staffNumber: p.staff_number,
      jobTitle: p.job_title,
      unitId: p.org_unit_id,
      assigned: p.assigned,
      dueOn: p.due_on,
      overdue: p.overdue,
      completedAt: p.completed_at ? new Date(p.completed_at) : null,
      courses: Object.fromEntries(Object.entries(p.states ?? {})),
    }),
  );
}

/** How many follow the programme in those units, completed and overdue: the drill-down's headline and pager. */
export async function programmeFollowerCounts(db: Db, ctx: ReportContext, programmeId: string, q: Omit<FollowerQuery, "limit" | "offset" | "after">) {
  const [row] = await withReportSettings(db, async (tx) =>
    rowsOf<ProgrammeCounts>(
      await tx.execute(sql`
        with ${followersCte(ctx.today)}
        select count(*)::int as counted, count(f.completed_at)::int as completed, count(*) filter (where f.overdue)::int as overdue
        from flagged f join users u on u.id = f.user_id and u.active and u.org_unit_id is not null
        where ${followerWhere(programmeId, q)}`),
    ),
  );
  return { counted: Number(row?.counted ?? 0), completed: Number(row?.completed ?? 0), overdue: Number(row?.overdue ?? 0) };
}

export type ProgrammeState = "completed" | "overdue" | "following";

/** For an export batch: each person's state in every programme they follow (the unit file's programme columns). */
export async function programmeStatesOf(db: Db, ctx: ReportContext, userIds: readonly string[]) {
  const states = new Map<string, Record<string, ProgrammeState>>();
  if (!userIds.length) return states;
  const rows = await withReportSettings(db, async (tx) =>
    rowsOf<{ user_id: string; programme_id: string; completed: boolean; overdue: boolean }>(
      await tx.execute(sql`
        with ${followersCte(ctx.today)}
        select f.user_id, f.programme_id, f.completed_at is not null as completed, f.overdue from flagged f
        join programmes p on p.id = f.programme_id and p.published
        where f.user_id = any(${uuidArray(userIds)})`),
    ),
  );
  for (const r of rows) {
    const mine = states.get(r.user_id) ?? {};
    mine[r.programme_id] = r.completed ? "completed" : r.overdue ? "overdue" : "following";
    states.set(r.user_id, mine);
  }
  return states;
}
