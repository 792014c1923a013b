import { useTranslation } from "react-i18next";
import { AppLink } from "~/ui/app-link";

export type OutlineLesson = { slug: string; title: string; completed: boolean };

/**
 * Where a lesson sits in its course: every lesson, marked done (✓), this one (aria-current) and the one to do
 * next. The state is in words for screen readers and in shape as well as colour for everyone else.
 */
export function CourseOutline({
  courseSlug,
  lessons,
  currentSlug,
  nextSlug,
}: {
  courseSlug: string;
  lessons: OutlineLesson[];
  currentSlug: string | null;
  nextSlug: string | null;
}) {
  const { t } = useTranslation();
  return (
    <ol className="space-y-0.5 text-sm">
      {lessons.map((lesson, index) => {
        const current = lesson.slug === currentSlug;
        const next = !current && !lesson.completed && lesson.slug === nextSlug;
        const state = lesson.completed ? t("outline.done") : current ? t("outline.current") : next ? t("outline.next") : t("outline.todo");
        return (
          <li key={lesson.slug}>
            <AppLink to={`/courses/${courseSlug}/${lesson.slug}`} aria-current={current ? "page" : undefined} className="step-link">
              <span aria-hidden="true" className="step-mark" data-s={lesson.completed ? "done" : current ? "current" : next ? "next" : undefined}>
                {lesson.completed ? "✓" : index + 1}
              </span>
              <span className="flex-1">
                {lesson.title}
                <span className="sr-only">{` (${state})`}</span>
                {next ? <span className="ml-1 rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-950" aria-hidden="true">{t("outline.next")}</span> : null}
              </span>
            </AppLink>
          </li>
        );
      })}
    </ol>
  );
}
