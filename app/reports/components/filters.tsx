import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import { FilterField, FilterSelect } from "~/ui/filter-field";
import { REPORT_STATUSES } from "~/reports/schemas";
import { dayInputValue } from "~/platform/days";
import { useDocumentHtml } from "~/platform/document-html";

export type FilterOptions = {
  units: { id: string; label: string; depth: number }[] | null;
  courses: { id: string; title: string }[];
  topics: string[];
  values: Partial<Record<"unit" | "course" | "topic" | "status" | "from" | "to", string>>;
};

function Select({ name, label, value, children }: { name: string; label: string; value?: string; children: ReactNode }) {
  return (
    <FilterSelect id={`f-${name}`} name={name} label={label} value={value} small>
      {children}
    </FilterSelect>
  );
}

/** The unit filter: every unit the asker may see, indented by depth, "all" first. */
export function UnitSelect({ units, value }: { units: NonNullable<FilterOptions["units"]>; value?: string }) {
  const { t } = useTranslation();
  return (
    <Select name="unit" label={t("hrReports.unit")} value={value}>
      <option value="">{t("hrReports.all")}</option>
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {"\u00a0\u00a0".repeat(u.depth)}
          {u.label}
        </option>
      ))}
    </Select>
  );
}

/** The job-title filter: the titles of the people the asker may see. */
export function JobTitleSelect({ titles, value, label }: { titles: readonly string[]; value?: string; label: string }) {
  const { t } = useTranslation();
  return (
    <FilterSelect id="f-job" name="jobTitle" label={label} value={value} small>
      <option value="">{t("hrReports.all")}</option>
      {titles.map((title) => (
        <option key={title} value={title}>
          {title}
        </option>
      ))}
    </FilterSelect>
  );
}

/**
 * The link to page `n` of a drill-down: its filters (`search`), the extra parameters the drill-down keeps, and the
 * page number from page 2 on (page 1 is the drill-down's plain URL).
 */
export function pageLink(search: string, n: number, extra: Record<string, string> = {}) {
  const params = new URLSearchParams(search);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  if (n > 1) params.set("page", String(n));
  else params.delete("page");
  return `?${params}`;
}

/** Previous / page n of m / next, for a drill-down's people (`link` makes the URL of a page). */
export function Pager({ page, pages, link }: { page: number; pages: number; link: (page: number) => string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("hrReports.pagination")} className="flex items-center gap-4">
      {page > 1 ? <Link to={link(page - 1)}>{t("hrReports.prev")}</Link> : null}
      <span>{t("hrReports.page", { page, pages })}</span>
      {page < pages ? <Link to={link(page + 1)}>{t("hrReports.next")}</Link> : null}
    </nav>
  );
}

/** The report filters as a plain GET form: the URL holds them, so a report can be bookmarked and works without JS. */
export function ReportFilters({ options, clearTo, extra }: { options: FilterOptions; clearTo: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  const v = options.values;
  return (
    <Form method="get" className="card" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="text-lg font-semibold">
        {t("hrReports.filters")}
      </h2>
      <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {options.units ? <UnitSelect units={options.units} value={v.unit} /> : null}
        <Select name="course" label={t("hrReports.course")} value={v.course}>
          <option value="">{t("hrReports.all")}</option>
          {options.courses.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </Select>
        <Select name="topic" label={t("hrReports.topic")} value={v.topic}>
          <option value="">{t("hrReports.all")}</option>
          {options.topics.map((topic) => (
            <option key={topic} value={topic}>
              {t(`topics.${topic}`, { defaultValue: topic })}
            </option>
          ))}
        </Select>
        <Select name="status" label={t("hrReports.status")} value={v.status}>
          <option value="">{t("hrReports.all")}</option>
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`hrReports.statuses.${s}`)}
            </option>
          ))}
        </Select>
        {(["from", "to"] as const).map((key) => (
          // Text, not a native date picker: its format follows the browser's language, not the app's.
          <FilterField key={key} id={`f-${key}`} label={t(`hrReports.${key}`)} small>
            <input
              id={`f-${key}`}
              type="text"
              name={key}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              placeholder={t("hrReports.dayPlaceholder")}
              defaultValue={v[key] ? dayInputValue(v[key]) : ""}
              className="field-input"
            />
          </FilterField>
        ))}
        {extra}
      </div>
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="submit" className="btn-primary">
          {t("hrReports.apply")}
        </button>
        <Link to={clearTo} className="btn-secondary">
          {t("hrReports.clear")}
        </Link>
      </div>
    </Form>
  );
}

/** Links to the same view as CSV and XLSX, with the same filters (`base`: the export route without its extension). */
export function ExportLinks({ search, base = "/reports/export" }: { search: string; base?: string }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-center gap-3" role="group" aria-label={t("hrReports.export")}>
      <a href={`${base}.csv?${search}`} className="btn-secondary" download>
        {t("hrReports.exportCsv")}
      </a>
      <a href={`${base}.xlsx?${search}`} className="btn-secondary" download>
        {t("hrReports.exportXlsx")}
      </a>
    </div>
  );
}

/** The "how numbers are counted" note, the same words on every report page. */
export function HowCounted() {
  const { t } = useTranslation();
  const items = ["counted", "completed", "progress", "overdue", "percent", "range", "scope"] as const;
  return (
    <details className="card text-sm">
      <summary className="cursor-pointer font-semibold">{t("hrReports.howCounted")}</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {items.map((key) => (
          <li key={key}>{t(`hrReports.howCountedItems.${key}`)}</li>
        ))}
      </ul>
    </details>
  );
}

/**
 * A server-rendered chart (inline SVG from Vega) with its label and a table of the same figures (static HTML). `chart`
 * is the loader's chartData: null when there is nothing to draw; its SVG and table are in the data on a client-side
 * navigation only, the document's render takes them from the server (app/platform/document-html.tsx), and hydration
 * keeps them while the page shows the filters the document came with.
 */
export function Chart({ id, title, label, chart }: { id: string; title: string; label: string; chart: { key: string; svg?: string; table?: string } | null }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const html = useDocumentHtml(search, chart !== null && chart.svg === undefined);
  const svg = html(chart?.key ?? id, chart?.svg ?? null);
  const table = html(`${chart?.key ?? id}-table`, chart?.table ?? null);
  return (
    <figure className="card space-y-3" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </figcaption>
      {chart ? (
        <>
          <div role="img" aria-label={label} className="[&>svg]:h-auto [&>svg]:max-w-full" dangerouslySetInnerHTML={{ __html: svg }} />
          <details>
            <summary className="cursor-pointer text-sm">{t("hrReports.chartTable")}</summary>
            <div dangerouslySetInnerHTML={{ __html: table }} />
          </details>
        </>
      ) : (
        <p>{t("hrReports.noCompletions")}</p>
      )}
    </figure>
  );
}
