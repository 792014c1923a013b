import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { userRoles } from "../../db/schema";

/**
 * The org units an HR user may see: null means every unit (admins, and HR without a scope); otherwise the
 * ids of their scope unit and all its descendants. Checked on the server for every report, export and register.
 */
export async function hrVisibleUnits(db: Db, user: { id: string; roles: readonly string[] }): Promise<string[] | null> {
  if (user.roles.includes("admin")) return null;
  const [row] = await db
    .select({ scope: userRoles.scopeOrgUnitId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, user.id), eq(userRoles.role, "hr")));
  if (!row) return [];
  if (!row.scope) return null;
  return unitSubtree(db, row.scope);
}

/** A unit and all its descendants (ids), following parent links. */
export async function unitSubtree(db: Db, unitId: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    with recursive tree as (
      select id from org_units where id = ${unitId}
      union
      select o.id from org_units o join tree t on o.parent_id = t.id
    )
    select id from tree`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** postgres.js returns an array, PGlite an object with rows: the same rows either way. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
