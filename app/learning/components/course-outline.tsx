import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export type OutlineLesson = { slug: string; title: string; minutes: number; completed: boolean };

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
            <Link
              to={`/courses/${courseSlug}/${lesson.slug}`}
              aria-current={current ? "page" : undefined}
              className={`flex min-h-11 items-start gap-2 rounded-md px-2 py-2 no-underline ${
                current ? "bg-brand-50 font-semibold text-brand-800 ring-1 ring-brand-600" : "text-stone-800 hover:bg-stone-100"
              }`}
            >
              <span
                aria-hidden="true"
                className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${
                  lesson.completed
                    ? "bg-emerald-700 text-white"
                    : current
                      ? "bg-brand-700 text-white"
                      : next
                        ? "border-2 border-brand-700 text-brand-800"
                        : "border border-stone-400 text-stone-700"
                }`}
              >
                {lesson.completed ? "✓" : index + 1}
              </span>
              <span className="flex-1">
                {lesson.title}
                <span className="sr-only"> ({state})</span>
                {next ? <span className="ml-1 rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-950" aria-hidden="true">{t("outline.next")}</span> : null}
              </span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
