import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { foldSql } from "../../db/fold";
import { outer } from "../../db/sql";
import { certificates, courses, orgUnits, quizAttempts, lessons, users } from "../../db/schema";
import { formatCode, generateCode, normaliseCode } from "./code";
import { buildCredential, issuerProfile, kidOf, signCredential, verifyCredentialJwt } from "./credential.server";
import { addMonths } from "./dates";
import { currentSigningKey, findPublicKey } from "./keys.server";
import { STATUS_LIST_SIZE, statusListCredential } from "./status-list.server";
import type { Locale } from "~/i18n";
import { getEnv } from "~/platform/env.server";
import { publicOrigin } from "~/platform/request-origin.server";
import { foldForSearch } from "~/platform/text";
import { recordAudit } from "~/platform/audit.server";
import { competenceNames } from "~/content/content.server";

export type CertificateStatus = "valid" | "expired" | "revoked" | "replaced";
export const CERTIFICATE_STATUSES = ["valid", "expired", "revoked", "replaced"] as const;

/** The status as of now, in SQL (revoked wins over replaced, replaced over expired). */
const statusSql = sql<CertificateStatus>`case
  when ${certificates.revokedAt} is not null then 'revoked'
  when ${certificates.replacedById} is not null then 'replaced'
  when ${certificates.validUntil} is not null and ${certificates.validUntil} <= now() then 'expired'
  else 'valid' end`;

export function statusOf(row: { revokedAt: Date | null; replacedById: string | null; validUntil: Date | null }, now = new Date()): CertificateStatus {
  if (row.revokedAt) return "revoked";
  if (row.replacedById) return "replaced";
  if (row.validUntil && row.validUntil.getTime() <= now.getTime()) return "expired";
  return "valid";
}

function issuerNames() {
  const env = getEnv();
  return { nameVi: env.ORG_NAME_VI, nameEn: env.ORG_NAME_EN };
}

function safeCompetenceNames(targets: { id: string; level: number }[], locale: Locale) {
  try {
    return competenceNames(targets, locale);
  } catch {
    // A broken competences.yaml must not stop a completion: the credential then names competences by id.
    return targets.map((t) => ({ ...t, name: t.id, domain: "" }));
  }
}

