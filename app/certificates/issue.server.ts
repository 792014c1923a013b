/** Issuing a certificate when a course is completed, and signing and storing its credential. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { certificates, courses, programmes, quizAttempts, lessons, users } from "../../db/schema";
import { uuidArray } from "../../db/sql";
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
      programmeId: certificates.programmeId,
      evidence: certificates.evidence,
      optionalPick: programmes.optionalPick,
    })
    .from(certificates)
    .leftJoin(programmes, eq(programmes.id, certificates.programmeId))
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
    programme: row.programmeId
      ? {
          criteria: programmeCriteria(row.optionalPick ?? 0),
          evidence: row.evidence.map((e) => ({ code: e.code, name: en ? (e.titleEn ?? e.titleVi) : e.titleVi })),
        }
      : null,
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

function programmeCriteria(pick: number) {
  return pick > 0
    ? `Hoàn thành mọi khóa học bắt buộc và ${pick} khóa tự chọn của chương trình. / Completed every required course and ${pick} optional course(s) of the programme.`
    : "Hoàn thành mọi khóa học của chương trình. / Completed every course of the programme.";
}

/** A learner's completion of a programme: the courses whose completion met its rule (their certificates are evidence). */
export type ProgrammeCompletion = { userId: string; programmeId: string; completedAt: Date; courseIds: string[] };

/**
 * Issues a programme's certificate, once (unique index certificates_programme_issue_key: concurrent completions
 * insert one row). Its competences are the highest level of each across the courses; the course certificates
 * (current ones, newest cycle) are frozen as its evidence. Runs inside the completion transaction.
 */
export async function issueProgrammeCertificate(db: Db, completion: ProgrammeCompletion) {
  const [source] = await db
    .select({ fullName: users.fullName, slug: programmes.slug, titleVi: programmes.titleVi, titleEn: programmes.titleEn, contentHash: programmes.contentHash })
    .from(users)
    .innerJoin(programmes, eq(programmes.id, completion.programmeId))
    .where(eq(users.id, completion.userId));
  if (!source) return null;
  const ids = uuidArray(completion.courseIds);
  const [parts, evidence] = await Promise.all([
    db.select({ competences: courses.competences, validForMonths: courses.validForMonths }).from(courses).where(sql`${courses.id} = any(${ids})`),
    db
      .selectDistinctOn([certificates.courseId], { code: certificates.code, courseSlug: certificates.courseSlug, titleVi: certificates.courseTitleVi, titleEn: certificates.courseTitleEn })
      .from(certificates)
      .where(and(eq(certificates.userId, completion.userId), sql`${certificates.courseId} = any(${ids})`, sql`${certificates.replacedById} is null`))
      .orderBy(certificates.courseId, sql`${certificates.cycle} desc`, sql`${certificates.issuedAt} desc`),
  ]);
  const levels = new Map<string, number>();
  for (const target of parts.flatMap((p) => p.competences)) levels.set(target.id, Math.max(levels.get(target.id) ?? 0, target.level));
  // The programme is valid as long as its shortest-lived course certificate.
  const months = parts.map((p) => p.validForMonths).filter((m): m is number => m !== null);
  const inserted = await db
    .insert(certificates)
    .values({
      code: generateCode(),
      userId: completion.userId,
      programmeId: completion.programmeId,
      cycle: 1,
      fullName: source.fullName.normalize("NFC"),
      courseSlug: source.slug,
      courseTitleVi: source.titleVi,
      courseTitleEn: source.titleEn,
      courseVersion: source.contentHash.slice(0, 12),
      competences: [...levels].map(([id, level]) => ({ id, level })).sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true })),
      evidence: evidence.sort((a, b) => a.courseSlug.localeCompare(b.courseSlug)),
      issuer: { ...issuerNames(), url: publicOrigin() },
      completedAt: completion.completedAt,
      validUntil: months.length ? addMonths(completion.completedAt, Math.min(...months)) : null,
    })
    .onConflictDoNothing({
      target: [certificates.userId, certificates.programmeId, certificates.cycle],
      where: sql`replaces_id is null and programme_id is not null`,
    })
    .returning({ id: certificates.id });
  const id = inserted[0]?.id;
  if (!id) return null;
  await signAndStore(db, id);
  return id;
}
