import { z } from "zod";

export const LEARNER_SORTS = ["name", "progress", "started", "activity"] as const;

export const InsightQuerySchema = z.object({
  sort: z.enum(LEARNER_SORTS, { error: "validation.invalid" }).default("progress"),
  dir: z.enum(["asc", "desc"], { error: "validation.invalid" }).default("desc"),
});
export type InsightQuery = z.infer<typeof InsightQuerySchema>;
