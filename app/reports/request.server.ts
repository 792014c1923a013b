import { data, type RouterContextProvider } from "react-router";
import { drillUnitIds, reportUnitIds, resolveReport, unitVisible } from "./views.server";
import { findJobTitle, jobTitlesInScope } from "./job-titles.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { getI18n } from "~/i18n/i18n.server";
import { firstIssue, ProgrammeQuerySchema, ReportFiltersSchema } from "./schemas";

type Args = { request: Request; context: Readonly<RouterContextProvider>; url: URL };

/**
 * The start of every report loader and export: HR, a unit's manager (their unit only) or admin (403 otherwise), the filters parsed from the
 * URL and checked against what exists and what the asker may see (400 with the reason otherwise).
 */
export async function reportRequest(args: Args, options: { ignoreFilters?: boolean; ignoreUnit?: boolean } = {}) {
  const user = requireRole(args, "hr", "manager");
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const parsed = ReportFiltersSchema.safeParse(options.ignoreFilters ? {} : Object.fromEntries(args.url.searchParams));
  if (!parsed.success) throw data({ message: firstIssue(parsed.error) }, { status: 400 });
  const filters = options.ignoreUnit ? { ...parsed.data, unit: undefined } : parsed.data;
  const resolved = await resolveReport(db, user, filters);
  if (!resolved.ok) throw data({ message: resolved.message }, { status: 400 });
  return { user, db, locale, t: getI18n(locale).t, ctx: resolved.ctx };
}

export function notFound(): never {
  throw data({ reason: "not-found" }, { status: 404 });
}

/**
 * The start of the programme drill-down and its export: a report request, then the programme (published, by slug
 * or id: 404 otherwise), the unit (outside the asker's scope or unknown: 404), sub-units or not, and a job title
 * among those of the people in scope (400 otherwise).
 */
export async function programmeRequest(args: Args, find: { slug: string } | { id: string }) {
  const report = await reportRequest(args, { ignoreFilters: true });
  const { db, ctx } = report;
  const programme = ctx.programmes.find((p) => ("slug" in find ? p.slug === find.slug : p.id === find.id));
  if (!programme) notFound();
  const parsed = ProgrammeQuerySchema.safeParse(Object.fromEntries(args.url.searchParams));
  if (!parsed.success) throw data({ message: firstIssue(parsed.error) }, { status: 400 });
  const { unit, descendants, page } = parsed.data;
  if (unit && !unitVisible(ctx, unit)) notFound();
  const jobTitles = await jobTitlesInScope(db, ctx.visible);
  // The title as listed (the filter shows it chosen, the links carry it), whatever spaces and case were asked.
  const jobTitle = parsed.data.jobTitle ? findJobTitle(jobTitles, parsed.data.jobTitle) : undefined;
  if (parsed.data.jobTitle && !jobTitle) throw data({ message: "hrReports.errors.jobTitle" }, { status: 400 });
  const unitIds = unit ? drillUnitIds(ctx, unit, descendants) : reportUnitIds(ctx);
  return { ...report, programme, jobTitles, page, query: { unitId: unit, descendants, jobTitle, unitIds } };
}
