import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/trainer-course";
import { inLocale } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { findOwnedCourse } from "~/domain/courses.server";
import { courseLearners, lessonFunnel } from "~/domain/insight.server";
import { InsightQuerySchema, LEARNER_SORTS } from "~/schemas/insight";
import { getDb, requireTrainerOr404 } from "~/infra/auth.server";
import { localeContext } from "~/infra/context";
import { formatDate } from "~/utils/format";
import { title } from "~/utils/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "trainer.insight");

export async function loader(args: Route.LoaderArgs) {
  const user = requireTrainerOr404(args);
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const query = InsightQuerySchema.safeParse(Object.fromEntries(args.url.searchParams));
  if (!query.success) throw data({ message: "validation.invalid" }, { status: 400 });
  const course = await findOwnedCourse(db, args.params.course, user);
  if (!course) throw data({ reason: "not-found" }, { status: 404 });
  const [funnel, learners] = await Promise.all([lessonFunnel(db, course.id), courseLearners(db, course.id, query.data)]);
  return {
    course: { slug: course.slug, title: inLocale(locale, course.titleVi, course.titleEn) },
    query: query.data,
    funnel: funnel.map((f) => ({ ...f, title: inLocale(locale, f.titleVi, f.titleEn) })),
    learners: learners.map((l) => ({
      fullName: l.fullName,
      email: l.email,
      percent: l.percent,
      startedAt: l.startedAt.toISOString(),
      lastActivityAt: l.lastActivityAt.toISOString(),
    })),
  };
}

export default function TrainerCoursePage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { course, query, funnel, learners } = loaderData;
  const columns = { name: "trainer.name", progress: "trainer.progress", started: "trainer.started", activity: "trainer.lastActivity" } as const;
  const sortLink = (sort: (typeof LEARNER_SORTS)[number]) =>
    `?sort=${sort}&dir=${query.sort === sort && query.dir === "desc" ? "asc" : "desc"}`;
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/trainer">{t("trainer.title")}</Link> › {course.title}
      </nav>
      <h1 className="page-title">
        {t("trainer.insight")}: {course.title}
      </h1>
      <section aria-labelledby="funnel-heading" className="card overflow-x-auto">
        <h2 id="funnel-heading" className="text-xl font-semibold">
          {t("trainer.funnel")}
        </h2>
        <table className="mt-3 w-full text-left text-sm">
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="py-2 pr-4">{t("course.lessons")}</th>
              <th scope="col" className="py-2 pr-4 text-right">{t("trainer.reached")}</th>
              <th scope="col" className="py-2 pr-4 text-right">{t("trainer.completedLessons")}</th>
              <th scope="col" className="py-2 text-right">{t("trainer.medianMinutes")}</th>
            </tr>
          </thead>
          <tbody>
            {funnel.map((f) => (
              <tr key={f.slug} className="border-b border-stone-200">
                <td className="py-2 pr-4">
                  <Link to={`/courses/${course.slug}/${f.slug}`}>{f.title}</Link>{" "}
                  <Link to={`/courses/${course.slug}/${f.slug}?as=learner`} className="text-xs">
                    ({t("trainer.viewAsLearner")})
                  </Link>
                </td>
                <td className="py-2 pr-4 text-right tabular-nums">{f.reached}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{f.completed}</td>
                <td className="py-2 text-right tabular-nums">{f.medianMinutes === null ? "—" : Math.round(f.medianMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="learners-heading" className="card overflow-x-auto">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="learners-heading" className="text-xl font-semibold">
            {t("trainer.learners")} ({learners.length})
          </h2>
          <a href={`/trainer/courses/${course.slug}/learners.csv?sort=${query.sort}&dir=${query.dir}`} className="btn-secondary" download>
            {t("trainer.exportCsv")}
          </a>
        </div>
        {learners.length === 0 ? (
          <p className="mt-3">{t("trainer.noLearners")}</p>
        ) : (
          <table className="mt-3 w-full text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300">
                {LEARNER_SORTS.map((sort) => (
                  <th
                    key={sort}
                    scope="col"
                    className="py-2 pr-4"
                    aria-sort={query.sort === sort ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    <Link to={sortLink(sort)} aria-label={t("trainer.sortBy", { column: t(columns[sort]) })}>
                      {t(columns[sort])}
                      {query.sort === sort ? (query.dir === "asc" ? " ↑" : " ↓") : ""}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {learners.map((l) => (
                <tr key={l.email} className="border-b border-stone-200">
                  <td className="py-2 pr-4">
                    {l.fullName}
                    <br />
                    <span className="text-stone-600">{l.email}</span>
                  </td>
                  <td className="py-2 pr-4 tabular-nums">{l.percent}%</td>
                  <td className="py-2 pr-4">{formatDate(l.startedAt, i18n.language)}</td>
                  <td className="py-2 pr-4">{formatDate(l.lastActivityAt, i18n.language)}</td>
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
