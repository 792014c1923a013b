/**
 * Authoring — the trainer's workspace: owned courses, course insight, quiz statistics, content health.
 * Owns: no table: reads learning's progress and quizzes' attempts for the courses a trainer owns.
 * Offers: the trainer pages only.
 * Uses: content, learning, quizzes.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { enrolments, lessons, users } from "../../db/schema";
import { outer } from "../../db/sql";
import type { InsightQuery } from "./schemas";
import { lessonCounts, percentOf } from "~/learning/progress.server";


/**
 * Where learners stop: for each current lesson, how many opened it and how many completed it,
 * and the median minutes from first opening to completing.
 */
export async function lessonFunnel(db: Db, courseId: string) {
  const rows = await db
    .select({
      slug: lessons.slug,
      titleVi: lessons.titleVi,
      titleEn: lessons.titleEn,
      reached: sql<number>`(select count(*)::int from lesson_progress lp where lp.lesson_id = ${outer(lessons.id)})`,
      completed: sql<number>`(select count(*)::int from lesson_progress lp where lp.lesson_id = ${outer(lessons.id)} and lp.completed_at is not null)`,
      medianMinutes: sql<number | null>`(select percentile_cont(0.5) within group (order by extract(epoch from lp.completed_at - lp.first_opened_at) / 60)
        from lesson_progress lp where lp.lesson_id = ${outer(lessons.id)} and lp.completed_at is not null)`,
    })
    .from(lessons)
    .where(and(eq(lessons.courseId, courseId), eq(lessons.active, true)))
    .orderBy(asc(lessons.position));
  return rows.map((r) => ({ ...r, medianMinutes: r.medianMinutes === null ? null : Number(r.medianMinutes) }));
}

/** The course's learners with their progress, sorted as asked (the sort is a whitelisted enum). */
export async function courseLearners(db: Db, courseId: string, query: InsightQuery) {
  const rows = await db
    .select({
      fullName: users.fullName,
      email: users.email,
      startedAt: enrolments.startedAt,
      lastActivityAt: enrolments.lastActivityAt,
      completedAt: enrolments.completedAt,
      ...lessonCountsFor(courseId),
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(eq(enrolments.courseId, courseId));
  const list = rows.map((r) => ({ ...r, percent: percentOf(r) }));
  const key = {
    name: (r: (typeof list)[number]) => r.fullName.toLocaleLowerCase("vi"),
    progress: (r: (typeof list)[number]) => r.percent,
    started: (r: (typeof list)[number]) => r.startedAt.getTime(),
    activity: (r: (typeof list)[number]) => r.lastActivityAt.getTime(),
  }[query.sort];
  const sign = query.dir === "asc" ? 1 : -1;
  return list.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (typeof x === "string" ? x.localeCompare(y as string, "vi") : (x as number) - (y as number)) * sign;
  });
}

// lessonCounts counts for the outer courses row and one learner; here, for each enrolled learner.
function lessonCountsFor(courseId: string) {
  const counts = lessonCounts(sql`${enrolments.userId}`);
  return {
    total: sql<number>`(select ${counts.total} from courses where courses.id = ${courseId})`,
    done: sql<number>`(select ${counts.done} from courses where courses.id = ${courseId})`,
  };
}
