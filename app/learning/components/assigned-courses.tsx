import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDay } from "~/platform/format";
import { CourseStatus } from "./course-status";

export type AssignedCourse = {
  slug: string;
  title: string;
  dueOn: string;
  overdue: boolean;
  recertification: boolean;
  started: boolean;
  percent: number;
  /** Where the button leads: the first lesson not done, else the first lesson. */
  nextSlug: string | null;
};

/** My learning's first section: required courses still to do, by due date (done ones are under Completed). */
export function AssignedCourses({ courses }: { courses: AssignedCourse[] }) {
  const { t, i18n } = useTranslation();
  if (courses.length === 0) return null;
  return (
    <section aria-labelledby="assigned-heading">
      <h2 id="assigned-heading" className="text-xl font-semibold">
        {t("assignments.learning.heading")}
      </h2>
      <ul className="mt-3 grid gap-4 md:grid-cols-2">
        {courses.map((course) => (
          <li key={course.slug} className={`card flex flex-col gap-3 ${course.overdue ? "border-2 border-red-700" : ""}`}>
            <h3 className="text-lg font-semibold">
              <Link to={`/courses/${course.slug}`}>{course.title}</Link>
            </h3>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className={course.overdue ? "font-semibold text-red-800" : "text-stone-800"}>
                {t("assignments.learning.due", { date: formatDay(course.dueOn, i18n.language) })}
              </span>
              {course.overdue ? (
                <span className="rounded bg-red-800 px-2 py-0.5 text-xs font-bold uppercase tracking-wide text-white">{t("assignments.learning.overdue")}</span>
              ) : null}
              {course.recertification ? (
                <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-950">{t("assignments.learning.recertification")}</span>
              ) : null}
            </p>
            <CourseStatus started={course.started} completed={false} percent={course.percent} />
            {course.nextSlug ? (
              <Link to={`/courses/${course.slug}/${course.nextSlug}`} className="btn-secondary self-start">
                {course.started ? t("course.continue") : t("assignments.learning.start")}
                <span className="sr-only">: {course.title}</span>
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
