import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/course";
import { inLocale } from "~/i18n";
import { type Column, DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { TrainerBreadcrumb } from "~/authoring/components/trainer-breadcrumb";
import { findOwnedCourse } from "~/authoring/owned-courses.server";
import { courseLearners, lessonFunnel } from "~/authoring/insight.server";
import { InsightQuerySchema, LEARNER_SORTS } from "~/authoring/schemas";
import { getDb, requireTrainerOr404 } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { formatDate, formatPercent } from "~/platform/format";
import { title } from "~/i18n/meta";

export { staffStyles as links } from "~/ui/staff-styles";
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

type Lesson = Route.ComponentProps["loaderData"]["funnel"][number];
type Learner = Route.ComponentProps["loaderData"]["learners"][number];

export default function TrainerCoursePage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { course, query, funnel, learners } = loaderData;
  const headers = { name: "trainer.name", progress: "trainer.progress", started: "trainer.started", activity: "trainer.lastActivity" } as const;
  const cells: Record<(typeof LEARNER_SORTS)[number], (l: Learner) => ReactNode> = {
    name: (l) => (
      <>
        {l.fullName}
        <br />
        <span className="text-stone-600">{l.email}</span>
      </>
    ),
    progress: (l) => formatPercent(l.percent, i18n.language),
    started: (l) => formatDate(l.startedAt, i18n.language),
    activity: (l) => formatDate(l.lastActivityAt, i18n.language),
  };
  // Each header links to the list sorted by its column (again: the other way round), so sorting works without JS.
  const learnerColumns: Column<Learner>[] = LEARNER_SORTS.map((sort) => ({
    key: sort,
    header: t(headers[sort]),
    sort: {
      href: `?sort=${sort}&dir=${query.sort === sort && query.dir === "desc" ? "asc" : "desc"}`,
      label: t("trainer.sortBy", { column: t(headers[sort]) }),
      direction: query.sort === sort ? query.dir : undefined,
    },
    cellClassName: sort === "progress" ? "tabular-nums" : undefined,
    cell: cells[sort],
  }));
  const funnelColumns: Column<Lesson>[] = [
    {
      key: "lesson",
      header: t("course.lessons"),
      cell: (f) => (
        <>
          <Link to={`/courses/${course.slug}/${f.slug}`} className="inline-block py-1">
            {f.title}
          </Link>{" "}
          <Link to={`/courses/${course.slug}/${f.slug}?as=learner`} className="inline-block py-1 text-sm">
            ({t("trainer.viewAsLearner")})
          </Link>
        </>
      ),
    },
    { key: "reached", header: t("trainer.reached"), numeric: true, cell: (f) => f.reached },
    { key: "completed", header: t("trainer.completedLessons"), numeric: true, cell: (f) => f.completed },
    {
      key: "median",
      header: t("trainer.medianMinutes"),
      numeric: true,
      cell: (f) => (f.medianMinutes === null ? "—" : Math.round(f.medianMinutes)),
    },
  ];
  return (
    <div className="space-y-6">
      <TrainerBreadcrumb courseTitle={course.title} />
      <h1 className="page-title">
        {t("trainer.insight")}: {course.title}
      </h1>
      <section aria-labelledby="funnel-heading" className="card">
        <h2 id="funnel-heading" className="text-xl font-semibold">
          {t("trainer.funnel")}
        </h2>
        <DataTable labelledBy="funnel-heading" className="mt-3" tableClassName="min-w-[36rem]" columns={funnelColumns} rows={funnel} rowKey={(f) => f.slug} />
      </section>
      <section aria-labelledby="learners-heading" className="card">
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
          <DataTable labelledBy="learners-heading" className="mt-3" tableClassName="min-w-[32rem]" columns={learnerColumns} rows={learners} rowKey={(l) => l.email} />
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
