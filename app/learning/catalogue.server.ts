import { cachedRead } from "../../db/read-cache";
import { type Placeholder, type SQL, and, asc, eq, inArray, sql } from "drizzle-orm";
import { foldSql } from "../../db/fold";
import { outer, preparedFor } from "../../db/sql";
import { z } from "zod";
import type { Db } from "../../db/client";
import { courses, enrolments, lessons } from "../../db/schema";
import { COURSE_LEVELS, COURSE_TOPICS } from "~/content/schema";
import { escapeLike, searchTerms } from "~/platform/text";
import { lessonCounts } from "./progress.server";

export const CatalogueQuerySchema = z.object({
  q: z.string().trim().max(200, "validation.tooLong|{\"max\":200}").optional().default(""),
  topic: z.enum(COURSE_TOPICS).optional().or(z.literal("").transform(() => undefined)),
  level: z.enum(COURSE_LEVELS).optional().or(z.literal("").transform(() => undefined)),
});
export type CatalogueQuery = z.infer<typeof CatalogueQuerySchema>;

function matchesAll(column: SQL | typeof courses.searchText | typeof lessons.searchText, terms: string[]) {
  return and(...terms.map((t) => sql`${column} like ${`%${escapeLike(t)}%`}`));
}

/** Published courses with the learner's own status; search ignores case and Vietnamese diacritics. */
export function listCatalogue(db: Db, userId: string, query: CatalogueQuery) {
  return cachedRead(db, `catalogue:${userId}:${JSON.stringify([query.q ?? "", query.topic ?? "", query.level ?? ""])}`, () =>
    loadCatalogue(db, userId, query),
    userId,
  );
}

// The catalogue as most open it, with no search and no filter: its query is built once per database and reused.
const wholeCatalogue = (db: Db) =>
  preparedFor(db, "catalogue_all", () => catalogueQuery(db, sql.placeholder("userId"), []).prepare("catalogue_all"));

async function loadCatalogue(db: Db, userId: string, query: CatalogueQuery) {
  const terms = searchTerms(query.q);
  if (!terms.length && !query.topic && !query.level) {
    return (await wholeCatalogue(db).execute({ userId })).map((row) => ({ ...row, lessons: [] as MatchedLesson[] }));
  }
  const rows = await catalogueQuery(db, userId, terms, query);
  const matchedLessons: MatchedLesson[] = terms.length && rows.length
    ? await db
        .select({ courseId: lessons.courseId, slug: lessons.slug, titleVi: lessons.titleVi, titleEn: lessons.titleEn })
        .from(lessons)
        .where(and(inArray(lessons.courseId, rows.map((r) => r.id)), eq(lessons.active, true), matchesAll(lessons.searchText, terms)))
        .orderBy(asc(lessons.position))
    : [];
  return rows.map((row) => ({ ...row, lessons: matchedLessons.filter((l) => l.courseId === row.id).slice(0, 5) }));
}

type MatchedLesson = { courseId: string; slug: string; titleVi: string; titleEn: string | null };

function catalogueQuery(db: Db, userId: string | Placeholder, terms: string[], query: Pick<CatalogueQuery, "topic" | "level"> = {}) {
  const filters = [eq(courses.published, true)];
  if (query.topic) filters.push(eq(courses.topic, query.topic));
  if (query.level) filters.push(eq(courses.level, query.level));
  if (terms.length) {
    filters.push(
      sql`(${matchesAll(courses.searchText, terms)} or exists (
        select 1 from lessons l where l.course_id = ${outer(courses.id)} and l.active and ${matchesAll(sql`l.search_text`, terms)}))`,
    );
  }
  return db
    .select({
      id: courses.id,
      slug: courses.slug,
      topic: courses.topic,
      level: courses.level,
      estimatedMinutes: courses.estimatedMinutes,
      titleVi: courses.titleVi,
      titleEn: courses.titleEn,
      summaryVi: courses.summaryVi,
      summaryEn: courses.summaryEn,
      startedAt: enrolments.startedAt,
      completedAt: enrolments.completedAt,
      ...lessonCounts(userId),
    })
    .from(courses)
    .leftJoin(enrolments, and(eq(enrolments.courseId, courses.id), eq(enrolments.userId, userId)))
    .where(and(...filters))
    // A course whose title holds every word comes first, then one that holds the query as a phrase, then the
    // ones that merely mention the words (in a summary or a lesson); by title within each.
    .orderBy(
      ...(terms.length
        ? [
            sql`case when ${matchesAll(foldSql(courses.titleVi), terms)} or ${matchesAll(foldSql(sql`coalesce(${courses.titleEn}, '')`), terms)} then 0
              when ${courses.searchText} like ${`%${escapeLike(terms.join(" "))}%`} then 1 else 2 end`,
          ]
        : []),
      asc(courses.titleVi),
    );
}
