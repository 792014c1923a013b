import type { Route } from "./+types/export";
import { liveCsv, liveXlsx, resultRows } from "~/live/export.server";
import { trainerSessionRequest } from "~/live/trainer-request.server";
import { getI18n } from "~/i18n/i18n.server";
import { localeContext } from "~/platform/context";

/** /trainer/live/:id/export.csv and .xlsx: every activity's results, a row per choice, step, word or post. */
export async function loader(args: Route.LoaderArgs) {
  const { db, found } = await trainerSessionRequest(args);
  const { t } = getI18n(args.context.get(localeContext));
  const table = await resultRows(db, found, t);
  return args.url.pathname.endsWith(".xlsx") ? liveXlsx(found.session.code, found.session.title, table) : liveCsv(found.session.code, table);
}
