import ExcelJS from "exceljs";
import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/register-export";
import { formatCode } from "~/certificates/code";
import { listRegister } from "~/certificates/register.server";
import { hrVisibleUnits } from "~/platform/org-scope.server";
import { inLocale } from "~/i18n";
import { getI18n } from "~/i18n/i18n.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { RegisterQuerySchema } from "~/certificates/schemas";
import { toCsv } from "~/platform/csv.server";

const ExportSchema = RegisterQuerySchema.extend({ format: z.enum(["csv", "xlsx"]) });

/** The register as filtered on the page, as CSV for Excel (BOM, formulas neutralised) or XLSX; same HR scope. */
export async function loader(args: Route.LoaderArgs) {
  const user = requireRole(args, "hr");
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const query = ExportSchema.safeParse(Object.fromEntries(args.url.searchParams));
  if (!query.success) throw data({ message: "validation.invalid" }, { status: 400 });
  const { format, status, course, q } = query.data;
  const rows = await listRegister(db, { status: status || undefined, course: course || undefined, q: q || undefined, units: await hrVisibleUnits(db, user) });
  const t = getI18n(locale).t;
  const header = [
    t("certificates.code"),
    t("certificates.register.person"),
    t("certificates.register.email"),
    t("certificates.register.unit"),
    t("certificates.course"),
    t("certificates.completedOn"),
    t("certificates.issuedOn"),
    t("certificates.validUntil"),
    t("certificates.status.label"),
    t("certificates.verify.revokedOn"),
  ];
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  const table = rows.map((r) => [
    formatCode(r.code),
    r.fullName,
    r.email,
    inLocale(locale, r.unit ?? "", r.unitEn),
    inLocale(locale, r.courseTitleVi, r.courseTitleEn),
    day(r.completedAt),
    day(r.issuedAt),
    day(r.validUntil),
    t(`certificates.status.${r.status}`),
    day(r.revokedAt),
  ]);
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === "csv") {
    return new Response(toCsv(header, table), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="certificates-${stamp}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Skillshelf";
  const sheet = workbook.addWorksheet(t("certificates.register.title").slice(0, 31));
  sheet.addRow(header).font = { bold: true };
  // Cells are written as text values, never formulas, whatever they start with.
  for (const row of table) sheet.addRow(row.map((cell) => cell ?? ""));
  sheet.columns.forEach((column) => {
    column.width = 22;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Response(new Uint8Array(buffer as ArrayBuffer), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="certificates-${stamp}.xlsx"`,
      "cache-control": "private, no-store",
    },
  });
}
