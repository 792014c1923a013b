/**
 * Competences — each person's competence profile against the framework of Thông tư 02/2025/TT-BGDĐT, and HR's heatmap.
 * Owns: `competence_self_assessments` (a person's own level per competence).
 * Offers: the profile (level reached from valid certificates, self-assessment, gap, suggested courses), saving a
 *   self-assessment, the unit × competence heatmap and its exports.
 * Uses: content (the framework in content/competences.yaml), reports (the report context: HR scope, unit tree,
 *   filters' unit list; and the streamed CSV/XLSX writers). It reads certificates and courses rows, never writes them;
 *   the heatmap reads `competence_reach`, which triggers on certificates keep (docs/decisions/0007).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { competenceSelfAssessments, courses } from "../../db/schema";
import { rowsOf } from "~/platform/org-scope.server";
import type { CompetenceCatalogue } from "~/content/competences.server";
import { certificateCounts } from "./framework.server";

export type Reached = {
  level: number;
  /** The certificate that shows it (the highest level; of equal ones, the one valid longest). */
  certificate: { code: string; titleVi: string; titleEn: string | null; validUntil: Date | null };
};

/** Per competence id, the highest level a person's certificates that count now show. */
export async function reachedLevels(db: Db, userId: string, now = new Date()): Promise<Map<string, Reached>> {
  const rows = rowsOf<{ code: string; title_vi: string; title_en: string | null; valid_until: string | Date | null; id: string; level: number }>(
    await db.execute(sql`
      select c.code, c.course_title_vi as title_vi, c.course_title_en as title_en, c.valid_until, e.id, e.level
      from certificates c cross join lateral jsonb_to_recordset(c.competences) as e(id text, level int)
      where c.user_id = ${userId} and ${certificateCounts(now)}`),
  );
  const reached = new Map<string, Reached>();
  const until = (d: Date | null) => (d ? d.getTime() : Number.POSITIVE_INFINITY);
  for (const r of rows) {
    const validUntil = r.valid_until === null ? null : new Date(r.valid_until);
    const level = Number(r.level);
    const seen = reached.get(r.id);
    if (seen && (seen.level > level || (seen.level === level && until(seen.certificate.validUntil) >= until(validUntil)))) continue;
    reached.set(r.id, { level, certificate: { code: r.code, titleVi: r.title_vi, titleEn: r.title_en, validUntil } });
  }
  return reached;
}

export async function selfAssessments(db: Db, userId: string) {
  const rows = await db
    .select({ competenceId: competenceSelfAssessments.competenceId, level: competenceSelfAssessments.level, at: competenceSelfAssessments.assessedAt })
    .from(competenceSelfAssessments)
    .where(eq(competenceSelfAssessments.userId, userId));
  return new Map(rows.map((r) => [r.competenceId, { level: r.level, at: r.at }]));
}

export type CourseSuggestion = { slug: string; titleVi: string; titleEn: string | null; level: number };

/** Published courses by competence they build: [competence id → courses with the level they reach], lowest first. */
export async function coursesByCompetence(db: Db) {
  const rows = await db
    .select({ slug: courses.slug, titleVi: courses.titleVi, titleEn: courses.titleEn, competences: courses.competences })
    .from(courses)
    .where(eq(courses.published, true));
  const map = new Map<string, CourseSuggestion[]>();
  for (const course of rows) {
    for (const target of course.competences) {
      const list = map.get(target.id) ?? [];
      list.push({ slug: course.slug, titleVi: course.titleVi, titleEn: course.titleEn, level: target.level });
      map.set(target.id, list);
    }
  }
  for (const list of map.values()) list.sort((a, b) => a.level - b.level || a.titleVi.localeCompare(b.titleVi, "vi"));
  return map;
}

export type ProfileEntry = {
  competenceId: string;
  reached: Reached | null;
  self: number | null;
  /** Self-assessed level above the level reached (0 when the certificates show as much; null without a self-assessment). */
  gap: number | null;
  /** For a gap: courses that take this competence above the level reached. */
  suggestions: CourseSuggestion[];
};

/** The whole profile: every competence of the framework, in file order. */
export async function competenceProfile(db: Db, catalogue: CompetenceCatalogue, userId: string, now = new Date()): Promise<ProfileEntry[]> {
  const [reached, self, byCompetence] = await Promise.all([reachedLevels(db, userId, now), selfAssessments(db, userId), coursesByCompetence(db)]);
  return catalogue.competences.map((c) => {
    const got = reached.get(c.id) ?? null;
    const mine = self.get(c.id)?.level ?? null;
    const base = got?.level ?? 0;
    const gap = mine === null ? null : Math.max(0, mine - base);
    const suggestions = gap ? (byCompetence.get(c.id) ?? []).filter((s) => s.level > base) : [];
    return { competenceId: c.id, reached: got, self: mine, gap, suggestions };
  });
}

/**
 * Saves one domain's answers in one transaction: a level sets (or replaces) the person's self-assessment, null
 * clears it. The caller has checked every id against the framework and every level against 1–8.
 */
export async function saveSelfAssessment(db: Db, userId: string, answers: { competenceId: string; level: number | null }[], now = new Date()) {
  const set = answers.filter((a): a is { competenceId: string; level: number } => a.level !== null);
  const cleared = answers.filter((a) => a.level === null).map((a) => a.competenceId);
  await db.transaction(async (tx) => {
    if (set.length > 0) {
      await tx
        .insert(competenceSelfAssessments)
        .values(set.map((a) => ({ userId, competenceId: a.competenceId, level: a.level, assessedAt: now })))
        .onConflictDoUpdate({
          target: [competenceSelfAssessments.userId, competenceSelfAssessments.competenceId],
          set: { level: sql`excluded.level`, assessedAt: sql`excluded.assessed_at` },
          // An unchanged level keeps the day it was first given.
          setWhere: sql`${competenceSelfAssessments.level} <> excluded.level`,
        });
    }
    if (cleared.length > 0) {
      await tx
        .delete(competenceSelfAssessments)
        .where(and(eq(competenceSelfAssessments.userId, userId), inArray(competenceSelfAssessments.competenceId, cleared)));
    }
  });
}
