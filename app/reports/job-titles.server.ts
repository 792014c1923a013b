import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sameJobTitle, uuidArray } from "../../db/sql";
import { rowsOf } from "~/platform/org-scope.server";

/*
 * The job-title filter of the report pages (the programme drill-down, the competence heatmap) has one matching rule,
 * the assignment form's: trimmed, in any case. "Thủ thư " typed into a staff import and "Thủ thư" are one title.
 */

/** The job titles (trimmed, distinct) of the active people the asker may see, for the filter's list. */
export async function jobTitlesInScope(db: Db, visible: readonly string[] | null) {
  const rows = rowsOf<{ job_title: string }>(
    await db.execute(sql`select distinct btrim(job_title) as job_title from users
      where active and org_unit_id is not null and btrim(coalesce(job_title, '')) <> ''
        ${visible ? sql`and org_unit_id = any(${uuidArray(visible)})` : sql``}
      order by 1 limit 500`),
  );
  return rows.map((r) => r.job_title);
}

/** The listed title that the asked one is (trimmed, any case), or undefined when it is none of them. */
export function findJobTitle(titles: readonly string[], asked: string) {
  const wanted = asked.trim().toLowerCase();
  return titles.find((title) => title.toLowerCase() === wanted);
}

/** The SQL condition "this person's title is the filter's", for a users column. */
export function jobTitleIs(column: SQL, title: string) {
  return sameJobTitle(column, title);
}
