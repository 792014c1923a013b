import { sql } from "drizzle-orm";
import { uuidArray } from "../../db/sql";
import { isEmbedded } from "../../db/read-cache";
import type { Db } from "../../db/client";
import { rowsOf } from "~/platform/org-scope.server";
import { withReportSettings } from "~/reports/reports.server";
import { jobTitleIs } from "~/reports/job-titles.server";
import type { ReportContext, TreeRow } from "~/reports/views.server";
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

/** The people counted: active staff in a unit (of the report's units), narrowed by the job title filter. */
export function heatmapPeople(q: Pick<HeatmapQuery, "unitIds" | "jobTitle">) {
  const people = [sql`u.active`, sql`u.org_unit_id is not null`];
  if (q.unitIds) people.push(sql`u.org_unit_id = any(${uuidArray(q.unitIds)})`);
  if (q.jobTitle) people.push(jobTitleIs(sql`u.job_title`, q.jobTitle));
  return sql`people as not materialized (select u.id, u.org_unit_id from users u where ${sql.join(people, sql` and `)})`;
}

/**
 * Rows of (kind, unit, competence, n): 'people' per unit, 'evidence' per unit, 'cell' per unit and competence.
 * Certified: competence_reach (kept by triggers on certificates, migration 0010) holds per person, competence and
 * level the latest end of a certificate that counts and reaches it, and level 0 for "has evidence": one pass over
 * levels 0 and L of its level index, the end compared with now here, so a certificate that expires drops out at once.
 * Self-assessed: the people with any self-assessment are a semi-join (no distinct count).
 */
export function heatmapSql(q: HeatmapQuery) {
  const counted =
    q.source === "certified"
      ? sql`select case when r.level = 0 then 'evidence' else 'cell' end, p.org_unit_id, nullif(r.competence_id, '*'), count(*)::int
          from competence_reach r join people p on p.id = r.user_id
          where r.level in (0, ${q.level}::smallint) and r.until > ${q.now.toISOString()}::timestamptz
          group by r.level, p.org_unit_id, r.competence_id`
      : sql`select 'evidence', p.org_unit_id, null, count(*)::int from people p
          where exists (select from competence_self_assessments s where s.user_id = p.id) group by p.org_unit_id
          union all
          select 'cell', p.org_unit_id, s.competence_id, count(*)::int from competence_self_assessments s join people p on p.id = s.user_id
          where s.level >= ${q.level} group by p.org_unit_id, s.competence_id`;
  return sql`
    with ${heatmapPeople(q)}
    select 'people' as kind, p.org_unit_id as unit_id, null::text as competence_id, count(*)::int as n from people p group by p.org_unit_id
    union all
    ${counted}`;
}

export type HeatmapSqlRow = { kind: string; unit_id: string; competence_id: string | null; n: number };

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
  const query = heatmapSql({ ...q, unitIds: heatmapUnitIds(ctx) });
  const rows = await withReportSettings(db, async (tx) => {
    // Measured at national scale: a parallel plan for the self-assessed view spends more starting workers than it saves.
    if (q.source === "self" && !isEmbedded(db)) await tx.execute(sql`select set_config('max_parallel_workers_per_gather', '0', true)`);
    return rowsOf<HeatmapSqlRow>(await tx.execute(query));
  });
  return rollUp(ctx, rows);
}

/** The units whose people are counted (null: every unit, for an unscoped asker with no unit filter). */
export const heatmapUnitIds = (ctx: ReportContext) => (ctx.visible === null && !ctx.filters.unit ? null : ctx.rows.map((r) => r.unit.id));

/** The query's rows as the report's units with their sub-units rolled up (depth-first order), and the total of the top rows. */
export function rollUp(ctx: ReportContext, rows: readonly HeatmapSqlRow[]) {
  const own = new Map<string, HeatmapCounts>(ctx.rows.map((r) => [r.unit.id, empty()]));
  for (const r of rows) {
    const counts = own.get(String(r.unit_id));
    if (!counts) continue;
    if (r.kind === "people") counts.people = Number(r.n);
    else if (r.kind === "evidence") counts.evidence = Number(r.n);
    else if (r.competence_id !== null) counts.cells[r.competence_id] = Number(r.n);
  }
  // Walking backwards adds every unit into its parent after its own children.
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
