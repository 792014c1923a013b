/** The staff import: compare a checked file with the database, keep the preview, and apply it in one transaction. */
import { ROLES } from "~/platform/permissions";
import { syncLearnerAssignments } from "~/training/assignment-sync.server";
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orgUnits, type Role, staffImports, userRoles, users } from "../../db/schema";
import { isUniqueViolation } from "~/platform/db-errors.server";
import { recordAudit, recordAudits } from "~/platform/audit.server";
import { type ImportProblem, type ImportRow, parseStaffCsv } from "./staff-csv.server";

const PREVIEW_TTL_MS = 60 * 60 * 1000;
const BATCH = 1000;

type Existing = {
  id: string;
  email: string;
  fullName: string;
  staffNumber: string | null;
  jobTitle: string | null;
  orgUnitId: string | null;
  roles: Role[];
};

type Plan = {
  create: (ImportRow & { orgUnitId: string })[];
  update: { row: ImportRow; orgUnitId: string; existing: Existing }[];
  unchanged: number;
  problems: ImportProblem[];
};

async function activeUnitCodes(db: Pick<Db, "select">) {
  const rows = await db.select({ id: orgUnits.id, code: orgUnits.code }).from(orgUnits).where(eq(orgUnits.active, true));
  return new Map(rows.map((r) => [r.code.toUpperCase(), r.id]));
}

/** Compares the file with the database: who is new, who changes, and conflicts the file alone cannot show. */
async function plan(db: Pick<Db, "select">, rows: ImportRow[], actorId: string): Promise<Plan> {
  const units = await activeUnitCodes(db);
  const existing = new Map<string, Existing>();
  for (let i = 0; i < rows.length; i += BATCH) {
    const emails = rows.slice(i, i + BATCH).map((r) => r.email.toLowerCase());
    const found = await db
      .select({
        id: users.id,
        email: users.email,
        fullName: users.fullName,
        staffNumber: users.staffNumber,
        jobTitle: users.jobTitle,
        orgUnitId: users.orgUnitId,
        roles: sql<Role[]>`coalesce(array(select ur.role::text from user_roles ur where ur.user_id = "users"."id" order by 1), '{}')`,
      })
      .from(users)
      .where(inArray(sql`lower(${users.email})`, emails));
    for (const person of found) existing.set(person.email.toLowerCase(), person);
  }
  const numbers = rows.flatMap((r) => (r.staffNumber ? [r.staffNumber] : []));
  const numberOwner = new Map<string, string>();
  for (let i = 0; i < numbers.length; i += BATCH) {
    const found = await db
      .select({ staffNumber: users.staffNumber, email: users.email })
      .from(users)
      .where(inArray(users.staffNumber, numbers.slice(i, i + BATCH)));
    for (const f of found) numberOwner.set(f.staffNumber!, f.email.toLowerCase());
  }
  const result: Plan = { create: [], update: [], unchanged: 0, problems: [] };
  for (const row of rows) {
    const orgUnitId = units.get(row.orgUnitCode);
    if (!orgUnitId) {
      result.problems.push({ row: row.row, code: "unknownUnit", params: { value: row.orgUnitCode } });
      continue;
    }
    const key = row.email.toLowerCase();
    const owner = row.staffNumber ? numberOwner.get(row.staffNumber) : undefined;
    if (owner && owner !== key) {
      result.problems.push({ row: row.row, code: "staffNumberTaken", params: { value: row.staffNumber!, email: owner } });
      continue;
    }
    const person = existing.get(key);
    if (!person) {
      result.create.push({ ...row, orgUnitId });
      continue;
    }
    if (person.id === actorId && row.roles && !row.roles.includes("admin")) {
      result.problems.push({ row: row.row, code: "ownAdmin" });
      continue;
    }
    const differs =
      person.fullName !== row.fullName ||
      person.orgUnitId !== orgUnitId ||
      (row.staffNumber !== undefined && person.staffNumber !== row.staffNumber) ||
      (row.jobTitle !== undefined && person.jobTitle !== row.jobTitle) ||
      (row.roles !== null && person.roles.join(",") !== row.roles.join(","));
    if (differs) result.update.push({ row, orgUnitId, existing: person });
    else result.unchanged += 1;
  }
  return result;
}

