/** The courses a trainer owns (an admin: every course), as the trainer's pages list and open them. */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { courses, type Role } from "../../db/schema";
import { outer } from "../../db/sql";
import { canManage } from "~/platform/permissions";

/** Courses a trainer owns (every course for an admin), with their learners' numbers. */
export async function listOwnedCourses(db: Db, email: string, isAdmin: boolean) {
  return db
    .select({
      id: courses.id,
      slug: courses.slug,
      titleVi: courses.titleVi,
      titleEn: courses.titleEn,
      published: courses.published,
      contentChangedAt: courses.contentChangedAt,
      enrolled: sql<number>`(select count(*)::int from enrolments e where e.course_id = ${outer(courses.id)})`,
      completed: sql<number>`(select count(*)::int from enrolments e where e.course_id = ${outer(courses.id)} and e.completed_at is not null)`,
      /** Median hours from starting the course to completing it, over those who completed it. */
      medianHours: sql<number | null>`(select percentile_cont(0.5) within group (order by extract(epoch from e.completed_at - e.started_at) / 3600)
        from enrolments e where e.course_id = ${outer(courses.id)} and e.completed_at is not null)`,
      quizzes: sql<string[]>`coalesce(array(select cq.quiz_id from course_quizzes cq join lessons l on l.id = cq.lesson_id
        where cq.course_id = ${outer(courses.id)} and cq.active and l.active order by l.position, cq.quiz_id), '{}')`,
    })
    .from(courses)
    .where(isAdmin ? undefined : sql`${email.toLowerCase()} = any(${courses.owners})`)
    .orderBy(asc(courses.titleVi));
}

/**
 * A course (draft or published) as its owner or an admin may manage it; null for anyone else,
 * so that another trainer gets the same 404 as for a course that does not exist.
 */
export async function findOwnedCourse(db: Db, slug: string, user: { email: string; roles: readonly Role[] }) {
  const [row] = await db
    .select({ id: courses.id, slug: courses.slug, titleVi: courses.titleVi, titleEn: courses.titleEn, owners: courses.owners })
    .from(courses)
    .where(eq(courses.slug, slug));
  if (!row) return null;
  return canManage(user, row.owners) ? row : null;
}
