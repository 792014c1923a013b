/**
 * Certificates — one per completion cycle: issue, PDF, Open Badges 3.0 credential, verification.
 * Owns: `certificates`, `signing_keys`; the status list and issuer documents.
 * Offers: issueCertificate (./issue.server.ts, called by learning's completion), a learner's
 * certificates, verification, the HR register (./register.server.ts).
 * Uses: content (course titles, competences).
 */
/** Certificates as people see them: find, verify, status, presentation and the PDF's data. */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outer } from "../../db/sql";
import { certificates, users } from "../../db/schema";
import { formatCode, normaliseCode } from "./code";
import { kidOf, verifyCredentialJwt } from "./credential.server";
import { findPublicKey } from "./keys.server";
import { publicOrigin } from "~/platform/request-origin.server";
import type { Locale } from "~/i18n";
import { getEnv } from "~/platform/env.server";
import { competenceNames } from "~/content/content.server";

export type CertificateStatus = "valid" | "expired" | "revoked" | "replaced";
export const CERTIFICATE_STATUSES = ["valid", "expired", "revoked", "replaced"] as const;

/** The status as of now, in SQL (revoked wins over replaced, replaced over expired). */
export const statusSql = sql<CertificateStatus>`case
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

export function safeCompetenceNames(targets: { id: string; level: number }[], locale: Locale) {
  try {
    return competenceNames(targets, locale);
  } catch {
    // A broken competences.yaml must not stop a completion: the credential then names competences by id.
    return targets.map((t) => ({ ...t, name: t.id, domain: "" }));
  }
}

export const detailColumns = {
  id: certificates.id,
  code: certificates.code,
  userId: certificates.userId,
  courseId: certificates.courseId,
  programmeId: certificates.programmeId,
  evidence: certificates.evidence,
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

/** The learner's current certificate of a programme; null if none. */
export async function findMyProgrammeCertificate(db: Db, userId: string, programmeId: string) {
  const [row] = await db
    .select({ code: certificates.code, status: statusSql, issuedAt: certificates.issuedAt, validUntil: certificates.validUntil })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.programmeId, programmeId), isNull(certificates.replacedById)))
    .orderBy(desc(certificates.issuedAt))
    .limit(1);
  return row ?? null;
}

/** The learner's current certificates by course id (for My learning). */
export async function listMyCertificates(db: Db, userId: string) {
  const rows = await db
    .select({ courseId: certificates.courseId, code: certificates.code, status: statusSql, cycle: certificates.cycle })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), isNull(certificates.replacedById), sql`${certificates.courseId} is not null`))
    .orderBy(certificates.cycle);
  return new Map(rows.map((r) => [r.courseId, { code: r.code, status: r.status }]));
}

/** Whether a certificate's holder is inside the units an HR user may see (null: every unit). */
export function inScope(units: string[] | null, orgUnitId: string | null) {
  return units === null || (orgUnitId !== null && units.includes(orgUnitId));
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
    // Only the key material matters here; the kid it is published under follows this server's origin.
    const key = await findPublicKey(db, kid, publicOrigin());
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

export { formatCode };

/** A stored certificate as shown to people, in the reader's language (names exactly as issued). */
export function presentCertificate(certificate: NonNullable<Awaited<ReturnType<typeof findCertificateByCode>>>, locale: Locale) {
  return {
    code: certificate.code,
    displayCode: formatCode(certificate.code),
    fullName: certificate.fullName,
    courseTitle: locale === "en" ? (certificate.courseTitleEn ?? certificate.courseTitleVi) : certificate.courseTitleVi,
    courseSlug: certificate.courseSlug,
    /** Where the certificate's subject lives: the course page, or the programme's page. */
    subjectHref: certificate.programmeId ? `/learning/programmes/${certificate.courseSlug}` : `/courses/${certificate.courseSlug}`,
    programme: certificate.programmeId !== null,
    evidence: certificate.evidence.map((e) => ({ code: e.code, displayCode: formatCode(e.code), title: locale === "en" ? (e.titleEn ?? e.titleVi) : e.titleVi })),
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
    programme: shown.programme,
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
