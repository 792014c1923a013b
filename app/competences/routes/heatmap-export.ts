import type { Route } from "./+types/heatmap-export";
import { csvResponse, xlsxResponse } from "~/reports/export.server";
import { heatmapTable } from "~/competences/export.server";
import { heatmapRequest } from "~/competences/heatmap-request.server";

/** /reports/competences/export.csv and .xlsx: the heatmap with the page's filters, streamed. */
export async function loader(args: Route.LoaderArgs) {
  const format = args.url.pathname.endsWith(".xlsx") ? "xlsx" : "csv";
  const request = await heatmapRequest(args);
  const table = heatmapTable(request);
  return format === "xlsx" ? xlsxResponse(table, request.ctx.today) : csvResponse(table, request.ctx.today);
}
