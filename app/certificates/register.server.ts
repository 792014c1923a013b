/** HR's certificate register: list and search it, revoke, and correct a name by re-issuing. */
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { foldSql } from "../../db/fold";
import { certificates, courses, orgUnits, users } from "../../db/schema";
import { type CertificateStatus, detailColumns, inScope, statusSql } from "./certificates.server";
import { generateCode } from "./code";
import { signAndStore } from "./issue.server";
import { publicOrigin } from "~/platform/request-origin.server";
import { foldForSearch } from "~/platform/text";
import { recordAudit } from "~/platform/audit.server";

type Actor = { id: string; roles: readonly string[] };

export type RevokeResult = { ok: true } | { ok: false; reason: "not-found" | "already-revoked" | "reason-required" };

/** Revokes a certificate with a reason (audited in the same transaction); verification shows it at once. */
export async function revokeCertificate(db: Db, actor: Actor, input: { code: string; reason: string; units: string[] | null }): Promise<RevokeResult> {
  const reason = input.reason.trim();
  if (reason.length < 3) return { ok: false, reason: "reason-required" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: certificates.id, revokedAt: certificates.revokedAt, orgUnitId: users.orgUnitId, fullName: certificates.fullName })
      .from(certificates)
      .innerJoin(users, eq(users.id, certificates.userId))
      .where(eq(certificates.code, input.code))
      .for("update", { of: certificates });
    if (!row || !inScope(input.units, row.orgUnitId)) return { ok: false as const, reason: "not-found" as const };
    if (row.revokedAt) return { ok: false as const, reason: "already-revoked" as const };
    await tx
      .update(certificates)
      .set({ revokedAt: sql`now()`, revokedBy: actor.id, revocationReason: reason })
      .where(eq(certificates.id, row.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "certificate.revoke",
      targetType: "certificate",
      targetId: row.id,
      details: { code: input.code, reason, fullName: row.fullName },
    });
    return { ok: true as const };
  });
}

export type ReissueResult =
  | { ok: true; code: string }
  | { ok: false; reason: "not-found" | "not-current" | "same-name" | "name-required" };

/**
 * Corrects the holder's name and re-issues: a new certificate (new code, the corrected name, everything else
 * as before) replaces the old one, which points forward to it. The person's record gets the corrected name too.
 */
export async function reissueCertificate(
  db: Db,
  actor: Actor,
  input: { code: string; fullName: string; units: string[] | null },
): Promise<ReissueResult> {
  const fullName = input.fullName.normalize("NFC").replace(/\s+/g, " ").trim();
  if (fullName.length < 2 || fullName.length > 120) return { ok: false, reason: "name-required" };
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select({ ...detailColumns, replacedById: certificates.replacedById })
      .from(certificates)
      .innerJoin(users, eq(users.id, certificates.userId))
      .where(eq(certificates.code, input.code))
      .for("update", { of: certificates });
    if (!old || !inScope(input.units, old.orgUnitId)) return { ok: false as const, reason: "not-found" as const };
    if (old.revokedAt || old.replacedById) return { ok: false as const, reason: "not-current" as const };
    if (old.fullName === fullName) return { ok: false as const, reason: "same-name" as const };
    const [created] = await tx
      .insert(certificates)
      .values({
        code: generateCode(),
        userId: old.userId,
        courseId: old.courseId,
        programmeId: old.programmeId,
        evidence: old.evidence,
        cycle: old.cycle,
        fullName,
        courseSlug: old.courseSlug,
        courseTitleVi: old.courseTitleVi,
        courseTitleEn: old.courseTitleEn,
        courseVersion: old.courseVersion,
        competences: old.competences,
        scores: old.scores,
        issuer: { ...old.issuer, url: publicOrigin() },
        completedAt: old.completedAt,
        validUntil: old.validUntil,
        replacesId: old.id,
      })
      .returning({ id: certificates.id, code: certificates.code });
    await tx.update(certificates).set({ replacedById: created!.id }).where(eq(certificates.id, old.id));
    await tx.update(users).set({ fullName, updatedAt: new Date() }).where(eq(users.id, old.userId));
    await signAndStore(tx as unknown as Db, created!.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "certificate.reissue",
      targetType: "certificate",
      targetId: old.id,
      details: { oldCode: old.code, newCode: created!.code, newId: created!.id, oldName: old.fullName, newName: fullName },
    });
    return { ok: true as const, code: created!.code };
  });
}

export type RegisterFilters = { status?: CertificateStatus; course?: string; q?: string; units: string[] | null; limit?: number };

/** The certificate register: every certificate HR may see (their units only when scoped), filtered, newest first. */
export async function listRegister(db: Db, filters: RegisterFilters) {
  const where: SQL[] = [];
  if (filters.units !== null) {
    if (filters.units.length === 0) return [];
    where.push(inArray(users.orgUnitId, filters.units));
  }
  if (filters.status) where.push(sql`${statusSql} = ${filters.status}`);
  if (filters.course) where.push(eq(certificates.courseSlug, filters.course));
  const terms = foldForSearch(filters.q ?? "").split(" ").filter(Boolean).slice(0, 6);
  for (const term of terms) {
    const codeTerm = term.toUpperCase().replace(/-/g, "");
    where.push(
      sql`(position(${term} in ${foldSql(certificates.fullName)}) > 0
        or position(${term} in lower(${users.email})) > 0 or position(${codeTerm} in ${certificates.code}) > 0)`,
    );
  }
  return db
    .select({
      id: certificates.id,
      code: certificates.code,
      fullName: certificates.fullName,
      email: users.email,
      unit: orgUnits.name,
      unitEn: orgUnits.nameEn,
      courseSlug: certificates.courseSlug,
      courseTitleVi: certificates.courseTitleVi,
      courseTitleEn: certificates.courseTitleEn,
      completedAt: certificates.completedAt,
      issuedAt: certificates.issuedAt,
      validUntil: certificates.validUntil,
      revokedAt: certificates.revokedAt,
      revocationReason: certificates.revocationReason,
      status: statusSql,
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(certificates.issuedAt), desc(certificates.statusIndex))
    .limit(filters.limit ?? 5000);
}

/** Courses that have certificates, for the register's course filter. */
export async function listCertificateCourses(db: Db) {
  return db
    .selectDistinct({ slug: certificates.courseSlug, titleVi: courses.titleVi, titleEn: courses.titleEn })
    .from(certificates)
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .orderBy(courses.titleVi);
}