/** Signs the credential of a stored certificate and keeps it on the row (same transaction as the insert). */
async function signAndStore(db: Db, id: string) {
  const [row] = await db
    .select({
      id: certificates.id,
      code: certificates.code,
      userId: certificates.userId,
      email: users.email,
      locale: users.locale,
      fullName: certificates.fullName,
      courseSlug: certificates.courseSlug,
      courseTitleVi: certificates.courseTitleVi,
      courseTitleEn: certificates.courseTitleEn,
      courseVersion: certificates.courseVersion,
      competences: certificates.competences,
      issuer: certificates.issuer,
      issuedAt: certificates.issuedAt,
      validUntil: certificates.validUntil,
      statusIndex: certificates.statusIndex,
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(eq(certificates.id, id));
  if (!row) throw new Error(`certificate ${id} vanished while being issued`);
  const origin = row.issuer.url;
  const en = row.locale === "en";
  const credential = buildCredential({
    origin,
    certificateId: row.id,
    code: row.code,
    userId: row.userId,
    email: row.email,
    fullName: row.fullName,
    courseSlug: row.courseSlug,
    courseTitle: en ? (row.courseTitleEn ?? row.courseTitleVi) : row.courseTitleVi,
    courseTitleEn: en ? null : row.courseTitleEn,
    courseVersion: row.courseVersion,
    competences: safeCompetenceNames(row.competences, row.locale),
    issuerName: en ? row.issuer.nameEn : row.issuer.nameVi,
    issuedAt: row.issuedAt,
    validUntil: row.validUntil,
    statusIndex: row.statusIndex,
  });
  const key = await currentSigningKey(db);
  const jwt = await signCredential(credential, key, origin);
  await db.update(certificates).set({ credentialJwt: jwt, keyId: key.kid }).where(eq(certificates.id, id));
}

/** A learner's completion of a course (one cycle), as the completion hook passes it. */
export type Completion = { userId: string; courseId: string; completedAt: Date; cycle: number };

/**
 * Issues the certificate of a completion, once: the insert does nothing when the (user, course, cycle) already
 * has one (unique index certificates_issue_key), so concurrent completions, retries and re-runs issue one.
 * Runs inside the completion transaction. Everything printed on it is frozen here.
 */
export async function issueCertificate(db: Db, completion: Completion) {
  const [source] = await db
    .select({
      fullName: users.fullName,
      slug: courses.slug,
      titleVi: courses.titleVi,
      titleEn: courses.titleEn,
      contentHash: courses.contentHash,
      competences: courses.competences,
      validForMonths: courses.validForMonths,
    })
    .from(users)
    .innerJoin(courses, eq(courses.id, completion.courseId))
    .where(eq(users.id, completion.userId));
  if (!source) return null;
  const scores = await db
    .select({ quizId: quizAttempts.quizId, lessonSlug: lessons.slug, percent: sql<number>`max(${quizAttempts.percent})` })
    .from(quizAttempts)
    .innerJoin(lessons, eq(lessons.id, quizAttempts.lessonId))
    .where(
      and(
        eq(quizAttempts.userId, completion.userId),
        eq(quizAttempts.courseId, completion.courseId),
        eq(quizAttempts.graded, true),
        eq(quizAttempts.status, "submitted"),
      ),
    )
    .groupBy(quizAttempts.quizId, lessons.slug, lessons.position)
    .orderBy(lessons.position, quizAttempts.quizId);
  const inserted = await db
    .insert(certificates)
    .values({
      code: generateCode(),
      userId: completion.userId,
      courseId: completion.courseId,
      cycle: completion.cycle,
      fullName: source.fullName.normalize("NFC"),
      courseSlug: source.slug,
      courseTitleVi: source.titleVi,
      courseTitleEn: source.titleEn,
      courseVersion: source.contentHash.slice(0, 12),
      competences: source.competences,
      scores: scores.map((s) => ({ quizId: s.quizId, lessonSlug: s.lessonSlug, percent: Number(s.percent) })),
      issuer: { ...issuerNames(), url: publicOrigin() },
      completedAt: completion.completedAt,
      validUntil: source.validForMonths ? addMonths(completion.completedAt, source.validForMonths) : null,
    })
    .onConflictDoNothing({ target: [certificates.userId, certificates.courseId, certificates.cycle], where: sql`replaces_id is null` })
    .returning({ id: certificates.id });
  const id = inserted[0]?.id;
  if (!id) return null;
  await signAndStore(db, id);
  return id;
}

const detailColumns = {
  id: certificates.id,
  code: certificates.code,
  userId: certificates.userId,
  courseId: certificates.courseId,
  cycle: certificates.cycle,
  fullName: certificates.fullName,
  courseSlug: certificates.courseSlug,
  courseTitleVi: certificates.courseTitleVi,
  courseTitleEn: certificates.courseTitleEn,
  courseVersion: certificates.courseVersion,
  competences: certificates.competences,
  scores: certificates.scores,
  issuer: certificates.issuer,
  completedAt: certificates.completedAt,
  issuedAt: certificates.issuedAt,
  validUntil: certificates.validUntil,
  statusIndex: certificates.statusIndex,
  credentialJwt: certificates.credentialJwt,
  keyId: certificates.keyId,
  revokedAt: certificates.revokedAt,
  revocationReason: certificates.revocationReason,
  replacesId: certificates.replacesId,
  replacedById: certificates.replacedById,
  replacedByCode: sql<string | null>`(select c2.code from certificates c2 where c2.id = ${outer(certificates.replacedById)})`,
  replacesCode: sql<string | null>`(select c2.code from certificates c2 where c2.id = ${outer(certificates.replacesId)})`,
  orgUnitId: users.orgUnitId,
};

export type CertificateDetail = Awaited<ReturnType<typeof findCertificateByCode>> & {};

/** A certificate by its stored code (see normaliseCode), with its holder's unit for scope checks; null if none. */
export async function findCertificateByCode(db: Db, code: string) {
  const [row] = await db
    .select(detailColumns)
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(eq(certificates.code, code));
  return row ?? null;
}

/** The learner's current certificate (not replaced) for a course, newest cycle first; null if none. */
export async function findMyCertificate(db: Db, userId: string, courseId: string) {
  const [row] = await db
    .select({ code: certificates.code, status: statusSql, issuedAt: certificates.issuedAt, validUntil: certificates.validUntil })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.courseId, courseId), isNull(certificates.replacedById)))
    .orderBy(desc(certificates.cycle), desc(certificates.issuedAt))
    .limit(1);
  return row ?? null;
}

/** The learner's current certificates by course id (for My learning). */
export async function listMyCertificates(db: Db, userId: string) {
  const rows = await db
    .select({ courseId: certificates.courseId, code: certificates.code, status: statusSql, cycle: certificates.cycle })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), isNull(certificates.replacedById)))
    .orderBy(certificates.cycle);
  return new Map(rows.map((r) => [r.courseId, { code: r.code, status: r.status }]));
}

export type Verification = {
  certificate: NonNullable<Awaited<ReturnType<typeof findCertificateByCode>>>;
  status: CertificateStatus;
  signature: { checked: true; valid: boolean; kid: string | null };
};

/**
 * What a verifier needs: the stored certificate, its status now, and whether its signed credential verifies
 * with the published key it names (and says the same code, name and course as the row).
 */
