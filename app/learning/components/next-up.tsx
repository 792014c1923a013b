import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDay } from "~/platform/format";
import { CourseStatus } from "./course-status";

export type NextUpCourse = {
  slug: string;
  title: string;
  lessonSlug: string;
  lessonTitle: string | null;
  percent: number;
  started: boolean;
  dueOn: string | null;
  overdue: boolean;
};

/** My learning's one clear "Continue": the course to work on now and the lesson it resumes at. */
export function NextUp({ next }: { next: NextUpCourse }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="next-up-heading" className="rounded-lg border border-brand-600 bg-brand-50 p-5">
      <h2 id="next-up-heading" className="text-sm font-semibold uppercase tracking-wide text-brand-800">
        {t("learning.nextUp")}
      </h2>
      <p className="mt-1 text-xl font-bold text-stone-900">{next.title}</p>
      {next.lessonTitle ? <p className="mt-1 text-stone-800">{t("learning.nextLesson", { lesson: next.lessonTitle })}</p> : null}
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <CourseStatus started={next.started} completed={false} percent={next.percent} />
        {next.dueOn ? (
          <span className={next.overdue ? "text-sm font-semibold text-red-800" : "text-sm text-stone-800"}>
            {t("assignments.learning.due", { date: formatDay(next.dueOn, i18n.language) })}
            {next.overdue ? ` · ${t("assignments.learning.overdue")}` : null}
          </span>
        ) : null}
      </div>
      <Link to={`/courses/${next.slug}/${next.lessonSlug}`} className="btn-primary mt-4 w-full sm:w-auto">
        {next.started ? t("course.continue") : t("course.start")}
        <span className="sr-only">: {next.title}</span>
      </Link>
    </section>
  );
}
