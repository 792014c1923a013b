import { depthFirst } from "~/platform/tree";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orgUnits, users } from "../../db/schema";
import { outer } from "../../db/sql";
import { isUniqueViolation } from "~/platform/db-errors.server";
import { recordAudit } from "~/platform/audit.server";
import { unitSubtree } from "~/platform/org-scope.server";

export type OrgUnitAdminRow = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  parentId: string | null;
  active: boolean;
  depth: number;
  /** Active people directly in the unit. */
  staff: number;
};

/** Units with their number of active staff, in code order (for a depth-first tree). */
function unitsWithStaff(db: Db, activeOnly: boolean) {
  return db
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      nameEn: orgUnits.nameEn,
      parentId: orgUnits.parentId,
      active: orgUnits.active,
      staff: sql<number>`(select count(*)::int from users u where u.org_unit_id = ${outer(orgUnits.id)} and u.active)`,
    })
    .from(orgUnits)
    .where(activeOnly ? eq(orgUnits.active, true) : undefined)
    .orderBy(asc(orgUnits.code));
}

/** Every unit, inactive ones included, depth-first in code order: the admin's tree. */
export async function listAllUnits(db: Db): Promise<OrgUnitAdminRow[]> {
  return depthFirst(await unitsWithStaff(db, false));
}

export type OrgUnitRow = Omit<OrgUnitAdminRow, "active">;

/** The active org tree in display order (depth-first), with the number of active staff in each unit. */
export async function listOrgTree(db: Db): Promise<OrgUnitRow[]> {
  const rows = await unitsWithStaff(db, true);
  return depthFirst(rows.map(({ active: _active, ...unit }) => unit));
}

export type UnitInput = { code: string; name: string; nameEn: string | null; parentId: string | null };
export type UnitResult = { ok: true; id: string } | { ok: false; field: "code" | "parentId" | "form"; error: string };

const codeTaken: UnitResult = { ok: false, field: "code", error: "staffAdmin.units.codeTaken" };

async function codeInUse(db: Db, code: string, exceptId?: string) {
  const [row] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(sql`lower(${orgUnits.code}) = lower(${code})`, exceptId ? ne(orgUnits.id, exceptId) : undefined));
  return Boolean(row);
}

async function activeUnit(db: Db, id: string) {
  const [row] = await db.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.id, id), eq(orgUnits.active, true)));
  return Boolean(row);
}

export async function createUnit(db: Db, actorId: string, input: UnitInput): Promise<UnitResult> {
  if (await codeInUse(db, input.code)) return codeTaken;
  if (input.parentId && !(await activeUnit(db, input.parentId))) {
    return { ok: false, field: "parentId", error: "staffAdmin.units.parentMissing" };
  }
  return db
    .transaction(async (tx) => {
      const [row] = await tx.insert(orgUnits).values(input).returning({ id: orgUnits.id });
      await recordAudit(tx, { actorId, action: "org_unit.create", targetType: "org_unit", targetId: row!.id, details: { ...input } });
      return { ok: true as const, id: row!.id };
    })
    .catch((error) => {
      if (isUniqueViolation(error, "org_units_code_key")) return codeTaken;
      throw error;
    });
}

/** Renames, re-codes or moves a unit; a unit cannot move under itself or one of its descendants. */
export async function updateUnit(db: Db, actorId: string, id: string, input: UnitInput): Promise<UnitResult | null> {
  const [before] = await db
    .select({ code: orgUnits.code, name: orgUnits.name, nameEn: orgUnits.nameEn, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(eq(orgUnits.id, id));
  if (!before) return null;
  if (await codeInUse(db, input.code, id)) return codeTaken;
  if (input.parentId && input.parentId !== before.parentId) {
    if ((await unitSubtree(db, id)).includes(input.parentId)) {
      return { ok: false, field: "parentId", error: "staffAdmin.units.moveIntoItself" };
    }
    if (!(await activeUnit(db, input.parentId))) return { ok: false, field: "parentId", error: "staffAdmin.units.parentMissing" };
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["code", "name", "nameEn", "parentId"] as const) {
    if ((before[key] ?? null) !== (input[key] ?? null)) changes[key] = { from: before[key], to: input[key] };
  }
  if (Object.keys(changes).length === 0) return { ok: true, id };
  try {
    await db.transaction(async (tx) => {
      await tx.update(orgUnits).set(input).where(eq(orgUnits.id, id));
      await recordAudit(tx, {
        actorId,
        action: "parentId" in changes ? "org_unit.move" : "org_unit.update",
        targetType: "org_unit",
        targetId: id,
        details: { code: input.code, changes },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "org_units_code_key")) return codeTaken;
    throw error;
  }
  return { ok: true, id };
}

export type DeactivateResult =
  | { ok: true }
  | { ok: false; error: "staffAdmin.units.hasPeople" | "staffAdmin.units.hasSubUnits"; count: number };

/**
 * Units are never deleted (history and reports point at them). A unit that still has active people or active
 * sub-units is refused: the admin moves the people (or deactivates them) and the sub-units first.
 */
export async function setUnitActive(db: Db, actorId: string, id: string, active: boolean): Promise<DeactivateResult | null> {
  const [unit] = await db.select({ code: orgUnits.code, parentId: orgUnits.parentId }).from(orgUnits).where(eq(orgUnits.id, id));
  if (!unit) return null;
  if (!active) {
    const [people] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.orgUnitId, id), eq(users.active, true)));
    if (people!.n > 0) return { ok: false, error: "staffAdmin.units.hasPeople", count: people!.n };
    const [subs] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, id), eq(orgUnits.active, true)));
    if (subs!.n > 0) return { ok: false, error: "staffAdmin.units.hasSubUnits", count: subs!.n };
  }
  await db.transaction(async (tx) => {
    await tx.update(orgUnits).set({ active }).where(eq(orgUnits.id, id));
    await recordAudit(tx, {
      actorId,
      action: active ? "org_unit.reactivate" : "org_unit.deactivate",
      targetType: "org_unit",
      targetId: id,
      details: { code: unit.code },
    });
  });
  return { ok: true };
}
