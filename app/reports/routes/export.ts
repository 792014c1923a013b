import { data } from "react-router";
import type { Route } from "./+types/export";
import { csvResponse, matrixTable, personTable, programmeTable, unitTable, xlsxResponse } from "~/reports/export.server";
import { personReport, unitVisible } from "~/reports/views.server";
import { ExportQuerySchema, firstIssue, UnitQuerySchema } from "~/reports/schemas";
import { notFound, programmeRequest, reportRequest } from "~/reports/request.server";

/** /reports/export.csv and /reports/export.xlsx: any report view (?view=matrix|unit|person|programme&id=…) with the page's filters. */
export async function loader(args: Route.LoaderArgs) {
  const format = args.url.pathname.endsWith(".xlsx") ? "xlsx" : "csv";
  const query = ExportQuerySchema.safeParse(Object.fromEntries(args.url.searchParams));
  if (!query.success) throw data({ message: firstIssue(query.error) }, { status: 400 });
  const { view, id } = query.data;
  if (view !== "matrix" && !id) throw data({ message: "validation.invalid" }, { status: 400 });
  if (view === "programme") {
    const { user, t, locale, db, ctx, programme, query: q } = await programmeRequest(args, { id: id! });
    const table = await programmeTable(db, ctx, programme, q, user, { t, locale });
    return format === "xlsx" ? xlsxResponse(table, ctx.today) : csvResponse(table, ctx.today);
  }
  const { user, db, locale, t, ctx } = await reportRequest(args, { ignoreUnit: view === "unit", ignoreFilters: view === "person" });
  const lang = { t, locale };
  let table;
  if (view === "matrix") {
    table = await matrixTable(db, ctx, user, lang);
  } else if (view === "unit") {
    if (!unitVisible(ctx, id!)) notFound();
    const unitQuery = UnitQuerySchema.safeParse(Object.fromEntries(args.url.searchParams));
    if (!unitQuery.success) throw data({ message: firstIssue(unitQuery.error) }, { status: 400 });
    table = unitTable(db, ctx, id!, unitQuery.data.descendants, user, lang, ctx.programmes);
  } else {
    const report = await personReport(db, ctx, id!);
    if (!report) notFound();
    table = personTable(report, user, lang);
  }
  return format === "xlsx" ? xlsxResponse(table, ctx.today) : csvResponse(table, ctx.today);
}
