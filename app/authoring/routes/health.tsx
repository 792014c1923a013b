import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/health";
import { inLocale } from "~/i18n";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { contentHealth } from "~/content/content.server";
import { listOwnedCourses } from "~/authoring/owned-courses.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { formatDateTime } from "~/platform/format";
import { title } from "~/i18n/meta";
import { errorsOnly, isWarning, type Problem } from "~/content/problems";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches }) => title(matches, "trainer.health");

export async function loader(args: Route.LoaderArgs) {
  const user = requireRole(args, "trainer");
  const locale = args.context.get(localeContext);
  const owned = await listOwnedCourses(getDb(args.context), user.email, user.roles.includes("admin"));
  const health = contentHealth(owned.map((c) => c.slug));
  return {
    checkedAt: health.checkedAt,
    courses: health.courses.map((c) => {
      const course = owned.find((o) => o.slug === c.slug)!;
      // Warnings are listed apart so a trainer sees at once what blocks publishing and what does not.
      return { ...c, errors: errorsOnly(c.problems), warnings: c.problems.filter(isWarning), title: inLocale(locale, course.titleVi, course.titleEn) };
    }),
  };
}

export default function TrainerHealthPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/trainer">{t("trainer.title")}</Link>
      </nav>
      <h1 className="page-title">{t("trainer.health")}</h1>
      <p>{t("trainer.healthIntro")}</p>
      {loaderData.checkedAt ? <p className="text-sm text-stone-700">{t("trainer.checkedAt", { time: formatDateTime(loaderData.checkedAt, i18n.language) })}</p> : null}
      <ul className="space-y-4">
        {loaderData.courses.map((course) => (
          <li key={course.slug} className="card">
            <h2 className="text-lg font-semibold">
              <Link to={`/trainer/courses/${course.slug}`}>{course.title}</Link>
            </h2>
            <p className="mt-1 text-sm text-stone-700">
              {t("trainer.lastClean")}: {course.lastClean ? formatDateTime(course.lastClean, i18n.language) : t("trainer.neverClean")}
            </p>
            {course.problems.length === 0 ? <p className="mt-2 font-medium text-emerald-800">{t("trainer.noProblems")}</p> : null}
            {course.errors.length > 0 ? (
              <>
                <p className="mt-2 font-semibold text-red-800">{t("trainer.problemsCount", { count: course.errors.length })}</p>
                <ProblemList problems={course.errors} />
              </>
            ) : null}
            {course.warnings.length > 0 ? (
              <div className="mt-3 rounded-md border-l-4 border-amber-600 bg-amber-50 px-3 py-2">
                <p className="font-semibold text-amber-900">{t("trainer.warningsCount", { count: course.warnings.length })}</p>
                <p className="text-sm text-stone-800">{t("trainer.warningsIntro")}</p>
                <ProblemList problems={course.warnings} label={t("trainer.warningLabel")} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProblemList({ problems, label }: { problems: Problem[]; label?: string }) {
  return (
    <ul className="mt-1 space-y-1 break-words font-mono text-sm">
      {problems.map((p, i) => (
        <li key={i}>
          {p.file}:{p.line}: {label ? <strong>{label}: </strong> : null}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
