import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CatalogueCard } from "~/learning/catalogue-cards.server";
import { CourseCover } from "./course-cover";
import { CourseStatus } from "./course-status";
import { MarkedText } from "./marked-text";

/** One course in the catalogue: cover, topic and level, title, summary, time and languages, the learner's status. */
export function CourseCard({ course, summaryHtml }: { course: CatalogueCard; summaryHtml: string }) {
  const { t } = useTranslation();
  const match = course.match;
  return (
    <li className="card-course">
      <CourseCover slug={course.slug} topic={course.topic} cover={course.cover && `/content/${course.slug}/cover.svg?v=${course.cover}`} />
      <div className="card-body">
        <p className="card-tags">
          <span className="card-topic">{t(`topics.${course.topic}` as "topics.ai")}</span>
          <span className="card-tag">{t(`levels.${course.level}` as "levels.beginner")}</span>
        </p>
        <h2 className="card-title">
          <Link to={`/courses/${course.slug}`}>
            <MarkedText runs={course.title} />
          </Link>
        </h2>
        {/* HTML the server escaped (matches in <mark>); in the document only on a first visit. */}
        <p className="card-summary" dangerouslySetInnerHTML={{ __html: summaryHtml }} suppressHydrationWarning />
        {match?.overviewSnippet ? (
          <p className="text-sm text-stone-700" lang={match.overviewSnippet.lang}>
            <MarkedText runs={match.overviewSnippet.runs} />
          </p>
        ) : null}
        <dl className="card-facts">
          <dt className="sr-only">{t("course.estimated")}</dt>
          <dd>{`⏱ ${t("catalogue.minutes", { count: course.minutes })}`}</dd>
          <dt className="sr-only">{t("catalogue.languages")}</dt>
          <dd>{course.languages.map((l) => t(`language.${l}`)).join(" · ")}</dd>
        </dl>
        <CourseStatus started={course.percent !== null} completed={course.completed} percent={course.percent ?? 0} />
        {match ? <SearchMatch slug={course.slug} match={match} /> : null}
      </div>
    </li>
  );
}

/** For a search: why the course was found, and the lessons that hold the words. */
function SearchMatch({ slug, match }: { slug: string; match: NonNullable<CatalogueCard["match"]> }) {
  const { t } = useTranslation();
  const reasons = [
    match.title && t("catalogue.why.title"),
    match.description && t("catalogue.why.description"),
    match.lessons.length && t("catalogue.why.lessons", { count: match.lessons.length }),
  ].filter(Boolean);
  return (
    <>
      {reasons.length ? (
        <p className="text-sm">
          <span className="font-semibold">{t("catalogue.why.label")}</span> {reasons.join(" · ")}
        </p>
      ) : null}
      {match.lessons.length ? (
        <div className="border-t border-stone-200 pt-2 text-sm">
          <p className="font-semibold">{t("catalogue.matchedLessons")}</p>
          <ul className="mt-1 space-y-2">
            {match.lessons.map((lesson) => (
              <li key={lesson.slug}>
                <Link to={`/courses/${slug}/${lesson.slug}`} className="inline-block py-1 font-medium">
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
    </>
  );
}
