import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { courseQuizzes, courses, lessons } from "../../db/schema";
import type { LessonEntry, Manifest } from "~/content/manifest";
import { foldForSearch } from "~/platform/text";
import { courseStructureKey, notifyCourseChanged } from "~/notifications/collect.server";

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
    const before = await structureBefore(tx as unknown as Db);
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
      // A substantial change (lessons or graded quizzes added, removed, reordered) is told to the people taking it.
      const structure = courseStructureKey(
        course.lessons.map((l) => ({ slug: l.slug, gradedQuizzes: l.quizzes.filter((q) => q.graded).map((q) => q.id) })),
      );
      const previous = before.get(courseId);
      if (previous !== undefined && previous !== structure) await notifyCourseChanged(tx as unknown as Db, courseId, structure);
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

/** Each synced course's structure key (active lessons in order, their graded quizzes) before this sync. */
async function structureBefore(db: Db) {
  const rows = await db
    .select({ courseId: lessons.courseId, slug: lessons.slug, quizId: courseQuizzes.quizId, graded: courseQuizzes.graded })
    .from(lessons)
    .leftJoin(courseQuizzes, and(eq(courseQuizzes.lessonId, lessons.id), eq(courseQuizzes.active, true), eq(courseQuizzes.graded, true)))
    .where(eq(lessons.active, true))
    .orderBy(asc(lessons.courseId), asc(lessons.position));
  const byCourse = new Map<string, { slug: string; gradedQuizzes: string[] }[]>();
  for (const row of rows) {
    const list = byCourse.get(row.courseId) ?? [];
    let lesson = list.at(-1);
    if (!lesson || lesson.slug !== row.slug) {
      lesson = { slug: row.slug, gradedQuizzes: [] };
      list.push(lesson);
    }
    if (row.quizId) lesson.gradedQuizzes.push(row.quizId);
    byCourse.set(row.courseId, list);
  }
  return new Map([...byCourse].map(([id, list]) => [id, courseStructureKey(list)]));
}
