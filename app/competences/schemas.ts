import { z } from "zod";
import { LEVELS, NOT_ASSESSED } from "./levels";

export { LEVELS, NOT_ASSESSED };

const levelAnswer = z
  .enum([NOT_ASSESSED, ...LEVELS.map(String)] as [string, ...string[]], { error: "competences.errors.level" })
  .transform((v) => (v === NOT_ASSESSED ? null : Number(v)));

/**
 * One domain's self-assessment form: the domain, then one radio group per competence of it (field `c1_1` for
 * competence 1.1). Any other field — a competence of another domain, an unknown id — makes the whole post a 400.
 */
export function selfAssessmentSchema(domainId: string, competenceFields: readonly string[]) {
  const shape: Record<string, z.ZodType> = { domain: z.literal(domainId) };
  for (const field of competenceFields) shape[field] = levelAnswer.optional();
  return z.strictObject(shape, { error: "competences.errors.unknownField" });
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const HEATMAP_SOURCES = ["certified", "self"] as const;
export type HeatmapSource = (typeof HEATMAP_SOURCES)[number];
export const DEFAULT_LEVEL = 2;

/** The heatmap's filters as they appear in the URL (a GET form), shared by the page and the exports. */
export const HeatmapFiltersSchema = z.object({
  unit: optional(z.uuid({ error: "hrReports.errors.unit" })),
  jobTitle: optional(z.string().max(200, { error: "competences.errors.jobTitle" })),
  domain: optional(z.string().regex(/^[0-9A-Za-z]{1,10}$/, { error: "competences.errors.domain" })),
  level: optional(z.coerce.number({ error: "competences.errors.level" }).int({ error: "competences.errors.level" }).min(1, { error: "competences.errors.level" }).max(8, { error: "competences.errors.level" })).transform(
    (v) => v ?? DEFAULT_LEVEL,
  ),
  view: optional(z.enum(HEATMAP_SOURCES, { error: "competences.errors.view" })).transform((v) => v ?? "certified"),
});
export type HeatmapFilters = z.infer<typeof HeatmapFiltersSchema>;

/** The filters back as URL parameters (only those that differ from the defaults). */
export function heatmapSearch(filters: HeatmapFilters, change: Partial<HeatmapFilters> = {}) {
  const f = { ...filters, ...change };
  const params = new URLSearchParams();
  if (f.unit) params.set("unit", f.unit);
  if (f.jobTitle) params.set("jobTitle", f.jobTitle);
  if (f.domain) params.set("domain", f.domain);
  if (f.level !== DEFAULT_LEVEL) params.set("level", String(f.level));
  if (f.view !== "certified") params.set("view", f.view);
  return params;
}
