/** My learning: every course the learner has touched, each in exactly one group. */
import type { Db } from "../../db/client";
import { inLocale, type Locale } from "~/i18n";
import { getCourseContent, pickLang } from "~/content/content.server";
import { listMyCertificates } from "~/certificates/certificates.server";
import { listMyAssignments } from "~/training/my-assignments.server";
import type { AssignedCourse } from "./components/assigned-courses";
import { listMyCourses, percentOf } from "./progress.server";

export type MyCourse = {
  courseId: string;
  slug: string;
  title: string;
  percent: number;
  completedAt: string | null;
  resumeSlug: string | null;
  certificateCode: string | null;
  /** It was required training (shown in Completed with a "required" mark once done). */
  assigned: boolean;
};

/**
 * Required courses still open come first; every other touched course is either in progress or completed.
 * A required course that is done moves to Completed (with its certificate): it is no longer something to do,
 * and leaving it under "Required" made the other groups claim that nothing was started or finished.
 */
export async function loadMyLearning(db: Db, userId: string, locale: Locale) {
  const [rows, assignedRows, certificates] = await Promise.all([
    listMyCourses(db, userId),
    listMyAssignments(db, userId),
    listMyCertificates(db, userId),
  ]);
  const byCourse = new Map(rows.map((row) => [row.courseId, row]));
  const openAssigned = assignedRows.filter((a) => !a.completedAt && !byCourse.get(a.courseId)?.completedAt);
  const assigned: AssignedCourse[] = openAssigned.map((a) => {
    const row = byCourse.get(a.courseId);
    return {
      slug: a.slug,
      title: inLocale(locale, a.titleVi, a.titleEn),
      dueOn: a.dueOn,
      overdue: a.overdue,
      recertification: a.recertification,
      started: Boolean(row),
      percent: row ? percentOf(row) : 0,
      nextSlug: row?.resumeSlug ?? a.firstLesson,
    };
  });
  const open = new Set(openAssigned.map((a) => a.courseId));
  const everAssigned = new Set(assignedRows.map((a) => a.courseId));
  const courses: MyCourse[] = rows
    .filter((row) => !open.has(row.courseId))
    .map((row) => ({
      courseId: row.courseId,
      slug: row.slug,
      title: inLocale(locale, row.titleVi, row.titleEn),
      percent: percentOf(row),
      completedAt: row.completedAt?.toISOString() ?? null,
      resumeSlug: row.resumeSlug,
      certificateCode: certificates.get(row.courseId)?.code ?? null,
      assigned: everAssigned.has(row.courseId),
    }));
  // A required course recorded as done without an enrolment row (completed before tracking) is still completed.
  for (const a of assignedRows) {
    if (a.completedAt && !byCourse.has(a.courseId)) {
      courses.push({
        courseId: a.courseId,
        slug: a.slug,
        title: inLocale(locale, a.titleVi, a.titleEn),
        percent: 100,
        completedAt: a.completedAt.toISOString(),
        resumeSlug: a.firstLesson,
        certificateCode: certificates.get(a.courseId)?.code ?? null,
        assigned: true,
      });
    }
  }
  return {
    assigned,
    inProgress: courses.filter((c) => !c.completedAt),
    completed: courses.filter((c) => c.completedAt).sort((x, y) => y.completedAt!.localeCompare(x.completedAt!)),
  };
}

export type MyLearning = Awaited<ReturnType<typeof loadMyLearning>>;

/**
 * The one thing to do next: the required course due first (overdue ones have the earliest days), else the course
 * touched most recently; with the lesson it resumes at. Null when nothing is open.
 */
export function nextUp({ assigned, inProgress }: Pick<MyLearning, "assigned" | "inProgress">, locale: Locale) {
  const required = assigned[0];
  const chosen = inProgress.find((c) => c.resumeSlug);
  const pick = required
    ? { slug: required.slug, title: required.title, lessonSlug: required.nextSlug, percent: required.percent, started: required.started, dueOn: required.dueOn, overdue: required.overdue }
    : chosen
      ? { slug: chosen.slug, title: chosen.title, lessonSlug: chosen.resumeSlug, percent: chosen.percent, started: true, dueOn: null, overdue: false }
      : null;
  if (!pick?.lessonSlug) return null;
  const lesson = getCourseContent(pick.slug)?.lessons.find((l) => l.slug === pick.lessonSlug);
  return { ...pick, lessonSlug: pick.lessonSlug, lessonTitle: lesson ? (pickLang(lesson.title, locale)?.value ?? null) : null };
}

/** A course finished in the last fortnight is celebrated at the top of My learning (the newest one). */
export function recentCompletion(completed: MyCourse[], now = new Date()) {
  const newest = completed[0];
  return newest?.completedAt && now.getTime() - Date.parse(newest.completedAt) < 14 * 86_400_000 ? newest : null;
}
