import { useTranslation } from "react-i18next";
import { AppLink } from "~/ui/app-link";
import type { CatalogueCard } from "~/learning/catalogue-cards.server";
import { CourseCover } from "./course-cover";
import { CourseStatus } from "./course-status";
import { MarkedText } from "./marked-text";
import { cardHtmlKey } from "~/learning/card-html";

/**
 * One course in the catalogue: cover, topic and level, title, summary, time and languages, the learner's status. The
 * parts around the title are HTML the server wrote (app/learning/catalogue-cards.server.ts), in wrappers that take no
 * box of their own (card-part: display: contents), so the card lays out as if they were its own elements.
 */
export function CourseCard({ course, documentHtml }: { course: CatalogueCard; documentHtml: (key: string, html: string | null) => string }) {
  const match = course.match;
  return (
    <li className="card-course">
      <CourseCover slug={course.slug} topic={course.topic} cover={course.cover && `/content/${course.slug}/cover.svg?v=${course.cover}`} />
      <div className="card-body">
        <div className="card-part" dangerouslySetInnerHTML={{ __html: documentHtml(cardHtmlKey(course.slug, "head"), course.head) }} suppressHydrationWarning />
        <h2 className="card-title">
          <AppLink to={`/courses/${course.slug}`}>
            <MarkedText runs={course.title} />
          </AppLink>
        </h2>
        <div className="card-part" dangerouslySetInnerHTML={{ __html: documentHtml(cardHtmlKey(course.slug, "body"), course.body) }} suppressHydrationWarning />
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
                <AppLink to={`/courses/${slug}/${lesson.slug}`} className="inline-block py-1 font-medium">
                  <MarkedText runs={lesson.title} />
                </AppLink>
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
