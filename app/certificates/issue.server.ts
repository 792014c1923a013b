/** Issuing a certificate when a course is completed, and signing and storing its credential. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { certificates, courses, quizAttempts, lessons, users } from "../../db/schema";
import { safeCompetenceNames } from "./certificates.server";
import { generateCode } from "./code";
import { buildCredential, signCredential } from "./credential.server";
import { addMonths } from "./dates";
import { issuerNames } from "./issuer.server";
import { currentSigningKey } from "./keys.server";
import { publicOrigin } from "~/platform/request-origin.server";

/** Signs the credential of a stored certificate and keeps it on the row (same transaction as the insert). */
export async function signAndStore(db: Db, id: string) {
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
