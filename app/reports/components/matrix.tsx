import { useTranslation } from "react-i18next";
import { type Counts, completionPercent } from "~/reports/counts";
import { formatNumber, formatPercent } from "~/i18n/numbers";

/*
 * How a completion figure reads at a glance. Shades of one hue, lighter to darker as completion rises, so the order
 * survives printing in grey and colour-blind eyes; the figure itself is always written in the cell, dark on light.
 */
const BANDS = [
  { min: 100, className: "bg-brand-300" },
  { min: 75, className: "bg-brand-200" },
  { min: 50, className: "bg-brand-100" },
  { min: 25, className: "bg-brand-50" },
  { min: 0, className: "bg-white" },
] as const;

export function bandClass(percent: number | null) {
  if (percent === null) return "";
  return BANDS.find((b) => percent >= b.min)!.className;
}

/** The shade of a summary cell (its <td>'s class, so the shade fills the cell): by completion %, none when nobody is counted. */
export function completionCellClass(counts: Counts) {
  return bandClass(completionPercent(counts));
}

type T = ReturnType<typeof useTranslation>["t"];

/**
 * One matrix cell in the summary view: completion %, completed of counted, and the overdue when there are any. The
 * cell's shade is its <td>'s (completionCellClass): no box of its own. A function of the page's `t`, not a component
 * with its own useTranslation: a matrix has a cell per unit and course, and the hook was a good part of each one's cost.
 */
export function completionCell(counts: Counts, t: T, lang: string) {
  const percent = completionPercent(counts);
  if (percent === null)
    return (
      <>
        <span aria-hidden="true" className="text-stone-500">
          —
        </span>
        <span className="sr-only">{t("hrReports.nobodyCounted")}</span>
      </>
    );
  return (
    <>
      <div className="font-semibold">{formatPercent(percent, lang)}</div>
      <div className="text-xs text-stone-800">
        {t("hrReports.completedOf", { completed: formatNumber(counts.completed, lang), count: counts.counted, counted: formatNumber(counts.counted, lang) })}
      </div>
      {counts.overdue > 0 ? (
        <div className="text-xs font-semibold text-red-800">
          <span aria-hidden="true">▲ </span>
          {t("hrReports.overdueCount", { count: counts.overdue, n: formatNumber(counts.overdue, lang) })}
        </div>
      ) : null}
    </>
  );
}

/** A figure of the detailed view and the charts' tables: zeros step back so the numbers that matter stand out. */
export function figure(value: number, lang: string) {
  return value === 0 ? <span className="text-stone-500">{formatNumber(0, lang)}</span> : formatNumber(value, lang);
}

/** What the cells mean, shown next to the matrix (the shades, the figures, the abbreviations of the detailed view). */
export function MatrixLegend({ detailed }: { detailed: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="space-y-2 text-sm" id="matrix-legend">
      <p className="font-semibold">{t("hrReports.legend.title")}</p>
      {detailed ? (
        <dl className="flex flex-wrap gap-x-5 gap-y-1">
          {(["assigned", "completed", "inProgress", "notStarted", "overdue", "percent"] as const).map((m) => (
            <div key={m} className="flex gap-1">
              <dt className="font-semibold">{t(`hrReports.short.${m}`)}</dt>
              <dd>= {t(`hrReports.cols.${m}`)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <>
          <p>{t("hrReports.legend.summary")}</p>
          <ul className="flex flex-wrap gap-2" aria-label={t("hrReports.legend.shades")}>
            {[...BANDS].reverse().map((band, i, all) => {
              const next = all[i + 1];
              const label =
                band.min === 100
                  ? formatPercent(100, lang)
                  : `${formatPercent(band.min, lang)} – ${formatPercent((next?.min ?? 100) - 1, lang)}`;
              return (
                <li key={band.min} className={`rounded border border-stone-300 px-2 py-0.5 ${band.className}`}>
                  {label}
                </li>
              );
            })}
            <li className="rounded border border-stone-300 px-2 py-0.5">
              <span className="text-stone-500">—</span> {t("hrReports.nobodyCounted")}
            </li>
            <li className="px-2 py-0.5 font-semibold text-red-800">
              ▲ {t("hrReports.legend.overdue")}
            </li>
          </ul>
        </>
      )}
    </div>
  );
}

/** The headline figures of a report: what HR reads first. */
export function Headline({ counts }: { counts: Counts }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const percent = completionPercent(counts);
  const items = [
    { key: "assigned", value: formatNumber(counts.assigned, lang), note: t("hrReports.headline.assignedNote") },
    { key: "completed", value: formatNumber(counts.completed, lang), note: t("hrReports.headline.completedNote", { counted: formatNumber(counts.counted, lang) }) },
    { key: "overdue", value: formatNumber(counts.overdue, lang), note: t("hrReports.headline.overdueNote") },
    { key: "percent", value: percent === null ? "—" : formatPercent(percent, lang), note: t("hrReports.headline.percentNote") },
  ] as const;
  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading" className="sr-only">
        {t("hrReports.headline.title")}
      </h2>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {items.map((item) => (
          <div key={item.key} className={`card p-4! ${item.key === "overdue" && counts.overdue > 0 ? "border-l-4 border-l-red-700" : ""}`}>
            <dt className="text-sm font-semibold text-stone-700">{t(`hrReports.headline.${item.key}`)}</dt>
            <dd className="mt-1 text-3xl font-bold tabular-nums">{item.value}</dd>
            <dd className="mt-1 text-xs text-stone-700">{item.note}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
