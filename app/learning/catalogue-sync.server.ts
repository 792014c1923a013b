import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { courseQuizzes, courses, lessons } from "../../db/schema";
import type { LessonEntry, Manifest } from "~/content/manifest";
import { foldForSearch } from "~/platform/text";

export type EntryReader = (key: string) => LessonEntry | null;

function entryText(read: EntryReader, keys: (string | undefined)[]) {
  return keys
    .filter((k): k is string => Boolean(k))
    .map((k) => read(k)?.plainText ?? "")
    .join(" ");
}

/**
 * Makes the catalogue tables match the content build: courses and lessons are upserted by slug,
 * lessons no longer in content/ are marked inactive (never deleted: progress and reports join on
 * them), and the content-changed date moves only when a course's hash changes.
 */
export async function syncCatalogue(db: Db, manifest: Manifest, read: EntryReader) {
  await db.transaction(async (tx) => {
    for (const course of manifest.courses) {
      const values = {
        slug: course.slug,
        topic: course.topic,
        level: course.level,
        estimatedMinutes: course.estimatedMinutes,
        titleVi: course.title.vi ?? course.title.en ?? course.slug,
        titleEn: course.title.en ?? null,
        summaryVi: course.summary.vi ?? course.summary.en ?? "",
        summaryEn: course.summary.en ?? null,
        owners: course.owners.map((o) => o.toLowerCase()),
        competences: course.competences,
        validForMonths: course.validForMonths,
        published: course.published,
        contentHash: course.contentHash,
        searchText: foldForSearch(
          [course.title.vi, course.title.en, course.summary.vi, course.summary.en, entryText(read, [course.overview.vi, course.overview.en])]
            .filter(Boolean)
            .join(" "),
        ),
      };
      const [row] = await tx
        .insert(courses)
        .values(values)
        .onConflictDoUpdate({
          target: courses.slug,
          set: {
            ...values,
            contentChangedAt: sql`case when ${courses.contentHash} = excluded.content_hash then ${courses.contentChangedAt} else now() end`,
          },
        })
        .returning({ id: courses.id });
      const courseId = row!.id;
      for (const [index, lesson] of course.lessons.entries()) {
        const lessonValues = {
          courseId,
          slug: lesson.slug,
          position: index + 1,
          titleVi: lesson.title.vi ?? lesson.title.en ?? lesson.slug,
          titleEn: lesson.title.en ?? null,
          minutes: lesson.minutes,
          active: true,
          contentHash: [lesson.entries.vi, lesson.entries.en].filter(Boolean).join(":"),
          searchText: foldForSearch(
            [lesson.title.vi, lesson.title.en, entryText(read, [lesson.entries.vi, lesson.entries.en])].filter(Boolean).join(" "),
          ),
        };
        const [saved] = await tx
          .insert(lessons)
          .values(lessonValues)
          .onConflictDoUpdate({ target: [lessons.courseId, lessons.slug], set: lessonValues })
          .returning({ id: lessons.id });
        const lessonId = saved!.id;
        for (const quiz of lesson.quizzes) {
          const quizValues = { courseId, lessonId, quizId: quiz.id, graded: quiz.graded, active: true };
          await tx
            .insert(courseQuizzes)
            .values(quizValues)
            .onConflictDoUpdate({ target: [courseQuizzes.lessonId, courseQuizzes.quizId], set: quizValues });
        }
        const quizIds = lesson.quizzes.map((q) => q.id);
        await tx
          .update(courseQuizzes)
          .set({ active: false })
          .where(quizIds.length ? and(eq(courseQuizzes.lessonId, lessonId), notInArray(courseQuizzes.quizId, quizIds)) : eq(courseQuizzes.lessonId, lessonId));
      }
      const present = course.lessons.map((l) => l.slug);
      await tx
        .update(lessons)
        .set({ active: false })
        .where(present.length ? and(eq(lessons.courseId, courseId), notInArray(lessons.slug, present)) : eq(lessons.courseId, courseId));
    }
    // A course folder that disappeared is unpublished, not deleted.
    const slugs = manifest.courses.map((c) => c.slug);
    if (slugs.length) await tx.update(courses).set({ published: false }).where(notInArray(courses.slug, slugs));
  });
}
