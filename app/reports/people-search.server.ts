import { and, asc, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { uuidArray } from "../../db/sql";
import { escapeLike, foldForSearch, searchTerms } from "~/platform/text";
import { PERSON_COLUMNS, type ReportContext } from "./views.server";

export const PEOPLE_SEARCH_LIMIT = 50;

/**
 * HR's "find a person": name, email or staff number, without diacritics ("nguyen van an" finds "Nguyễn Văn An"),
 * only in the asker's scope (the scope is in the WHERE: someone outside it is never found). Exact staff numbers and
 * emails come first, then names in order; people who have left are listed after the active ones and marked.
 */
export async function searchPeople(db: Db, ctx: ReportContext, query: string) {
  const terms = searchTerms(query);
  if (terms.length === 0) return { people: [], more: false };
  const where: SQL[] = terms.map((term) => sql`${users.searchText} like ${`%${escapeLike(term)}%`}`);
  where.push(sql`${users.orgUnitId} is not null`);
  if (ctx.visible) where.push(sql`${users.orgUnitId} = any(${uuidArray(ctx.visible)})`);
  const whole = foldForSearch(query);
  const rows = await db
    .select(PERSON_COLUMNS)
    .from(users)
    .where(and(...where))
    .orderBy(
      sql`case when lower(coalesce(${users.staffNumber}, '')) = ${whole} or lower(${users.email}) = ${whole} then 0 else 1 end`,
      sql`case when ${users.active} then 0 else 1 end`,
      asc(users.fullName),
      asc(users.id),
    )
    .limit(PEOPLE_SEARCH_LIMIT + 1);
  return { people: rows.slice(0, PEOPLE_SEARCH_LIMIT).map((r) => ({ ...r, unitId: r.unitId! })), more: rows.length > PEOPLE_SEARCH_LIMIT };
}
