import { z } from "zod";
import { parseDayInput } from "~/platform/days";

export const REPORT_STATUSES = ["assigned", "overdue", "completed", "in_progress", "not_started"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** An empty form field means "no filter". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

// Typed as DD/MM/YYYY in the form (or YYYY-MM-DD, as links and bookmarks carry it); YYYY-MM-DD after parsing.
const isoDate = z.preprocess((v) => (typeof v === "string" ? (parseDayInput(v) ?? v) : v), z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "hrReports.errors.date" })
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, { error: "hrReports.errors.date" }));

/** The report filters as they appear in the URL (a GET form), shared by the pages and the exports. */
export const ReportFiltersSchema = z
  .object({
    unit: optional(z.uuid({ error: "hrReports.errors.unit" })),
    course: optional(z.uuid({ error: "hrReports.errors.course" })),
    topic: optional(z.string().max(60, { error: "hrReports.errors.topic" })),
    status: optional(z.enum(REPORT_STATUSES, { error: "hrReports.errors.status" })),
    from: optional(isoDate),
    to: optional(isoDate),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { error: "hrReports.errors.range", path: ["to"] });
export type ReportFilters = z.infer<typeof ReportFiltersSchema>;

/** The unit drill-down adds whether sub-units are included and a page number. */
export const UnitQuerySchema = z.object({
  descendants: optional(z.enum(["0", "1"], { error: "validation.invalid" })).transform((v) => v !== "0"),
  page: optional(z.coerce.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).min(1).max(100_000)).transform((v) => v ?? 1),
});

/**
 * The programme drill-down: a unit (± sub-units), a job title and a page. The unit is checked against the asker's
 * scope by the route (404), like a unit drill-down's.
 */
export const ProgrammeQuerySchema = UnitQuerySchema.extend({
  unit: optional(z.uuid({ error: "hrReports.errors.unit" })),
  jobTitle: optional(z.string().max(200, { error: "hrReports.errors.jobTitle" })),
});

export const EXPORT_VIEWS = ["matrix", "unit", "person", "programme"] as const;
export const ExportQuerySchema = z.object({
  view: optional(z.enum(EXPORT_VIEWS, { error: "validation.invalid" })).transform((v) => v ?? "matrix"),
  id: optional(z.uuid({ error: "validation.invalid" })),
});

/** The filters back as URL parameters (only those set), for links, exports and drill-downs. */
export function filtersToSearch(filters: Partial<Record<string, string | undefined>>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return params;
}

/** The first validation message, as an i18n key for the 400 page. */
export function firstIssue(error: z.ZodError) {
  const message = error.issues[0]?.message;
  return message && /^[a-zA-Z]+\.[\w.]+$/.test(message) ? message : "validation.invalid";
}