export type ImportPreview =
  | { ok: false; problems: ImportProblem[] }
  | {
      ok: true;
      importId: string;
      summary: { new: number; changed: number; unchanged: number };
      sample: { row: number; email: string; fullName: string; status: "new" | "changed" }[];
    };

/**
 * Checks an upload and, when every row is fine, keeps the validated rows on the server under a random id that only
 * this admin can confirm within the hour. Nothing about staff is written here.
 */
export async function previewImport(db: Db, actorId: string, bytes: Uint8Array, fileName: string | null): Promise<ImportPreview> {
  const units = await activeUnitCodes(db);
  const parsed = parseStaffCsv(bytes, new Set(units.keys()));
  if (!parsed.ok) return parsed;
  const planned = await plan(db, parsed.rows, actorId);
  if (planned.problems.length) return { ok: false, problems: planned.problems };
  await db.delete(staffImports).where(sql`${staffImports.expiresAt} < now()`);
  const [saved] = await db
    .insert(staffImports)
    .values({ createdBy: actorId, fileName: fileName?.slice(0, 200) ?? null, rows: parsed.rows, expiresAt: new Date(Date.now() + PREVIEW_TTL_MS) })
    .returning({ id: staffImports.id });
  const sample = [
    ...planned.create.map((r) => ({ row: r.row, email: r.email, fullName: r.fullName, status: "new" as const })),
    ...planned.update.map((u) => ({ row: u.row.row, email: u.row.email, fullName: u.row.fullName, status: "changed" as const })),
  ]
    .sort((a, b) => a.row - b.row)
    .slice(0, 200);
  return {
    ok: true,
    importId: saved!.id,
    summary: { new: planned.create.length, changed: planned.update.length, unchanged: planned.unchanged },
    sample,
  };
}

/** The summary of a pending preview (for the confirm page after a reload); null when gone, used or not this admin's. */
export async function pendingImport(db: Db, actorId: string, importId: string) {
  const [row] = await db
    .select({ rows: staffImports.rows, fileName: staffImports.fileName })
    .from(staffImports)
    .where(and(eq(staffImports.id, importId), eq(staffImports.createdBy, actorId), isNull(staffImports.appliedAt), gt(staffImports.expiresAt, sql`now()`)));
  if (!row) return null;
  const planned = await plan(db, row.rows as ImportRow[], actorId);
  return { fileName: row.fileName, summary: { new: planned.create.length, changed: planned.update.length, unchanged: planned.unchanged }, problems: planned.problems };
}

export type ApplyResult =
  | {
      ok: true;
      created: { id: string; email: string }[];
      /** People created, or whose org unit or job title changed: whatever depends on placement must follow. */
      placementChanged: string[];
      summary: { new: number; changed: number; unchanged: number };
    }
  | { ok: false; problems: ImportProblem[] }
  | { ok: false; gone: true };

class Abort extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super("import aborted");
  }
}

/**
 * Applies a confirmed preview in ONE transaction (every row or none), as an upsert keyed by lower(email): people
 * already as the file says are not touched, so importing the same file again changes nothing. The preview is used
 * up atomically, so a double submit applies it once. Audited with the counts; role changes also per person.
 */
