import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/trainer";
import { inLocale } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listOwnedCourses } from "~/domain/courses.server";
import { getDb, requireRole } from "~/infra/auth.server";
import { localeContext } from "~/infra/context";
import { formatDate } from "~/utils/format";
import { title } from "~/utils/meta";

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
      quizzes: row.quizzes,
    })),
  };
}

function formatDuration(hours: number | null, t: (key: string, options?: Record<string, unknown>) => string) {
  if (hours === null) return "—";
  return hours < 48 ? t("trainer.hours", { count: Math.max(1, Math.round(hours)) }) : t("trainer.days", { count: Math.round(hours / 24) });
}

export default function TrainerPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t("trainer.title")}</h1>
        <Link to="/trainer/health" className="btn-secondary">
          {t("trainer.health")}
        </Link>
      </div>
      <section aria-labelledby="owned-heading" className="card overflow-x-auto">
        <h2 id="owned-heading" className="text-xl font-semibold">
          {t("trainer.myCourses")}
        </h2>
        {loaderData.courses.length === 0 ? (
          <p className="mt-3">{t("trainer.none")}</p>
        ) : (
          <table className="mt-4 w-full text-left">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-2 pr-4">{t("catalogue.title")}</th>
                <th scope="col" className="py-2 pr-4 text-right">{t("trainer.enrolled")}</th>
                <th scope="col" className="py-2 pr-4 text-right">{t("trainer.inProgress")}</th>
                <th scope="col" className="py-2 pr-4 text-right">{t("trainer.completedCount")}</th>
                <th scope="col" className="py-2 pr-4 text-right">{t("trainer.completionRate")}</th>
                <th scope="col" className="py-2 pr-4 text-right">{t("trainer.medianTime")}</th>
                <th scope="col" className="py-2 pr-4">{t("trainer.lastChange")}</th>
                <th scope="col" className="py-2">{t("trainer.quizzes")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.courses.map((course) => (
                <tr key={course.slug} className="border-b border-stone-200">
                  <td className="py-2 pr-4">
                    <Link to={`/trainer/courses/${course.slug}`}>{course.title}</Link>{" "}
                    {!course.published ? <span className="rounded bg-amber-100 px-2 text-xs font-semibold">{t("trainer.draft")}</span> : null}
                    <br />
                    <Link to={`/courses/${course.slug}`} className="text-sm">
                      {t("trainer.openCourse")}
                      <span className="sr-only">: {course.title}</span>
                    </Link>
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">{course.enrolled}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{course.inProgress}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{course.completed}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{course.completionRate === null ? "—" : `${course.completionRate}%`}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{formatDuration(course.medianHours, t)}</td>
                  <td className="py-2 pr-4">{formatDate(course.contentChangedAt, i18n.language)}</td>
                  <td className="py-2">
                    <ul className="flex flex-wrap gap-x-3">
                      {course.quizzes.map((quiz) => (
                        <li key={quiz}>
                          <Link to={`/trainer/courses/${course.slug}/quizzes/${quiz}`} aria-label={`${t("trainer.quizStats")}: ${quiz}`}>
                            {quiz}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
