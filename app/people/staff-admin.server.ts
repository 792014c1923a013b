/**
 * People — the organisation: staff, org units, CSV import, and the admin pages (outbox, audit log).
 * Owns: `org_units`, `users` and `user_roles` as administered data, `staff_imports`; reads
 * `audit_events` and `outbox_messages` (written through platform).
 * Offers: the org tree (./org-units.server.ts), staff search and edit, import preview and apply.
 * Uses: accounts (invitations), training (re-sync a person's assignments after a change).
 */
import { syncLearnerAssignments } from "~/training/assignment-sync.server";
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orgUnits, type Role, userRoles, users } from "../../db/schema";
import { outer } from "../../db/sql";
import { isUniqueViolation } from "~/platform/db-errors.server";
import { invalidateAllSessions } from "~/platform/session.server";
import { escapeLike, searchTerms } from "~/platform/text";
import { recordAudit } from "~/platform/audit.server";
import { unitSubtree } from "~/platform/org-scope.server";

export const STAFF_PAGE_SIZE = 50;

export type StaffQuery = {
  q?: string;
  unit?: string;
  role?: Role;
  status?: "active" | "inactive" | "all";
  page?: number;
};

/**
 * The admin's staff list: folded search (users.search_text, so "nguyen thi" finds "Nguyễn Thị"), a unit with its
 * descendants, a role and a status, filtered and paged in SQL so that it stays quick with tens of thousands of people.
 */
export async function searchStaff(db: Db, query: StaffQuery) {
  const where: SQL[] = [];
  for (const term of searchTerms(query.q ?? "")) where.push(sql`${users.searchText} like ${`%${escapeLike(term)}%`}`);
  if (query.unit) where.push(inArray(users.orgUnitId, await unitSubtree(db, query.unit)));
  if (query.role) {
    where.push(sql`exists (select 1 from user_roles ur where ur.user_id = ${outer(users.id)} and ur.role = ${query.role})`);
  }
  const status = query.status ?? "active";
  if (status !== "all") where.push(eq(users.active, status === "active"));
  const condition = where.length ? and(...where) : undefined;
  const page = Math.max(1, query.page ?? 1);
  // The page's ids first (the sort and offset touch only users), then the details of those 50: the per-person
  // subqueries never run for the rows an offset skips.
  const pageIds = db
    .select({ id: users.id })
    .from(users)
    .where(condition)
    .orderBy(asc(users.fullName), asc(users.id))
    .limit(STAFF_PAGE_SIZE)
    .offset((page - 1) * STAFF_PAGE_SIZE)
    .as("page_ids");
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: users.id,
        fullName: users.fullName,
        email: users.email,
        staffNumber: users.staffNumber,
        jobTitle: users.jobTitle,
        active: users.active,
        orgUnit: orgUnits.name,
        orgUnitEn: orgUnits.nameEn,
        orgUnitCode: orgUnits.code,
        roles: sql<Role[]>`coalesce(array(select ur.role::text from user_roles ur where ur.user_id = ${outer(users.id)} order by 1), '{}')`,
        sessions: sql<number>`(select count(*)::int from sessions s where s.user_id = ${outer(users.id)} and s.expires_at > now())`,
      })
      .from(users)
      .innerJoin(pageIds, eq(pageIds.id, users.id))
      .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .orderBy(asc(users.fullName), asc(users.id)),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(condition),
  ]);
  return { rows, total: count!.n, page, pageSize: STAFF_PAGE_SIZE };
}

