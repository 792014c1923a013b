import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/heatmap";
import { type Column, DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FilterSelect } from "~/ui/filter-field";
import { ExportLinks, JobTitleSelect, UnitSelect } from "~/reports/components/filters";
import { heatClass, HeatLegend } from "~/competences/components/heatmap";
import { heatmapRequest } from "~/competences/heatmap-request.server";
import { type HeatmapCounts, share } from "~/competences/heatmap.server";
import { HEATMAP_SOURCES, heatmapSearch } from "~/competences/schemas";
import { formatNumber, formatPercent } from "~/platform/format";
import { title } from "~/i18n/meta";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches }) => title(matches, "heatmap.title");

export async function loader(args: Route.LoaderArgs) {
  const { t, ctx, filters, heatmap, domains, allDomains, jobTitles, levels, unitName } = await heatmapRequest(args);
  const ids = domains.flatMap((d) => d.competences.map((c) => c.id));
  const shares = (counts: HeatmapCounts) => Object.fromEntries(ids.map((id) => [id, share(counts, id)]));
  return {
    filters,
    search: heatmapSearch(filters).toString(),
    sourceLinks: HEATMAP_SOURCES.map((view) => ({ view, search: heatmapSearch(filters, { view }).toString() })),
    units: ctx.unitOptions.map((r) => ({ id: r.unit.id, label: `${unitName(r.unit)} (${r.unit.code})`, depth: r.depth })),
    jobTitles,
    levels,
    allDomains: allDomains.map((d) => ({ id: d.id, name: d.name })),
    domains,
    rows: heatmap.rows.map((r) => ({ id: r.unit.id, name: unitName(r.unit), code: r.unit.code, depth: r.depth, people: r.people, evidence: r.evidence, shares: shares(r) })),
    total: { id: "total", name: t("heatmap.total"), code: "", depth: 0, people: heatmap.total.people, evidence: heatmap.total.evidence, shares: shares(heatmap.total) },
  };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function HeatmapPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { filters, search, sourceLinks, units, jobTitles, levels, allDomains, domains, rows, total } = loaderData;
  const source = t(`heatmap.sources.${filters.view}`);
  const indent = ["", "pl-4", "pl-8", "pl-12", "pl-16"];
  const columns: Column<Row>[] = [
    {
      key: "unit",
      header: t("hrReports.unit"),
      rowHeader: true,
      cell: (r) => <span className={`block min-w-44 ${indent[Math.min(r.depth, 4)]}`}>{r.name}</span>,
    },
    { key: "people", header: t("heatmap.people"), numeric: true, cell: (r) => formatNumber(r.people, lang) },
    { key: "evidence", header: t(`heatmap.evidence.${filters.view}`), numeric: true, cell: (r) => formatNumber(r.evidence, lang) },
    ...domains.flatMap((d) =>
      d.competences.map(
        (c): Column<Row> => ({
          key: c.id,
          group: { key: d.id, header: <abbr title={d.name}>{t("heatmap.domain")} {d.id}</abbr> },
          numeric: true,
          header: <abbr title={c.name}>{c.id}</abbr>,
          cellClassName: (r) => `whitespace-nowrap border border-white ${heatClass(r.shares[c.id] ?? null)}`,
          cell: (r) => {
            const p = r.shares[c.id];
            return p === null || p === undefined ? t("heatmap.noPeople") : formatPercent(p, lang);
          },
        }),
      ),
    ),
  ];
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="page-title">{t("heatmap.title")}</h1>
        <p className="max-w-prose">{t("heatmap.intro")}</p>
        <p className="flex flex-wrap gap-x-6 gap-y-1">
          <Link to="/reports">{t("heatmap.backToReports")}</Link>
          <Link to="/competences">{t("competences.frameworkLink")}</Link>
        </p>
      </div>
      <nav aria-label={t("heatmap.sourceNav")} className="flex flex-wrap gap-2">
        {sourceLinks.map((l) => (
          <Link
            key={l.view}
            to={`/reports/competences${l.search ? `?${l.search}` : ""}`}
            aria-current={l.view === filters.view ? "page" : undefined}
            className={l.view === filters.view ? "btn-primary" : "btn-secondary"}
          >
            {t(`heatmap.sources.${l.view}`)}
          </Link>
        ))}
      </nav>
      <Form method="get" className="card" aria-labelledby="filters-heading">
        <h2 id="filters-heading" className="text-lg font-semibold">
          {t("hrReports.filters")}
        </h2>
        {filters.view !== "certified" ? <input type="hidden" name="view" value={filters.view} /> : null}
        <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <FilterSelect id="f-level" name="level" label={t("heatmap.level")} value={String(filters.level)} small>
            {levels.map((l) => (
              <option key={l.level} value={l.level}>
                {t("heatmap.levelOption", { level: l.level, name: l.name })}
              </option>
            ))}
          </FilterSelect>
          <UnitSelect units={units} value={filters.unit} />
          <JobTitleSelect titles={jobTitles} value={filters.jobTitle} label={t("heatmap.jobTitle")} />
          <FilterSelect id="f-domain" name="domain" label={t("heatmap.domain")} value={filters.domain} small>
            <option value="">{t("hrReports.all")}</option>
            {allDomains.map((d) => (
              <option key={d.id} value={d.id}>
                {t("competences.domain", { id: d.id, name: d.name })}
              </option>
            ))}
          </FilterSelect>
        </div>
        <div className="mt-4 flex flex-wrap gap-3">
          <button type="submit" className="btn-primary">
            {t("hrReports.apply")}
          </button>
          <Link to="/reports/competences" className="btn-secondary">
            {t("hrReports.clear")}
          </Link>
        </div>
      </Form>
      <details className="card text-sm">
        <summary className="cursor-pointer py-1 font-semibold">{t("heatmap.howCounted")}</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {(["people", "certified", "self", "share", "scope"] as const).map((key) => (
            <li key={key}>{t(`heatmap.howCountedItems.${key}`)}</li>
          ))}
        </ul>
      </details>
      <section aria-labelledby="heatmap-heading" className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="heatmap-heading" className="text-xl font-semibold">
            {t("heatmap.caption", { level: filters.level, source })}
          </h2>
          <ExportLinks search={search} base="/reports/competences/export" />
        </div>
        <HeatLegend />
        <DataTable
          labelledBy="heatmap-heading"
          columns={columns}
          rows={rows}
          footer={rows.length ? [total] : []}
          rowKey={(r) => r.id}
          empty={t("heatmap.noUnits")}
        />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
