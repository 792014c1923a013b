/** The learner's own assigned training (My learning). */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { assignments, courses, learnerAssignments } from "../../db/schema";
import { todayInVietnam } from "~/platform/days";

/** A row is overdue when today in Vietnam is after its due day and it is neither completed nor closed. */
export function isOverdue(row: { dueOn: string; completedAt: Date | string | null; closedAt?: Date | string | null }, now = new Date()) {
  return !row.completedAt && !row.closedAt && todayInVietnam(now) > row.dueOn;
}

/**
 * The learner's assigned courses (open or completed, current cycle, not closed), one per course: the earliest
 * open due day wins; a course whose every assignment is completed shows as done.
 */
export async function listMyAssignments(db: Db, userId: string, now = new Date()) {
  const rows = await db
    .select({
      courseId: courses.id,
      slug: courses.slug,
      titleVi: courses.titleVi,
      titleEn: courses.titleEn,
      firstLesson: sql<string | null>`(select l.slug from lessons l where l.course_id = ${courses.id} and l.active order by l.position limit 1)`,
      dueOn: learnerAssignments.dueOn,
      cycle: learnerAssignments.cycle,
      completedAt: learnerAssignments.completedAt,
    })
    .from(learnerAssignments)
    .innerJoin(assignments, eq(assignments.id, learnerAssignments.assignmentId))
    .innerJoin(courses, eq(courses.id, learnerAssignments.courseId))
    .where(
      and(
        eq(learnerAssignments.userId, userId),
        sql`${learnerAssignments.closedAt} is null`,
        sql`${assignments.withdrawnAt} is null`,
        eq(courses.published, true),
        sql`not exists (select 1 from learner_assignments n where n.assignment_id = ${learnerAssignments.assignmentId}
          and n.user_id = ${learnerAssignments.userId} and n.cycle > ${learnerAssignments.cycle})`,
      ),
    );
  type Entry = Omit<(typeof rows)[number], "cycle"> & { overdue: boolean; recertification: boolean };
  const byCourse = new Map<string, Entry>();
  for (const { cycle, ...row } of rows) {
    const entry = { ...row, overdue: isOverdue(row, now), recertification: cycle > 1 };
    const seen = byCourse.get(row.courseId);
    const open = !row.completedAt;
    if (!seen || (open && (seen.completedAt || row.dueOn < seen.dueOn)) || (!open && seen.completedAt && row.completedAt! > seen.completedAt)) {
      byCourse.set(row.courseId, entry);
    }
  }
  return [...byCourse.values()].sort((x, y) => Number(Boolean(x.completedAt)) - Number(Boolean(y.completedAt)) || x.dueOn.localeCompare(y.dueOn));
}