export async function getPerson(db: Db, id: string) {
  const [row] = await db
    .select({
      id: users.id,
      fullName: users.fullName,
      email: users.email,
      staffNumber: users.staffNumber,
      jobTitle: users.jobTitle,
      orgUnitId: users.orgUnitId,
      active: users.active,
      locale: users.locale,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!row) return null;
  const roles = await db
    .select({ role: userRoles.role, scope: userRoles.scopeOrgUnitId })
    .from(userRoles)
    .where(eq(userRoles.userId, id))
    .orderBy(asc(userRoles.role));
  return {
    ...row,
    roles: roles.map((r) => r.role),
    hrScopeId: roles.find((r) => r.role === "hr")?.scope ?? null,
  };
}

export type PersonInput = {
  fullName: string;
  email: string;
  staffNumber: string | null;
  jobTitle: string | null;
  orgUnitId: string | null;
  roles: Role[];
  hrScopeId: string | null;
  active: boolean;
  locale: "vi" | "en";
};

export type SaveResult =
  | { ok: true; id: string; created: boolean; placementChanged: boolean }
  | { ok: false; field: keyof PersonInput | "form"; error: string };

/**
 * Creates (id null) or updates a person. Role changes and (de)activations are audited in the same transaction;
 * deactivation ends every session at once. An admin cannot take away their own admin role nor deactivate
 * themselves, so the organisation is never locked out by a slip.
 */
export async function savePerson(db: Db, actorId: string, id: string | null, raw: PersonInput): Promise<SaveResult> {
  const input: PersonInput = {
    ...raw,
    fullName: raw.fullName.normalize("NFC").trim(),
    email: raw.email.trim(),
    jobTitle: raw.jobTitle?.normalize("NFC").trim() || null,
    staffNumber: raw.staffNumber?.trim() || null,
    roles: [...new Set(raw.roles)].sort(),
    hrScopeId: raw.roles.includes("hr") ? raw.hrScopeId : null,
  };
  if (id === actorId && !input.roles.includes("admin")) return { ok: false, field: "roles", error: "staffAdmin.person.ownAdmin" };
  if (id === actorId && !input.active) return { ok: false, field: "active", error: "staffAdmin.person.ownActive" };
  const [emailClash] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${input.email})`, id ? ne(users.id, id) : undefined));
  if (emailClash) return { ok: false, field: "email", error: "staffAdmin.person.emailTaken" };
  if (input.staffNumber) {
    const [clash] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.staffNumber, input.staffNumber), id ? ne(users.id, id) : undefined));
    if (clash) return { ok: false, field: "staffNumber", error: "staffAdmin.person.staffNumberTaken" };
  }
  for (const [field, unitId] of [
    ["orgUnitId", input.orgUnitId],
    ["hrScopeId", input.hrScopeId],
  ] as const) {
    if (!unitId) continue;
    const [unit] = await db.select({ active: orgUnits.active }).from(orgUnits).where(eq(orgUnits.id, unitId));
    if (!unit?.active) return { ok: false, field, error: "staffAdmin.person.unitInactive" };
  }
  const before = id ? await getPerson(db, id) : null;
  if (id && !before) return { ok: false, field: "form", error: "staffAdmin.person.notFound" };

  const fields = {
    fullName: input.fullName,
    email: input.email,
    staffNumber: input.staffNumber,
    jobTitle: input.jobTitle,
    orgUnitId: input.orgUnitId,
    active: input.active,
    locale: input.locale,
  };
  return writePerson(db, actorId, id, input, before, fields).catch((error) => {
    // Someone else took the email or staff number between the check above and this write.
    if (isUniqueViolation(error, "users_email_lower_key")) return { ok: false, field: "email", error: "staffAdmin.person.emailTaken" } as const;
    if (isUniqueViolation(error, "users_staff_number_key")) {
      return { ok: false, field: "staffNumber", error: "staffAdmin.person.staffNumberTaken" } as const;
    }
    throw error;
  });
}

async function writePerson(
  db: Db,
  actorId: string,
  id: string | null,
  input: PersonInput,
  before: Awaited<ReturnType<typeof getPerson>>,
  fields: Pick<PersonInput, "fullName" | "email" | "staffNumber" | "jobTitle" | "orgUnitId" | "active" | "locale">,
): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    let personId = id;
    if (!before) {
      const [row] = await tx.insert(users).values(fields).returning({ id: users.id });
      personId = row!.id;
      await recordAudit(tx, {
        actorId,
        action: "user.create",
        targetType: "user",
        targetId: personId,
        details: { email: input.email, fullName: input.fullName, roles: input.roles },
      });
    } else {
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ["fullName", "email", "staffNumber", "jobTitle", "orgUnitId", "locale"] as const) {
        if ((before[key] ?? null) !== (fields[key] ?? null)) changes[key] = { from: before[key], to: fields[key] };
      }
      await tx.update(users).set({ ...fields, updatedAt: new Date() }).where(eq(users.id, id!));
      if (Object.keys(changes).length) {
        await recordAudit(tx, { actorId, action: "user.update", targetType: "user", targetId: id, details: { email: input.email, changes } });
      }
      if (before.active !== input.active) {
        if (!input.active) await invalidateAllSessions(tx as unknown as Db, id!);
        await recordAudit(tx, {
          actorId,
          action: input.active ? "user.reactivate" : "user.deactivate",
          targetType: "user",
          targetId: id,
          details: { email: input.email, fullName: input.fullName },
        });
      }
    }
    const oldRoles = before?.roles ?? [];
    const rolesChanged = oldRoles.join(",") !== input.roles.join(",") || (before?.hrScopeId ?? null) !== input.hrScopeId;
    if (rolesChanged) {
      await tx.delete(userRoles).where(eq(userRoles.userId, personId!));
      if (input.roles.length) {
        await tx.insert(userRoles).values(
          input.roles.map((role) => ({ userId: personId!, role, scopeOrgUnitId: role === "hr" ? input.hrScopeId : null })),
        );
      }
      if (before) {
        await recordAudit(tx, {
          actorId,
          action: "user.roles",
          targetType: "user",
          targetId: personId,
          details: { email: input.email, from: oldRoles, to: input.roles, hrScopeFrom: before.hrScopeId, hrScopeTo: input.hrScopeId },
        });
      }
    }
    const placementChanged =
      !before ||
      before.orgUnitId !== input.orgUnitId ||
      (before.jobTitle ?? null) !== input.jobTitle ||
      before.active !== input.active;
    // Assigned training follows the person: a new unit or job title brings its assignments, leaving closes them.
    if (placementChanged) await syncLearnerAssignments(tx as unknown as Db, { userIds: [personId!] });
    return { ok: true as const, id: personId!, created: !before, placementChanged };
  });
}
