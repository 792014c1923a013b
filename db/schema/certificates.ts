import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { users } from "./accounts";
import { courses } from "./learning";
import { programmes } from "./programmes";

/** ES256 signing keys for Open Badges credentials: the newest unretired one signs; every one stays published. */
export const signingKeys = pgTable("signing_keys", {
  /** The key id (also the last segment of its public URL). */
  id: text("id").primaryKey(),
  alg: text("alg").notNull().default("ES256"),
  publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
  privateJwk: jsonb("private_jwk").$type<Record<string, unknown>>(),
  createdAt: createdAt(),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
});

export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Public code, at least 80 random bits, base32 in groups (stored without dashes, upper case). */
    code: text("code").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** What was completed: a course, or (programme certificates) a programme — exactly one of the two. */
    courseId: uuid("course_id").references(() => courses.id),
    programmeId: uuid("programme_id").references(() => programmes.id),
    /** Which completion of the course this is (recertification opens cycle 2, 3, …). */
    cycle: integer("cycle").notNull().default(1),
    /** Everything below is frozen at issue time (course_* hold the programme's slug, title and version for a programme). */
    fullName: text("full_name").notNull(),
    courseSlug: text("course_slug").notNull(),
    courseTitleVi: text("course_title_vi").notNull(),
    courseTitleEn: text("course_title_en"),
    courseVersion: text("course_version").notNull(),
    competences: jsonb("competences").$type<{ id: string; level: number }[]>().notNull().default([]),
    /** A programme certificate: the course certificates it rests on (frozen; the credential's evidence). */
    evidence: jsonb("evidence").$type<{ code: string; courseSlug: string; titleVi: string; titleEn: string | null }[]>().notNull().default([]),
    scores: jsonb("scores").$type<{ quizId: string; lessonSlug: string; percent: number }[]>().notNull().default([]),
    issuer: jsonb("issuer").$type<{ nameVi: string; nameEn: string; url: string }>().notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp("valid_until", { withTimezone: true }),
    /** Position in the published status list (revocation bit). */
    statusIndex: integer("status_index").notNull().generatedAlwaysAsIdentity(),
    /** The signed Open Badges 3.0 credential (VC-JWT, compact form). */
    credentialJwt: text("credential_jwt"),
    keyId: text("key_id").references(() => signingKeys.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revocationReason: text("revocation_reason"),
    /** A corrected re-issue points back at the certificate it replaces; the old one points forward. */
    replacesId: uuid("replaces_id").references((): AnyPgColumn => certificates.id),
    replacedById: uuid("replaced_by_id").references((): AnyPgColumn => certificates.id),
  },
  (t) => [
    uniqueIndex("certificates_code_key").on(t.code),
    uniqueIndex("certificates_status_index_key").on(t.statusIndex),
    // One certificate per person, course and completion cycle: concurrent completions insert once.
    uniqueIndex("certificates_issue_key").on(t.userId, t.courseId, t.cycle).where(sql`replaces_id is null`),
    // The same for programmes: one certificate per person, programme and cycle.
    uniqueIndex("certificates_programme_issue_key").on(t.userId, t.programmeId, t.cycle).where(sql`replaces_id is null and programme_id is not null`),
    check("certificates_one_subject", sql`(course_id is null) <> (programme_id is null)`),
    uniqueIndex("certificates_replaces_key").on(t.replacesId),
    index("certificates_user_idx").on(t.userId),
    index("certificates_course_idx").on(t.courseId),
  ],
);
