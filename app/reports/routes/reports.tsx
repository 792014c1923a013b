import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/reports";
import { type Column, DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Chart, ExportLinks, HowCounted, ReportFilters } from "~/reports/components/filters";
import { unitBarsSvg, weeklyChartSvg } from "~/reports/charts.server";
import { buildMatrix } from "~/reports/views.server";
import { type Counts, completionPercent } from "~/reports/counts";
import { inLocale } from "~/i18n";
import { filtersToSearch } from "~/reports/schemas";
import { title } from "~/i18n/meta";
import { filterOptions } from "~/reports/options.server";
import { reportRequest } from "~/reports/request.server";
import { formatNumber, formatPercent } from "~/platform/format";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "hrReports.title");

const MEASURES = ["assigned", "completed", "inProgress", "notStarted", "overdue", "percent"] as const;

export async function loader(args: Route.LoaderArgs) {
  const { db, locale, t, ctx } = await reportRequest(args);
  const matrix = await buildMatrix(db, ctx);
  const name = (u: { name: string; nameEn: string | null }) => inLocale(locale, u.name, u.nameEn);
  const bars = matrix.rows
    .filter((r) => r.depth <= 1 && r.total.counted > 0)
    .slice(0, 30)
    .map((r) => ({ id: r.unit.id, name: `${name(r.unit)} (${r.unit.code})`, percent: completionPercent(r.total) ?? 0 }));
  const [weeklySvg, barsSvg] = await Promise.all([
    weeklyChartSvg(matrix.weekly, { x: t("hrReports.week"), y: t("hrReports.completions") }),
    unitBarsSvg(bars, { x: t("hrReports.cols.percent"), y: t("hrReports.unit") }),
  ]);
  return {
    search: filtersToSearch(ctx.filters).toString(),
    options: filterOptions(ctx, locale),
    courses: ctx.courses.map((c) => ({ id: c.id, title: inLocale(locale, c.titleVi, c.titleEn) })),
    rows: matrix.rows.map((r) => ({ id: r.unit.id, code: r.unit.code, name: name(r.unit), depth: r.depth, cells: r.cells, total: r.total })),
    totals: { id: "total", code: "", name: t("hrReports.total"), depth: 0, cells: matrix.totals, total: matrix.grand },
    weekly: matrix.weekly,
    weeklySvg,
    bars,
    barsSvg,
  };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

function measure(counts: Counts, key: (typeof MEASURES)[number], lang: string) {
  if (key === "percent") {
    const p = completionPercent(counts);
    return p === null ? "—" : formatPercent(p, lang);
  }
  return formatNumber(counts[key], lang);
}

export default function ReportsPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { courses, rows, totals, search, options, weekly, weeklySvg, bars, barsSvg } = loaderData;
  const linkSearch = new URLSearchParams(search);
  linkSearch.delete("unit");
  const unitLink = (id: string) => `/reports/units/${id}${linkSearch.size ? `?${linkSearch}` : ""}`;
  const groupColumns = (key: string, header: string, get: (row: Row) => Counts): Column<Row>[] =>
    MEASURES.map((m) => ({
      key: `${key}-${m}`,
      group: { key, header },
      numeric: true,
      header: <abbr title={t(`hrReports.cols.${m}`)}>{t(`hrReports.short.${m}`)}</abbr>,
      cell: (row: Row) => measure(get(row), m, i18n.language),
    }));
  const columns: Column<Row>[] = [
    {
      key: "unit",
      header: t("hrReports.unit"),
      rowHeader: true,
      cell: (row) =>
        row.id === "total" ? (
          row.name
        ) : (
          <span className={`block min-w-48 ${["", "pl-4", "pl-8", "pl-12", "pl-16"][Math.min(row.depth, 4)]}`}>
            <Link to={unitLink(row.id)}>{row.name}</Link>
          </span>
        ),
    },
    ...courses.flatMap((c) => groupColumns(c.id, c.title, (row) => row.cells[c.id]!)),
    ...groupColumns("all", t("hrReports.allCourses"), (row) => row.total),
  ];
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="page-title">{t("hrReports.title")}</h1>
        <p>{t("hrReports.intro")}</p>
        <p className="flex flex-wrap gap-x-6 gap-y-1">
          <Link to="/reports/assignments">{t("assignments.title")}</Link>
          <Link to="/reports/certificates">{t("certificates.register.title")}</Link>
          <Link to="/reports/competences">{t("heatmap.link")}</Link>
        </p>
      </div>
      <ReportFilters options={options} clearTo="/reports" />
      <HowCounted />
      <section aria-labelledby="matrix-heading" className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="matrix-heading" className="text-xl font-semibold">
            {t("hrReports.matrixCaption")}
          </h2>
          <ExportLinks search={search} />
        </div>
        {courses.length === 0 ? (
          <p>{t("hrReports.noCourses")}</p>
        ) : (
          <DataTable
            labelledBy="matrix-heading"
            columns={columns}
            rows={rows}
            footer={rows.length ? [totals] : []}
            rowKey={(r) => r.id}
            empty={t("hrReports.noUnits")}
          />
        )}
      </section>
      <section aria-labelledby="charts-heading" className="space-y-4">
        <h2 id="charts-heading" className="text-xl font-semibold">
          {t("hrReports.charts")}
        </h2>
        <div className="grid gap-4">
          <Chart
            id="weekly"
            title={t("hrReports.weeklyTitle")}
            label={t("hrReports.weeklyLabel", {
              first: weekly[0]?.week ?? "",
              last: weekly[weekly.length - 1]?.week ?? "",
              total: weekly.reduce((n, w) => n + w.completions, 0),
            })}
            svg={weeklySvg}
            table={
              <DataTable
                caption={t("hrReports.weeklyTitle")}
                columns={[
                  { key: "week", header: t("hrReports.week"), rowHeader: true, cell: (w) => w.week },
                  { key: "n", header: t("hrReports.completions"), numeric: true, cell: (w) => w.completions },
                ]}
                rows={weekly}
                rowKey={(w) => w.week}
              />
            }
          />
          <Chart
            id="bars"
            title={t("hrReports.unitBarsTitle")}
            label={t("hrReports.unitBarsLabel", { count: bars.length })}
            svg={barsSvg}
            table={
              <DataTable
                caption={t("hrReports.unitBarsTitle")}
                columns={[
                  { key: "unit", header: t("hrReports.unit"), rowHeader: true, cell: (b) => b.name },
                  { key: "p", header: t("hrReports.cols.percent"), numeric: true, cell: (b) => formatPercent(b.percent, i18n.language) },
                ]}
                rows={bars}
                rowKey={(b) => b.id}
              />
            }
          />
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
