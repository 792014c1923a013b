import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/trainer";
import { inLocale, type Locale } from "~/i18n";
import { getCourseContent, pickLang } from "~/content/content.server";
import { type Column, DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { listOwnedCourses } from "~/authoring/owned-courses.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { formatDate, formatPercent } from "~/platform/format";
import { title } from "~/i18n/meta";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches }) => title(matches, "trainer.title");

export async function loader(args: Route.LoaderArgs) {
  const user = requireRole(args, "trainer");
  const locale = args.context.get(localeContext);
  const rows = await listOwnedCourses(getDb(args.context), user.email, user.roles.includes("admin"));
  return {
    courses: rows.map((row) => ({
      slug: row.slug,
      title: inLocale(locale, row.titleVi, row.titleEn),
      published: row.published,
      enrolled: row.enrolled,
      completed: row.completed,
      inProgress: row.enrolled - row.completed,
      completionRate: row.enrolled ? Math.round((row.completed / row.enrolled) * 100) : null,
      medianHours: row.medianHours === null ? null : Number(row.medianHours),
      contentChangedAt: row.contentChangedAt.toISOString(),
      quizzes: quizNames(row.slug, row.quizzes, locale),
    })),
  };
}

/** Each quiz by its title and lesson, as the learner sees them: its content id means nothing to a trainer. */
function quizNames(courseSlug: string, ids: string[], locale: Locale) {
  const lessons = getCourseContent(courseSlug)?.lessons ?? [];
  return ids.map((id) => {
    const lesson = lessons.find((l) => l.quizzes.some((q) => q.id === id));
    const quiz = lesson?.quizzes.find((q) => q.id === id);
    const quizTitle = quiz ? pickLang(quiz.title, locale)?.value : undefined;
    const lessonTitle = lesson ? pickLang(lesson.title, locale)?.value : undefined;
    return { id, name: quizTitle && lessonTitle ? `${quizTitle} (${lessonTitle})` : (quizTitle ?? lessonTitle ?? id) };
  });
}

function formatDuration(hours: number | null, t: (key: string, options?: Record<string, unknown>) => string) {
  if (hours === null) return "—";
  return hours < 48 ? t("trainer.hours", { count: Math.max(1, Math.round(hours)) }) : t("trainer.days", { count: Math.round(hours / 24) });
}

type Course = Route.ComponentProps["loaderData"]["courses"][number];

export default function TrainerPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const columns: Column<Course>[] = [
    {
      key: "title",
      header: t("catalogue.title"),
      cellClassName: "min-w-48",
      cell: (course) => (
        <>
          {/* Both links at least 24 px tall (WCAG 2.5.8): a one-line title sits right above "open the course". */}
          <Link to={`/trainer/courses/${course.slug}`} className="inline-block py-0.5">
            {course.title}
          </Link>{" "}
          {!course.published ? <span className="rounded bg-amber-100 px-2 text-xs font-semibold">{t("trainer.draft")}</span> : null}
          <br />
          <Link to={`/courses/${course.slug}`} className="inline-block py-0.5 text-sm">
            {t("trainer.openCourse")}
            <span className="sr-only">: {course.title}</span>
          </Link>
        </>
      ),
    },
    { key: "enrolled", header: t("trainer.enrolled"), numeric: true, cell: (course) => course.enrolled },
    { key: "inProgress", header: t("trainer.inProgress"), numeric: true, cell: (course) => course.inProgress },
    { key: "completed", header: t("trainer.completedCount"), numeric: true, cell: (course) => course.completed },
    {
      key: "rate",
      header: t("trainer.completionRate"),
      numeric: true,
      cell: (course) => (course.completionRate === null ? "—" : formatPercent(course.completionRate, i18n.language)),
    },
    { key: "median", header: t("trainer.medianTime"), numeric: true, cell: (course) => formatDuration(course.medianHours, t) },
    { key: "changed", header: t("trainer.lastChange"), cellClassName: "whitespace-nowrap", cell: (course) => formatDate(course.contentChangedAt, i18n.language) },
    {
      key: "quizzes",
      header: t("trainer.quizzes"),
      // Below lg each quiz keeps to one line (the table scrolls in its box), so a row is as tall as its quiz list.
      cellClassName: "min-w-72 max-lg:whitespace-nowrap",
      cell: (course) => (
        <ul className="flex flex-wrap gap-x-3 max-lg:block">
          {course.quizzes.map((quiz) => (
            <li key={quiz.id}>
              <Link to={`/trainer/courses/${course.slug}/quizzes/${quiz.id}`} className="inline-block py-0.5 text-sm" aria-label={`${t("trainer.quizStats")}: ${quiz.name}`}>
                {quiz.name}
              </Link>
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t("trainer.title")}</h1>
        <div className="flex flex-wrap gap-3">
          <Link to="/trainer/live" className="btn-secondary">
            {t("live.trainerTitle")}
          </Link>
          <Link to="/trainer/health" className="btn-secondary">
            {t("trainer.health")}
          </Link>
        </div>
      </div>
      <section aria-labelledby="owned-heading" className="card">
        <h2 id="owned-heading" className="text-xl font-semibold">
          {t("trainer.myCourses")}
        </h2>
        {loaderData.courses.length === 0 ? (
          <p className="mt-3">{t("trainer.none")}</p>
        ) : (
          // On a phone the table scrolls inside its box at a readable width, rather than squeezing the quiz list into
          // one word a line (rows a screen tall).
          <DataTable labelledBy="owned-heading" className="mt-4" tableClassName="min-w-[48rem]" columns={columns} rows={loaderData.courses} rowKey={(c) => c.slug} />
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
