import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CatalogueCard } from "~/learning/catalogue-cards.server";
import { CourseCover } from "./course-cover";
import { CourseStatus } from "./course-status";
import { MarkedText } from "./marked-text";

/** One course in the catalogue: cover, topic and level, title, summary, time and languages, the learner's status. */
export function CourseCard({ course }: { course: CatalogueCard }) {
  const { t } = useTranslation();
  const why = course.matchedIn;
  const reasons = why
    ? [why.title && t("catalogue.why.title"), why.description && t("catalogue.why.description"), why.lessons && t("catalogue.why.lessons", { count: why.lessons })].filter(Boolean)
    : [];
  return (
    <li className="flex flex-col overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm">
      <CourseCover slug={course.slug} topic={course.topic} cover={course.cover} />
      <div className="flex flex-1 flex-col gap-3 p-5">
        <p className="flex flex-wrap gap-2 text-xs font-semibold uppercase tracking-wide text-stone-700">
          <span className="rounded bg-brand-50 px-2 py-0.5 text-brand-800">{t(`topics.${course.topic}` as "topics.ai")}</span>
          <span className="rounded bg-stone-100 px-2 py-0.5">{t(`levels.${course.level}` as "levels.beginner")}</span>
        </p>
        <h2 className="text-lg font-semibold leading-snug">
          <Link to={`/courses/${course.slug}`}>
            <MarkedText runs={course.title} />
          </Link>
        </h2>
        <p className="flex-1 text-stone-700">
          <MarkedText runs={course.summary} />
        </p>
        {course.overviewSnippet ? (
          <p className="text-sm text-stone-700" lang={course.overviewSnippet.lang}>
            <MarkedText runs={course.overviewSnippet.runs} />
          </p>
        ) : null}
        <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-700">
          <dt className="sr-only">{t("course.estimated")}</dt>
          <dd>⏱ {t("catalogue.minutes", { count: course.minutes })}</dd>
          <dt className="sr-only">{t("catalogue.languages")}</dt>
          <dd>{course.languages.map((l) => t(`language.${l}`)).join(" · ")}</dd>
        </dl>
        <CourseStatus started={course.started} completed={course.completed} percent={course.percent} />
        {reasons.length ? (
          <p className="text-sm">
            <span className="font-semibold">{t("catalogue.why.label")}</span> {reasons.join(" · ")}
          </p>
        ) : null}
        {course.lessons.length ? (
          <div className="border-t border-stone-200 pt-2 text-sm">
            <p className="font-semibold">{t("catalogue.matchedLessons")}</p>
            <ul className="mt-1 space-y-2">
              {course.lessons.map((lesson) => (
                <li key={lesson.slug}>
                  <Link to={`/courses/${course.slug}/${lesson.slug}`} className="inline-block py-1 font-medium">
                    <MarkedText runs={lesson.title} />
                  </Link>
                  {lesson.text ? (
                    <p className="text-stone-700" lang={lesson.text.lang}>
                      <MarkedText runs={lesson.text.runs} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </li>
  );
}
