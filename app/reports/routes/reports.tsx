import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/reports";
import { type Column, DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Chart, ExportLinks, HowCounted, ReportFilters } from "~/reports/components/filters";
import { completionCell, completionCellClass, figure, Headline, MatrixLegend } from "~/reports/components/matrix";
import { PeopleSearchForm } from "~/reports/components/people-search";
import { chartData, chartTable, recentWeeks, unitBarsSvg, weekLabel, weeklyChartSvg } from "~/reports/charts.server";
import { buildMatrix } from "~/reports/views.server";
import { buildProgrammeMatrix } from "~/reports/programmes.server";
import { programmePercent, type ProgrammeCounts } from "~/reports/counts";
import { type Counts, completionPercent, packCells, packCounts, unpackCounts } from "~/reports/counts";
import { inLocale } from "~/i18n";
import { filtersToSearch } from "~/reports/schemas";
import { title } from "~/i18n/meta";
import { filterOptions } from "~/reports/options.server";
import { reportRequest } from "~/reports/request.server";
import { formatDay, formatNumber, formatPercent } from "~/platform/format";
import { canActAsHr } from "~/platform/permissions";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches }) => title(matches, "hrReports.title");

const MEASURES = ["assigned", "completed", "inProgress", "notStarted", "overdue", "percent"] as const;

