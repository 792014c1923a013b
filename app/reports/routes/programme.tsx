import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/programme";
import { type Column, DataTable } from "~/ui/data-table";
import { FilterSelect } from "~/ui/filter-field";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ExportLinks, JobTitleSelect, Pager, pageLink, UnitSelect } from "~/reports/components/filters";
import { PersonCell } from "~/reports/components/person-cell";
import { programmeCourseColumns, programmeFollowerCounts, programmePeople, programmePercent } from "~/reports/programmes.server";
import { programmeState } from "~/reports/export.server";
import { UNIT_PAGE_SIZE } from "~/reports/views.server";
import { filtersToSearch } from "~/reports/schemas";
import { programmeRequest } from "~/reports/request.server";
import { filterOptions } from "~/reports/options.server";
import { inLocale } from "~/i18n";
import { title } from "~/i18n/meta";
import { formatDate, formatDay, formatNumber, formatPercent } from "~/platform/format";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  title(matches, loaderData ? "hrReports.programme.title" : "hrReports.title", { programme: loaderData?.programme.title });

/** /reports/programmes/:slug — who follows a programme in the asker's scope, by unit (± sub-units) and job title. */
export async function loader(args: Route.LoaderArgs) {
  const { db, locale, ctx, programme, jobTitles, page, query } = await programmeRequest(args, { slug: args.params.slug });
  const [courses, counts, people] = await Promise.all([
    programmeCourseColumns(db, programme.id),
    programmeFollowerCounts(db, ctx, programme.id, query),
    programmePeople(db, ctx, programme.id, { ...query, limit: UNIT_PAGE_SIZE, offset: (page - 1) * UNIT_PAGE_SIZE }),
  ]);
  const unitName = (id: string) => {
    const u = ctx.units.get(id);
    return u ? inLocale(locale, u.name, u.nameEn) : "";
  };
  const search = filtersToSearch({ unit: query.unitId, jobTitle: query.jobTitle, descendants: query.descendants ? undefined : "0" });
  const exportSearch = new URLSearchParams(search);
  exportSearch.set("view", "programme");
  exportSearch.set("id", programme.id);
  return {
    programme: { slug: programme.slug, title: inLocale(locale, programme.titleVi, programme.titleEn) },
    values: { unit: query.unitId ?? "", descendants: query.descendants ? "1" : "0", jobTitle: query.jobTitle ?? "" },
    units: filterOptions(ctx, locale).units ?? [],
    jobTitles,
    counts,
    percent: programmePercent(counts),
    page,
    pages: Math.max(1, Math.ceil(counts.counted / UNIT_PAGE_SIZE)),
    search: search.toString(),
    exportSearch: exportSearch.toString(),
    courses: courses.map((c) => ({ id: c.id, title: inLocale(locale, c.titleVi, c.titleEn), optional: c.optional })),
    people: people.map((p) => ({
      id: p.id,
      fullName: p.fullName,
      email: p.email,
      jobTitle: p.jobTitle,
      unit: unitName(p.unitId),
      assigned: p.assigned,
      dueOn: p.dueOn,
      state: programmeState(p),
      completedAt: p.completedAt?.toISOString() ?? null,
      courses: p.courses,
    })),
  };
}

type Person = Awaited<ReturnType<typeof loader>>["people"][number];

export default function ProgrammeReportPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { programme, values, units, jobTitles, counts, percent, page, pages, search, exportSearch, courses, people } = loaderData;
  const withPage = (n: number) => pageLink(search, n);
  const day = (iso: string) => formatDay(iso, i18n.language);
  const columns: Column<Person>[] = [
    {
      key: "name",
      header: t("hrReports.person"),
      rowHeader: true,
      cell: (p) => <PersonCell person={p} />,
    },
    { key: "unit", header: t("hrReports.unit"), cell: (p) => p.unit },
    { key: "job", header: t("hrReports.jobTitle"), cell: (p) => p.jobTitle ?? "—" },
    {
      key: "state",
      header: t("hrReports.programme.programmeState"),
      cell: (p) => (
        <div className="min-w-36">
          <span className={p.state === "completed" ? "font-semibold text-brand-800" : p.state === "overdue" ? "font-semibold text-red-800" : undefined}>
            {t(`hrReports.programme.states.${p.state}`)}
          </span>
          <div className="text-xs text-stone-700">{p.assigned ? t("hrReports.programme.assigned") : t("hrReports.programme.selfStarted")}</div>
          {p.dueOn ? <div className="text-xs text-stone-700">{t("hrReports.due")}: {day(p.dueOn)}</div> : null}
          {p.completedAt ? (
            <div className="text-xs text-stone-700">
              {t("hrReports.completedOn")}: {formatDate(p.completedAt, i18n.language)}
            </div>
          ) : null}
        </div>
      ),
    },
    ...courses.map((c) => ({
      key: c.id,
      header: c.optional ? `${c.title} (${t("hrReports.programme.optional")})` : c.title,
      cell: (p: Person) => t(`hrReports.programme.courseStates.${p.courses[c.id] ?? "none"}`),
    })),
  ];
  return (
    <div className="space-y-6">
      <nav aria-label={t("hrReports.breadcrumb")} className="text-sm">
        <Link to="/reports">{t("hrReports.title")}</Link>
        {" › "}
        {programme.title}
      </nav>
      <h1 className="page-title">{t("hrReports.programme.title", { programme: programme.title })}</h1>
      <p>{t("hrReports.programme.intro")}</p>
      <Form method="get" className="card" aria-labelledby="filters-heading">
        <h2 id="filters-heading" className="text-lg font-semibold">
          {t("hrReports.filters")}
        </h2>
        <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <UnitSelect units={units} value={values.unit} />
          <FilterSelect id="f-descendants" name="descendants" label={t("hrReports.includeDescendants")} value={values.descendants} small>
            <option value="1">{t("hrReports.yes")}</option>
            <option value="0">{t("hrReports.no")}</option>
          </FilterSelect>
          <JobTitleSelect titles={jobTitles} value={values.jobTitle} label={t("hrReports.programme.jobTitle")} />
        </div>
        <div className="mt-4 flex flex-wrap gap-3">
          <button type="submit" className="btn-primary">
            {t("hrReports.apply")}
          </button>
          <Link to={`/reports/programmes/${programme.slug}`} className="btn-secondary">
            {t("hrReports.clear")}
          </Link>
        </div>
      </Form>
      <section aria-labelledby="people-heading" className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="people-heading" className="text-xl font-semibold">
              {t("hrReports.programme.caption")} ({t("hrReports.programme.following", { count: counts.counted })})
            </h2>
            <p className="text-sm">
              {t("hrReports.programme.summary", {
                completed: formatNumber(counts.completed, i18n.language),
                overdue: formatNumber(counts.overdue, i18n.language),
                percent: percent === null ? "—" : formatPercent(percent, i18n.language),
              })}
            </p>
          </div>
          <ExportLinks search={exportSearch} />
        </div>
        <DataTable labelledBy="people-heading" columns={columns} rows={people} rowKey={(p) => p.id} empty={t("hrReports.programme.noPeople")} />
        <Pager page={page} pages={pages} link={withPage} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
