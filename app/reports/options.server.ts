import type { FilterOptions } from "~/reports/components/filters";
import type { ReportContext } from "./views.server";
import { inLocale, type Locale } from "~/i18n";

/** What the filter form offers: the units the asker may see (tree order), published courses and topics. */
export function filterOptions(ctx: ReportContext, locale: Locale, withUnits = true): FilterOptions {
  const f = ctx.filters;
  return {
    units: withUnits
      ? ctx.unitOptions.map((r) => ({ id: r.unit.id, label: `${inLocale(locale, r.unit.name, r.unit.nameEn)} (${r.unit.code})`, depth: r.depth }))
      : null,
    courses: ctx.allCourses.map((c) => ({ id: c.id, title: inLocale(locale, c.titleVi, c.titleEn) })),
    topics: ctx.topics,
    values: { unit: f.unit, course: f.course, topic: f.topic, status: f.status, from: f.from, to: f.to },
  };
}
