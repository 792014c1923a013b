import type { Route } from "./+types/import-template";
import { importTemplate } from "~/people/staff-csv.server";
import { listOrgTree } from "~/people/org-units.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";

/** The CSV template of the staff import, in the admin's language, with unit codes of this organisation. */
export async function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  const locale = args.context.get(localeContext);
  const units = await listOrgTree(getDb(args.context));
  // Example rows in units below the root, where staff usually are.
  const codes = [...units.filter((u) => u.depth > 0), ...units].map((u) => u.code);
  return new Response(importTemplate(locale, codes), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${locale === "vi" ? "mau-nhap-can-bo" : "staff-import-template"}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
