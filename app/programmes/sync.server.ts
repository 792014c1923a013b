/** Making the programme tables match content/programmes (after the catalogue sync, which gives course ids). */
import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { courses, programmeCourses, programmes } from "../../db/schema";
import type { ProgrammeSpec } from "./programme-files.server";

/**
 * Upserts every valid programme by slug and replaces its course list (structure, not history: progress lives in
 * enrolments, completions in certificates). `present` holds the slug of every programme file, valid or not: a file
 * that no longer exists unpublishes its programme (never deleted: assignments and certificates join on it), a broken
 * one keeps its last good version.
 */
export async function syncProgrammes(db: Db, specs: readonly ProgrammeSpec[], present: readonly string[] = specs.map((s) => s.slug)) {
  const slugs = [...new Set(specs.flatMap((s) => s.courses.map((c) => c.slug)))];
  await db.transaction(async (tx) => {
    const found = slugs.length ? await tx.select({ id: courses.id, slug: courses.slug }).from(courses).where(inArray(courses.slug, slugs)) : [];
    const idOf = new Map(found.map((c) => [c.slug, c.id]));
    for (const spec of specs) {
      // content:check guarantees the courses exist on disk; a course the catalogue has not synced yet skips the programme.
      if (spec.courses.some((c) => !idOf.has(c.slug))) continue;
      const values = {
        slug: spec.slug,
        titleVi: spec.title.vi,
        titleEn: spec.title.en ?? null,
        descriptionVi: spec.description.vi,
        descriptionEn: spec.description.en ?? null,
        optionalPick: spec.optional?.pick ?? 0,
        optionalTitleVi: spec.optional?.title?.vi ?? null,
        optionalTitleEn: spec.optional?.title?.en ?? null,
        published: spec.published,
        contentHash: spec.hash,
      };
      const [row] = await tx
        .insert(programmes)
        .values(values)
        .onConflictDoUpdate({ target: programmes.slug, set: values })
        .returning({ id: programmes.id });
      const programmeId = row!.id;
      const rows = spec.courses.map((c, i) => ({
        programmeId,
        courseId: idOf.get(c.slug)!,
        position: i + 1,
        optional: c.optional,
        requires: c.after.map((slug) => idOf.get(slug)!),
      }));
      for (const r of rows) {
        await tx
          .insert(programmeCourses)
          .values(r)
          .onConflictDoUpdate({ target: [programmeCourses.programmeId, programmeCourses.courseId], set: r });
      }
      await tx
        .delete(programmeCourses)
        .where(and(eq(programmeCourses.programmeId, programmeId), notInArray(programmeCourses.courseId, rows.map((r) => r.courseId))));
    }
    if (present.length) await tx.update(programmes).set({ published: false }).where(notInArray(programmes.slug, [...present]));
    else await tx.update(programmes).set({ published: false });
  });
}
