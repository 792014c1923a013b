import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { userRoles, users } from "../../db/schema";

/**
 * The org units an HR user or a manager may see: null means every unit (admins, and HR without a scope); otherwise
 * the ids of their scope unit and all its descendants. A manager (without HR) sees the unit they manage — their
 * role's scope unit, else their own unit — and its sub-units: read-only reports, never HR's actions (those routes
 * require the hr role). Checked on the server for every report, export and register.
 */
export async function hrVisibleUnits(db: Db, user: { id: string; roles: readonly string[] }): Promise<string[] | null> {
  if (user.roles.includes("admin")) return null;
  const rows = await db
    .select({ role: userRoles.role, scope: userRoles.scopeOrgUnitId, ownUnit: users.orgUnitId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.userId, user.id), inArray(userRoles.role, ["hr", "manager"])));
  const root = scopeRoot(user, rows);
  return root === "all" ? null : root === "none" ? [] : unitSubtree(db, root.unit);
}

/** One of the asker's hr / manager roles: its scope unit and the asker's own unit. */
export type ScopeRole = { role: string; scope: string | null; ownUnit: string | null };

/**
 * Whose subtree the asker sees, from their hr and manager roles (the rule of hrVisibleUnits): "all" for admins
 * and HR without a scope, the scope unit of HR, else the unit a manager manages, else "none".
 */
export function scopeRoot(user: { roles: readonly string[] }, rows: readonly ScopeRole[]): "all" | "none" | { unit: string } {
  if (user.roles.includes("admin")) return "all";
  const hr = rows.find((r) => r.role === "hr");
  if (hr) return hr.scope ? { unit: hr.scope } : "all";
  const manager = rows.find((r) => r.role === "manager");
  const managed = manager ? (manager.scope ?? manager.ownUnit) : null;
  return managed ? { unit: managed } : "none";
}

/**
 * The asker's hr and manager roles as one json value (ScopeRole[]), for a query that reads the scope together
 * with other things in one round trip (the reports); scopeRoot then applies the rule.
 */
export function scopeRolesJson(userId: string) {
  return sql`(select coalesce(json_agg(json_build_object('role', r.role, 'scope', r.scope_org_unit_id, 'ownUnit', u.org_unit_id)), '[]'::json)
    from user_roles r join users u on u.id = r.user_id where r.user_id = ${userId} and r.role in ('hr', 'manager'))`;
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