export async function verifyCertificate(db: Db, code: string): Promise<Verification | null> {
  const certificate = await findCertificateByCode(db, code);
  if (!certificate) return null;
  const jwt = certificate.credentialJwt;
  const kid = jwt ? kidOf(jwt) : null;
  let valid = false;
  if (jwt && kid) {
    const key = await findPublicKey(db, kid);
    if (key) {
      const result = await verifyCredentialJwt(jwt, key);
      if (result.ok) {
        const subject = result.payload.credentialSubject as { identifier?: { identityType: string; identityHash: string }[] } | undefined;
        const name = subject?.identifier?.find((i) => i.identityType === "name")?.identityHash;
        valid = result.payload.jti === `urn:uuid:${certificate.id}` && name === certificate.fullName;
      }
    }
  }
  return { certificate, status: statusOf(certificate), signature: { checked: true, valid, kid } };
}

type Actor = { id: string; roles: readonly string[] };

/** Whether a certificate's holder is inside the units an HR user may see (null: every unit). */
export function inScope(units: string[] | null, orgUnitId: string | null) {
  return units === null || (orgUnitId !== null && units.includes(orgUnitId));
}

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

/** The published status list number `list` (1-based): revoked and replaced certificates have their bit set. */
export async function getStatusList(db: Db, list: number, origin: string, locale: Locale = "vi") {
  const from = (list - 1) * STATUS_LIST_SIZE;
  const rows = await db
    .select({ statusIndex: certificates.statusIndex })
    .from(certificates)
    .where(
      and(
        sql`(${certificates.revokedAt} is not null or ${certificates.replacedById} is not null)`,
        sql`${certificates.statusIndex} >= ${from} and ${certificates.statusIndex} < ${from + STATUS_LIST_SIZE}`,
      ),
    );
  const names = issuerNames();
  return statusListCredential(origin, list, locale === "en" ? names.nameEn : names.nameVi, rows.map((r) => r.statusIndex - from));
}

/** The same status list signed as a VC-JWT with the current key (its `kid` is the key's URL). */
export async function getSignedStatusList(db: Db, list: number, origin: string) {
  const credential = await getStatusList(db, list, origin);
  return signCredential(credential, await currentSigningKey(db), origin);
}

/** The issuer Profile published at /issuer. */
export function getIssuerProfile(origin: string) {
  const names = issuerNames();
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    ...issuerProfile(origin, names.nameVi),
    description: names.nameEn,
  };
}

export { formatCode };

/** A stored certificate as shown to people, in the reader's language (names exactly as issued). */
export function presentCertificate(certificate: NonNullable<Awaited<ReturnType<typeof findCertificateByCode>>>, locale: Locale) {
  return {
    code: certificate.code,
    displayCode: formatCode(certificate.code),
    fullName: certificate.fullName,
    courseTitle: locale === "en" ? (certificate.courseTitleEn ?? certificate.courseTitleVi) : certificate.courseTitleVi,
    courseSlug: certificate.courseSlug,
    courseVersion: certificate.courseVersion,
    issuerName: locale === "en" ? certificate.issuer.nameEn : certificate.issuer.nameVi,
    completedAt: certificate.completedAt.toISOString(),
    issuedAt: certificate.issuedAt.toISOString(),
    validUntil: certificate.validUntil?.toISOString() ?? null,
    revokedAt: certificate.revokedAt?.toISOString() ?? null,
    replacedByCode: certificate.replacedByCode,
    replacesCode: certificate.replacesCode,
    status: statusOf(certificate),
    competences: safeCompetenceNames(certificate.competences, locale).map(({ id, level, name }) => ({ id, level, name })),
    scores: certificate.scores,
  };
}

export type PresentedCertificate = ReturnType<typeof presentCertificate>;

/** Data for the PDF of a certificate in one language. */
export function certificatePdfInput(
  certificate: NonNullable<Awaited<ReturnType<typeof findCertificateByCode>>>,
  lang: Locale,
  verifyUrl: string,
) {
  const shown = presentCertificate(certificate, lang);
  return {
    lang,
    fullName: shown.fullName,
    courseTitle: shown.courseTitle,
    completedAt: certificate.completedAt,
    validUntil: certificate.validUntil,
    competences: shown.competences,
    code: certificate.code,
    verifyUrl,
    issuerName: shown.issuerName,
    logoPath: getEnv().ORG_LOGO,
  };
}

/** A certificate by a code typed or linked (any case, dashes), only when it belongs to the given person. */
export async function findOwnCertificate(db: Db, userId: string, rawCode: string) {
  const code = normaliseCode(rawCode);
  if (!code) return null;
  const certificate = await findCertificateByCode(db, code);
  return certificate && certificate.userId === userId ? certificate : null;
}
