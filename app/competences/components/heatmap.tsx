import { useTranslation } from "react-i18next";
import { formatPercent } from "~/platform/format";

/**
 * Five steps of one hue whose lightness falls with the share, so the order survives printing in grey; the text turns
 * white where the fill is dark (contrast ≥ 4.5:1 at every step), and every cell also prints its number.
 */
export const HEAT_STEPS = [
  { from: 0, className: "bg-sky-50 text-stone-900" },
  { from: 20, className: "bg-sky-100 text-stone-900" },
  { from: 40, className: "bg-sky-300 text-stone-900" },
  { from: 60, className: "bg-sky-700 text-white" },
  { from: 80, className: "bg-sky-900 text-white" },
] as const;

export function heatClass(percent: number | null) {
  if (percent === null) return "bg-white text-stone-600";
  let step: (typeof HEAT_STEPS)[number] = HEAT_STEPS[0];
  for (const s of HEAT_STEPS) if (percent >= s.from) step = s;
  return step.className;
}

export function HeatLegend() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <figure className="text-sm">
      <figcaption className="font-medium">{t("heatmap.legend")}</figcaption>
      <ul className="mt-1 flex flex-wrap gap-1">
        {HEAT_STEPS.map((s, i) => {
          const to = HEAT_STEPS[i + 1]?.from ?? 100;
          return (
            <li key={s.from} className={`rounded px-2 py-1 tabular-nums ${s.className}`}>
              {formatPercent(s.from, lang, 0)}–{formatPercent(to, lang, 0)}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
