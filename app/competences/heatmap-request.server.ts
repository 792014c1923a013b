import { data, type RouterContextProvider } from "react-router";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { getI18n } from "~/i18n/i18n.server";
import { inLocale } from "~/i18n";
import { resolveReport } from "~/reports/views.server";
import { firstIssue } from "~/reports/schemas";
import { domainsOf, framework } from "./framework.server";
import { buildHeatmap } from "./heatmap.server";
import { findJobTitle, jobTitlesInScope } from "~/reports/job-titles.server";
import { HeatmapFiltersSchema } from "./schemas";

type Args = { request: Request; context: Readonly<RouterContextProvider>; url: URL };

/**
 * The start of the heatmap page and its exports: HR or admin only (403), the filters parsed from the URL (400 with
 * the reason), a unit outside the asker's scope — or one that does not exist — 404, then the figures.
 */
export async function heatmapRequest(args: Args) {
  const user = requireRole(args, "hr");
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const { t } = getI18n(locale);
  const parsed = HeatmapFiltersSchema.safeParse(Object.fromEntries(args.url.searchParams));
  if (!parsed.success) throw data({ message: firstIssue(parsed.error) }, { status: 400 });
  const asked = parsed.data;
  const catalogue = framework();
  const allDomains = domainsOf(catalogue, locale);
  if (asked.domain && !allDomains.some((d) => d.id === asked.domain)) throw data({ message: "competences.errors.domain" }, { status: 400 });
  // Only the unit filter can fail here (no course or topic is passed): a unit the asker may not see is not found.
  const resolved = await resolveReport(db, user, { unit: asked.unit });
  if (!resolved.ok) throw data({ reason: "not-found" }, { status: 404 });
  const ctx = resolved.ctx;
  const titles = await jobTitlesInScope(db, ctx.visible);
  // The title as listed (trimmed, any case: the reports' one rule), so the filter shows it chosen and the export names it.
  const jobTitle = asked.jobTitle ? findJobTitle(titles, asked.jobTitle) : undefined;
  if (asked.jobTitle && !jobTitle) throw data({ message: "competences.errors.jobTitle" }, { status: 400 });
  const filters = { ...asked, jobTitle };
  const heatmap = await buildHeatmap(db, ctx, { level: filters.level, source: filters.view, jobTitle: filters.jobTitle, now: new Date() });
  const domains = allDomains.filter((d) => !filters.domain || d.id === filters.domain);
  return {
    user,
    locale,
    t,
    ctx,
    filters,
    heatmap,
    domains,
    allDomains,
    jobTitles: titles,
    levels: catalogue.levels.map((l) => ({ level: l.level, name: l[locale] })),
    unitName: (u: { name: string; nameEn: string | null }) => inLocale(locale, u.name, u.nameEn),
  };
}
