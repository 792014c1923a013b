// The competence heatmap's query as it was before competence_reach (migration 0010): every certificate's
// competences unnested and grouped per person at request time, and a distinct count for "with evidence". Kept so
// that `npm run bench:reports` times it beside today's query on the same data (docs/decisions/0007).
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { certificateCounts } from "../../app/competences/framework.server";
import { type HeatmapQuery, type HeatmapSqlRow, heatmapPeople, heatmapUnitIds, rollUp } from "../../app/competences/heatmap.server";
import { rowsOf } from "../../app/platform/org-scope.server";
import { withReportSettings } from "../../app/reports/reports.server";
import type { ReportContext } from "../../app/reports/views.server";

export function heatmapSqlBefore(q: HeatmapQuery) {
  const levels =
    q.source === "certified"
      ? sql`select c.user_id, e.id as competence_id, max(e.level) as level
          from certificates c join people p on p.id = c.user_id
          cross join lateral jsonb_to_recordset(c.competences) as e(id text, level int)
          where ${certificateCounts(q.now)}
          group by c.user_id, e.id`
      : sql`select s.user_id, s.competence_id, s.level from competence_self_assessments s join people p on p.id = s.user_id`;
  return sql`
    with ${heatmapPeople(q)},
    levels as (${levels})
    select 'people' as kind, p.org_unit_id as unit_id, null::text as competence_id, count(*)::int as n from people p group by p.org_unit_id
    union all
    select 'evidence', p.org_unit_id, null, count(distinct l.user_id)::int from levels l join people p on p.id = l.user_id group by p.org_unit_id
    union all
    select 'cell', p.org_unit_id, l.competence_id, count(*)::int from levels l join people p on p.id = l.user_id
    where l.level >= ${q.level} group by p.org_unit_id, l.competence_id`;
}

export async function buildHeatmapBefore(db: Db, ctx: ReportContext, q: Omit<HeatmapQuery, "unitIds">) {
  const query = heatmapSqlBefore({ ...q, unitIds: heatmapUnitIds(ctx) });
  return rollUp(ctx, await withReportSettings(db, async (tx) => rowsOf<HeatmapSqlRow>(await tx.execute(query))));
}