export async function loader(args: Route.LoaderArgs) {
  const { user, db, locale, t, ctx } = await reportRequest(args);
  const [matrix, programmeMatrix] = await Promise.all([buildMatrix(db, ctx), buildProgrammeMatrix(db, ctx)]);
  const name = (u: { name: string; nameEn: string | null }) => inLocale(locale, u.name, u.nameEn);
  const bars = matrix.rows
    .filter((r) => r.depth <= 1 && r.total.counted > 0)
    .slice(0, 30)
    .map((r) => ({ id: r.unit.id, name: `${name(r.unit)} (${r.unit.code})`, percent: completionPercent(r.total) ?? 0 }));
  // The weeks of the chosen date range (up to two years), else the last half-year up to today.
  const end = ctx.filters.to && ctx.filters.to < ctx.today ? ctx.filters.to : ctx.today;
  const span = ctx.filters.from ? Math.min(104, Math.floor((Date.parse(end) - Date.parse(ctx.filters.from)) / (7 * 86_400_000)) + 2) : 26;
  const weekly = recentWeeks(matrix.weekly, end, Math.max(1, span)).map((w) => ({ ...w, label: weekLabel(w.week, locale) }));
  const [weeklySvg, barsSvg] = await Promise.all([
    weeklyChartSvg(weekly, { x: t("hrReports.week"), y: t("hrReports.completions") }),
    unitBarsSvg(bars, { x: t("hrReports.cols.percent"), y: t("hrReports.unit") }),
  ]);
  const weeklyTotal = weekly.reduce((n, w) => n + w.completions, 0);
  // The charts' tables of figures: static HTML, made once per distinct input (no links or state in them).
  const weeklyTable = chartTable("reports-weekly", { locale, weekly }, () => (
    <DataTable
      caption={t("hrReports.weeklyTitle")}
      columns={[
        { key: "week", header: t("hrReports.week"), rowHeader: true, cell: (w) => formatDay(w.week, locale) },
        { key: "n", header: t("hrReports.completions"), numeric: true, cell: (w) => figure(w.completions, locale) },
      ]}
      rows={weekly}
      rowKey={(w) => w.week}
    />
  ));
  const barsTable = chartTable("reports-bars", { locale, bars }, () => (
    <DataTable
      caption={t("hrReports.unitBarsTitle")}
      columns={[
        { key: "unit", header: t("hrReports.unit"), rowHeader: true, cell: (b) => b.name },
        { key: "p", header: t("hrReports.cols.percent"), numeric: true, cell: (b) => formatPercent(b.percent, locale) },
      ]}
      rows={bars}
      rowKey={(b) => b.id}
    />
  ));
  return {
    detailed: args.url.searchParams.get("figures") === "all",
    // A manager reads the reports of their unit only; assigning and the certificate register are HR's.
    hrActions: canActAsHr(user),
    search: filtersToSearch(ctx.filters).toString(),
    options: filterOptions(ctx, locale),
    courses: ctx.courses.map((c) => ({ id: c.id, title: inLocale(locale, c.titleVi, c.titleEn) })),
    rows: matrix.rows.map((r) => ({ id: r.unit.id, code: r.unit.code, name: name(r.unit), depth: r.depth, cells: packCells(r.cells), total: packCounts(r.total) })),
    totals: { id: "total", code: "", name: t("hrReports.total"), depth: 0, cells: packCells(matrix.totals), total: packCounts(matrix.grand) },
    programmes: programmeMatrix.programmes.map((p) => ({ id: p.id, slug: p.slug, title: inLocale(locale, p.titleVi, p.titleEn) })),
    programmeRows: programmeMatrix.rows.map((r) => ({ id: r.unit.id, name: name(r.unit), depth: r.depth, cells: r.cells })),
    programmeTotals: { id: "total", name: t("hrReports.total"), depth: 0, cells: programmeMatrix.totals },
    weeklyTotal,
    weeklyLabel: t("hrReports.weeklyLabel", { first: weekly[0]?.label ?? "", last: weekly[weekly.length - 1]?.label ?? "", total: weeklyTotal }),
    weeklyChart: chartData(args, "reports-weekly", weeklySvg, weeklyTable),
    barsLabel: t("hrReports.unitBarsLabel", { count: bars.length }),
    barsChart: chartData(args, "reports-bars", barsSvg, barsTable),
  };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

function measure(counts: Counts, key: (typeof MEASURES)[number], lang: string) {
  if (key === "percent") {
    const p = completionPercent(counts);
    return p === null ? <span className="text-stone-500">—</span> : formatPercent(p, lang);
  }
  return figure(counts[key], lang);
}

export default function ReportsPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { courses, rows, totals, search, options, weeklyLabel, weeklyChart, barsLabel, barsChart, detailed } = loaderData;
  const linkSearch = new URLSearchParams(search);
  linkSearch.delete("unit");
  const unitLink = (id: string) => `/reports/units/${id}${linkSearch.size ? `?${linkSearch}` : ""}`;
  const figuresLink = (all: boolean) => {
    const params = new URLSearchParams(search);
    if (all) params.set("figures", "all");
    return `/reports${params.size ? `?${params}` : ""}`;
  };
  const summaryColumn = (key: string, header: string, get: (row: Row) => Counts): Column<Row> => ({
    key,
    header: <span className="block min-w-28">{header}</span>,
    cellClassName: (row: Row) => completionCellClass(get(row)),
    cell: (row: Row) => completionCell(get(row), t, i18n.language),
  });
  const groupColumns = (key: string, header: string, get: (row: Row) => Counts): Column<Row>[] =>
    !detailed ? [summaryColumn(key, header, get)] : MEASURES.map((m) => ({
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
    ...courses.flatMap((c) => groupColumns(c.id, c.title, (row) => unpackCounts(row.cells[c.id]!))),
    ...groupColumns("all", t("hrReports.allCourses"), (row) => unpackCounts(row.total)),
  ];
  type ProgrammeRow = (typeof loaderData.programmeRows)[number];
  const programmeMeasure = (c: ProgrammeCounts, m: "counted" | "completed" | "overdue" | "percent") => {
    if (m !== "percent") return formatNumber(c[m], i18n.language);
    const p = programmePercent(c);
    return p === null ? "—" : formatPercent(p, i18n.language);
  };
  const programmeColumns: Column<ProgrammeRow>[] = [
    {
      key: "unit",
      header: t("hrReports.unit"),
      rowHeader: true,
      cell: (row) => <span className={`block min-w-48 ${["", "pl-4", "pl-8", "pl-12", "pl-16"][Math.min(row.depth, 4)]}`}>{row.name}</span>,
    },
    ...loaderData.programmes.flatMap((p) =>
      (["counted", "completed", "overdue", "percent"] as const).map((m) => ({
        key: `${p.id}-${m}`,
        // The programme's name opens its drill-down (the whole scope); a unit's "following" figure, that unit's.
        group: { key: p.id, header: <Link to={`/reports/programmes/${p.slug}`}>{p.title}</Link> },
        numeric: true,
        header: t(`hrReports.programmeCols.${m}`),
        cell: (row: ProgrammeRow) =>
          m === "counted" && row.id !== "total" && row.cells[p.id]!.counted > 0 ? (
            <Link
              to={`/reports/programmes/${p.slug}?unit=${row.id}`}
              aria-label={t("hrReports.programme.open", { programme: `${p.title}, ${row.name}` })}
            >
              {programmeMeasure(row.cells[p.id]!, m)}
            </Link>
          ) : (
            programmeMeasure(row.cells[p.id]!, m)
          ),
      })),
    ),
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <h1 className="page-title">{t("hrReports.title")}</h1>
          <p>{t("hrReports.intro")}</p>
          {loaderData.hrActions ? (
            <p className="flex flex-wrap gap-x-6 gap-y-1">
              <Link to="/reports/assignments">{t("assignments.title")}</Link>
              <Link to="/reports/certificates">{t("certificates.register.title")}</Link>
              <Link to="/reports/competences">{t("heatmap.link")}</Link>
            </p>
          ) : null}
        </div>
        <PeopleSearchForm />
      </div>
      <Headline counts={unpackCounts(totals.total)} />
      <ReportFilters options={options} clearTo="/reports" />
      <HowCounted />
      <section aria-labelledby="matrix-heading" className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="matrix-heading" className="text-xl font-semibold">
            {t("hrReports.matrixCaption")}
          </h2>
          <ExportLinks search={search} />
        </div>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <MatrixLegend detailed={detailed} />
          <Link to={figuresLink(!detailed)} className="text-sm">
            {detailed ? t("hrReports.showSummary") : t("hrReports.showAllFigures")}
          </Link>
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
      {loaderData.programmes.length ? (
        <section aria-labelledby="programmes-heading" className="card space-y-3">
          <h2 id="programmes-heading" className="text-xl font-semibold">
            {t("hrReports.programmesCaption")}
          </h2>
          <DataTable
            labelledBy="programmes-heading"
            columns={programmeColumns}
            rows={loaderData.programmeRows}
            footer={loaderData.programmeRows.length ? [loaderData.programmeTotals] : []}
            rowKey={(r) => r.id}
            empty={t("hrReports.noUnits")}
          />
        </section>
      ) : null}
      <section aria-labelledby="charts-heading" className="space-y-4">
        <h2 id="charts-heading" className="text-xl font-semibold">
          {t("hrReports.charts")}
        </h2>
        <div className="grid gap-4">
          <Chart id="weekly" title={t("hrReports.weeklyTitle")} label={weeklyLabel} chart={weeklyChart} />
          <Chart id="bars" title={t("hrReports.unitBarsTitle")} label={barsLabel} chart={barsChart} />
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
