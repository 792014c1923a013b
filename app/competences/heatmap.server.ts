import { sql } from "drizzle-orm";
import { uuidArray } from "../../db/sql";
import type { Db } from "../../db/client";
import { rowsOf } from "~/platform/org-scope.server";
import { withReportSettings } from "~/reports/reports.server";
import type { ReportContext, TreeRow } from "~/reports/views.server";
import { certificateCounts } from "./framework.server";
import type { HeatmapSource } from "./schemas";

/*
 * How the heatmap counts (the page explains it in words):
 * - PEOPLE: active staff in the unit (with its sub-units rolled up), narrowed by the job title filter.
 * - A person is AT OR ABOVE level L in a competence when, from certificates: a certificate that counts now (not
 *   revoked, not replaced, not expired) names the competence at level L or higher; self-assessed: their own
 *   assessment of it is L or higher.
 * - SHARE = at or above ÷ people (people with no certificate or no self-assessment count as not at that level).
 * - WITH EVIDENCE: people with at least one counting certificate naming a competence (certified) or at least one
 *   self-assessment (self), so a low share can be told apart from an empty one.
 */

export type HeatmapQuery = {
  unitIds: readonly string[] | null;
  jobTitle?: string;
  level: number;
  source: HeatmapSource;
  now: Date;
};

export function heatmapSql(q: HeatmapQuery) {
  const people = [sql`u.active`, sql`u.org_unit_id is not null`];
  if (q.unitIds) people.push(sql`u.org_unit_id = any(${uuidArray(q.unitIds)})`);
  if (q.jobTitle) people.push(sql`u.job_title = ${q.jobTitle}`);
  const levels =
    q.source === "certified"
      ? sql`select c.user_id, e.id as competence_id, max(e.level) as level
          from certificates c join people p on p.id = c.user_id
          cross join lateral jsonb_to_recordset(c.competences) as e(id text, level int)
          where ${certificateCounts(q.now)}
          group by c.user_id, e.id`
      : sql`select s.user_id, s.competence_id, s.level from competence_self_assessments s join people p on p.id = s.user_id`;
  return sql`
    with people as not materialized (
      select u.id, u.org_unit_id from users u where ${sql.join(people, sql` and `)}
    ),
    levels as (${levels})
    select 'people' as kind, p.org_unit_id as unit_id, null::text as competence_id, count(*)::int as n from people p group by p.org_unit_id
    union all
    select 'evidence', p.org_unit_id, null, count(distinct l.user_id)::int from levels l join people p on p.id = l.user_id group by p.org_unit_id
    union all
    select 'cell', p.org_unit_id, l.competence_id, count(*)::int from levels l join people p on p.id = l.user_id
    where l.level >= ${q.level} group by p.org_unit_id, l.competence_id`;
}

export type HeatmapCounts = { people: number; evidence: number; cells: Record<string, number> };
export type HeatmapRow = TreeRow & HeatmapCounts;

const empty = (): HeatmapCounts => ({ people: 0, evidence: 0, cells: {} });

function add(into: HeatmapCounts, from: HeatmapCounts) {
  into.people += from.people;
  into.evidence += from.evidence;
  for (const [id, n] of Object.entries(from.cells)) into.cells[id] = (into.cells[id] ?? 0) + n;
}

/** The share at or above the level, as a percentage, or null for a unit with nobody in it. */
export function share(counts: HeatmapCounts, competenceId: string) {
  return counts.people === 0 ? null : (100 * (counts.cells[competenceId] ?? 0)) / counts.people;
}

/** The report's units (tree order) × competences, each unit with its sub-units rolled up, and the total of the top rows. */
export async function buildHeatmap(db: Db, ctx: ReportContext, q: Omit<HeatmapQuery, "unitIds">) {
  const unitIds = ctx.visible === null && !ctx.filters.unit ? null : ctx.rows.map((r) => r.unit.id);
  const rows = await withReportSettings(db, async (tx) =>
    rowsOf<{ kind: string; unit_id: string; competence_id: string | null; n: number }>(await tx.execute(heatmapSql({ ...q, unitIds }))),
  );
  const own = new Map<string, HeatmapCounts>(ctx.rows.map((r) => [r.unit.id, empty()]));
  for (const r of rows) {
    const counts = own.get(String(r.unit_id));
    if (!counts) continue;
    if (r.kind === "people") counts.people = Number(r.n);
    else if (r.kind === "evidence") counts.evidence = Number(r.n);
    else if (r.competence_id !== null) counts.cells[r.competence_id] = Number(r.n);
  }
  // Depth-first order: walking backwards adds every unit into its parent after its own children.
  const rolled = new Map<string, HeatmapCounts>();
  for (const row of ctx.rows) {
    const mine = empty();
    add(mine, own.get(row.unit.id)!);
    rolled.set(row.unit.id, mine);
  }
  for (const row of [...ctx.rows].reverse()) {
    const parent = row.unit.parentId ? rolled.get(row.unit.parentId) : undefined;
    if (parent) add(parent, rolled.get(row.unit.id)!);
  }
  const result: HeatmapRow[] = ctx.rows.map((row) => ({ ...row, ...rolled.get(row.unit.id)! }));
  const total = empty();
  for (const row of result.filter((r) => r.depth === 0)) add(total, row);
  return { rows: result, total };
}

/** The job titles of the active people the asker may see, for the filter's list. */
export async function jobTitles(db: Db, visible: readonly string[] | null) {
  const where = [sql`active`, sql`job_title is not null`, sql`job_title <> ''`, sql`org_unit_id is not null`];
  if (visible) where.push(sql`org_unit_id = any(${uuidArray(visible)})`);
  const rows = rowsOf<{ job_title: string }>(
    await db.execute(sql`select distinct job_title from users where ${sql.join(where, sql` and `)} order by job_title limit 500`),
  );
  return rows.map((r) => r.job_title);
}
