import { data, type RouterContextProvider } from "react-router";
import { resolveReport } from "./views.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { getI18n } from "~/i18n/i18n.server";
import { firstIssue, ReportFiltersSchema } from "./schemas";

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
