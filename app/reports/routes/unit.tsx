import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/unit";
import { type Column, DataTable } from "~/ui/data-table";
import { FilterSelect } from "~/ui/filter-field";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ExportLinks, HowCounted, Pager, pageLink, ReportFilters } from "~/reports/components/filters";
import { PersonCell } from "~/reports/components/person-cell";
import { drillUnitIds, UNIT_PAGE_SIZE, unitPeopleCount, unitPeoplePage, unitVisible } from "~/reports/views.server";
import { inLocale } from "~/i18n";
import { filtersToSearch, firstIssue, UnitQuerySchema } from "~/reports/schemas";
import { formatDate, formatDay } from "~/platform/format";
import { title } from "~/i18n/meta";
import { filterOptions } from "~/reports/options.server";
import { notFound, reportRequest } from "~/reports/request.server";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  title(matches, loaderData ? "hrReports.unitTitle" : "hrReports.title", { unit: loaderData?.unit.name });

export async function loader(args: Route.LoaderArgs) {
  const { db, locale, ctx } = await reportRequest(args, { ignoreUnit: true });
  const unitId = args.params.unitId;
  if (!unitVisible(ctx, unitId)) notFound();
  const query = UnitQuerySchema.safeParse(Object.fromEntries(args.url.searchParams));
  if (!query.success) throw data({ message: firstIssue(query.error) }, { status: 400 });
  const { descendants, page } = query.data;
  const unitIds = drillUnitIds(ctx, unitId, descendants);
  const [total, result] = await Promise.all([
    unitPeopleCount(db, ctx, unitIds),
    unitPeoplePage(db, ctx, unitId, { descendants, limit: UNIT_PAGE_SIZE, offset: (page - 1) * UNIT_PAGE_SIZE }),
  ]);
  const name = (id: string) => {
    const u = ctx.units.get(id);
    return u ? inLocale(locale, u.name, u.nameEn) : "";
  };
  const trail: { id: string; name: string }[] = [];
  for (let id: string | null = ctx.units.get(unitId)!.parentId; id && unitVisible(ctx, id); id = ctx.units.get(id)?.parentId ?? null) {
    trail.unshift({ id, name: name(id) });
  }
  const search = filtersToSearch({ ...ctx.filters, unit: undefined });
  const exportSearch = new URLSearchParams(search);
  exportSearch.set("view", "unit");
  exportSearch.set("id", unitId);
  exportSearch.set("descendants", descendants ? "1" : "0");
  return {
    unit: { id: unitId, name: name(unitId), code: ctx.units.get(unitId)!.code },
    trail,
    descendants,
    page,
    pages: Math.max(1, Math.ceil(total / UNIT_PAGE_SIZE)),
    total,
    search: search.toString(),
    exportSearch: exportSearch.toString(),
    options: filterOptions(ctx, locale, false),
    courses: ctx.courses.map((c) => ({ id: c.id, title: inLocale(locale, c.titleVi, c.titleEn) })),
    people: result.people.map((p) => ({
      id: p.id,
      fullName: p.fullName,
      email: p.email,
      staffNumber: p.staffNumber,
      jobTitle: p.jobTitle,
      unit: name(p.unitId),
      pairs: Object.fromEntries(
        Object.entries(p.pairs).map(([courseId, pair]) => [
          courseId,
          { status: pair.status, overdue: pair.overdue, dueOn: pair.dueOn, completedAt: pair.completedAt?.toISOString() ?? null },
        ]),
      ),
    })),
  };
}

type Person = Awaited<ReturnType<typeof loader>>["people"][number];

export default function UnitReportPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { unit, trail, descendants, page, pages, total, search, exportSearch, options, courses, people } = loaderData;
  const withPage = (n: number) => pageLink(search, n, descendants ? {} : { descendants: "0" });
  const day = (iso: string) => formatDay(iso, i18n.language);
  const columns: Column<Person>[] = [
    {
      key: "name",
      header: t("hrReports.person"),
      rowHeader: true,
      cell: (p) => <PersonCell person={p} />,
    },
    { key: "job", header: t("hrReports.jobTitle"), cell: (p) => p.jobTitle ?? "—" },
    ...(descendants ? [{ key: "unit", header: t("hrReports.unit"), cell: (p: Person) => p.unit }] : []),
    ...courses.map((c) => ({
      key: c.id,
      header: c.title,
      cell: (p: Person) => {
        const pair = p.pairs[c.id];
        if (!pair)
          return (
            <>
              <span aria-hidden="true">—</span>
              <span className="sr-only">{t("hrReports.notCounted")}</span>
            </>
          );
        return (
          <div className="min-w-36">
            <span className={pair.status === "completed" ? "font-semibold text-brand-800" : undefined}>{t(`hrReports.statuses.${pair.status}`)}</span>
            {pair.overdue ? <span className="ml-1 font-semibold text-red-800">({t("hrReports.statuses.overdue")})</span> : null}
            {pair.dueOn ? <div className="text-xs text-stone-700">{t("hrReports.due")}: {day(pair.dueOn)}</div> : null}
            {pair.completedAt ? (
              <div className="text-xs text-stone-700">
                {t("hrReports.completedOn")}: {formatDate(pair.completedAt, i18n.language)}
              </div>
            ) : null}
          </div>
        );
      },
    })),
  ];
  return (
    <div className="space-y-6">
      <nav aria-label={t("hrReports.breadcrumb")} className="text-sm">
        <Link to={`/reports${search ? `?${search}` : ""}`}>{t("hrReports.title")}</Link>
        {trail.map((u) => (
          <span key={u.id}>
            {" › "}
            <Link to={`/reports/units/${u.id}${search ? `?${search}` : ""}`}>{u.name}</Link>
          </span>
        ))}
        {" › "}
        {unit.name}
      </nav>
      <h1 className="page-title">{t("hrReports.unitTitle", { unit: unit.name })}</h1>
      <ReportFilters
        options={options}
        clearTo={`/reports/units/${unit.id}`}
        extra={
          <FilterSelect id="f-descendants" name="descendants" label={t("hrReports.includeDescendants")} value={descendants ? "1" : "0"} small>
            <option value="1">{t("hrReports.yes")}</option>
            <option value="0">{t("hrReports.no")}</option>
          </FilterSelect>
        }
      />
      <HowCounted />
      <section aria-labelledby="people-heading" className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="people-heading" className="text-xl font-semibold">
            {t("hrReports.people")} ({t("hrReports.peopleCount", { count: total })})
          </h2>
          <ExportLinks search={exportSearch} />
        </div>
        <DataTable
          caption={t("hrReports.peopleCaption")}
          hideCaption
          columns={columns}
          rows={people}
          rowKey={(p) => p.id}
          empty={t("hrReports.noPeople")}
        />
        <Pager page={page} pages={pages} link={withPage} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