export async function applyImport(db: Db, actorId: string, importId: string): Promise<ApplyResult> {
  try {
    return await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(staffImports)
        .set({ appliedAt: sql`now()` })
        .where(
          and(eq(staffImports.id, importId), eq(staffImports.createdBy, actorId), isNull(staffImports.appliedAt), gt(staffImports.expiresAt, sql`now()`)),
        )
        .returning({ rows: staffImports.rows, fileName: staffImports.fileName });
      if (!claimed) return { ok: false as const, gone: true as const };
      const planned = await plan(tx, claimed.rows as ImportRow[], actorId);
      if (planned.problems.length) throw new Abort(planned.problems);

      const created: { id: string; email: string }[] = [];
      for (let i = 0; i < planned.create.length; i += BATCH) {
        const chunk = planned.create.slice(i, i + BATCH);
        const inserted = await tx
          .insert(users)
          .values(
            chunk.map((r) => ({
              email: r.email,
              fullName: r.fullName,
              staffNumber: r.staffNumber ?? null,
              jobTitle: r.jobTitle ?? null,
              orgUnitId: r.orgUnitId,
            })),
          )
          .returning({ id: users.id, email: users.email });
        created.push(...inserted);
        const idByEmail = new Map(inserted.map((u) => [u.email.toLowerCase(), u.id]));
        const roles = chunk.flatMap((r) => (r.roles ?? ["learner"]).map((role) => ({ userId: idByEmail.get(r.email.toLowerCase())!, role })));
        if (roles.length) await tx.insert(userRoles).values(roles);
      }

      for (let i = 0; i < planned.update.length; i += BATCH) {
        const chunk = planned.update.slice(i, i + BATCH);
        const values = sql.join(
          chunk.map(
            ({ row, orgUnitId, existing }) =>
              sql`(${existing.id}::uuid, ${row.fullName}, ${row.staffNumber === undefined ? existing.staffNumber : row.staffNumber}, ${
                row.jobTitle === undefined ? existing.jobTitle : row.jobTitle
              }, ${orgUnitId}::uuid)`,
          ),
          sql`, `,
        );
        await tx.execute(sql`
          update users set full_name = v.full_name, staff_number = v.staff_number, job_title = v.job_title,
            org_unit_id = v.org_unit_id, updated_at = now()
          from (values ${values}) as v(id, full_name, staff_number, job_title, org_unit_id)
          where users.id = v.id`);
        const roleChanges = chunk.filter(({ row, existing }) => row.roles && row.roles.join(",") !== existing.roles.join(","));
        // One delete per role taken away (at most one per role), whoever loses it.
        for (const role of ROLES) {
          const losing = roleChanges.filter(({ row, existing }) => existing.roles.includes(role) && !row.roles!.includes(role));
          if (losing.length) {
            await tx.delete(userRoles).where(and(eq(userRoles.role, role), inArray(userRoles.userId, losing.map((c) => c.existing.id))));
          }
        }
        const added = roleChanges.flatMap(({ row, existing }) =>
          row.roles!.filter((r) => !existing.roles.includes(r)).map((role) => ({ userId: existing.id, role })),
        );
        if (added.length) await tx.insert(userRoles).values(added).onConflictDoNothing();
        await recordAudits(
          tx,
          roleChanges.map(({ row, existing }) => ({
            actorId,
            action: "user.roles",
            targetType: "user",
            targetId: existing.id,
            details: { email: existing.email, from: existing.roles, to: row.roles, via: "import" },
          })),
        );
      }
      const summary = { new: planned.create.length, changed: planned.update.length, unchanged: planned.unchanged };
      const placementChanged = [
        ...created.map((c) => c.id),
        ...planned.update
          .filter(({ row, orgUnitId, existing }) => existing.orgUnitId !== orgUnitId || (row.jobTitle !== undefined && row.jobTitle !== existing.jobTitle))
          .map(({ existing }) => existing.id),
      ];
      // New people and people who moved get their unit's and job title's assigned training in the same transaction.
      if (placementChanged.length > 0) await syncLearnerAssignments(tx as unknown as Db, { userIds: placementChanged });
      await recordAudit(tx, {
        actorId,
        action: "staff.import",
        targetType: "staff_import",
        targetId: importId,
        details: { ...summary, fileName: claimed.fileName, rows: (claimed.rows as unknown[]).length },
      });
      return { ok: true as const, created, placementChanged, summary };
    });
  } catch (error) {
    if (error instanceof Abort) return { ok: false, problems: error.problems };
    // Someone else created the same email or staff number between the check and the write: nothing was saved.
    if (isUniqueViolation(error)) {
      return { ok: false, problems: [{ row: null, code: "conflict" }] };
    }
    throw error;
  }
}
