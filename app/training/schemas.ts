import { z } from "zod";
import { parseDayInput } from "~/platform/days";

/** A calendar day written YYYY-MM-DD that exists (no 31 February). */
export function isRealDay(value: string) {
  return parseDayInput(value) === value;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `validation.tooLong|{"max":${max}}` })
    .optional()
    .transform((v) => (v ? v : undefined));

const checkbox = z
  .union([z.literal("on"), z.literal("true")])
  .optional()
  .transform((v) => v !== undefined);

/** Everything an assignment's form asks; course and people are checked against the database afterwards. */
const target = {
  orgUnitId: z.uuid({ error: "validation.invalid" }).optional(),
  includeDescendants: checkbox,
  jobTitle: optionalText(120),
  people: z.array(z.uuid({ error: "validation.invalid" })).max(500).default([]),
  // Typed as DD/MM/YYYY (or YYYY-MM-DD); stored as YYYY-MM-DD.
  dueOn: z.preprocess(
    (v) => (typeof v === "string" ? (parseDayInput(v) ?? v.trim()) : v),
    z.string({ error: "validation.required" }).refine(isRealDay, { error: "assignments.errors.dueOn" }),
  ),
  daysForNewcomers: z.coerce
    .number({ error: "assignments.errors.days" })
    .int({ error: "assignments.errors.days" })
    .min(1, { error: "assignments.errors.days" })
    .max(365, { error: "assignments.errors.days" })
    .default(30),
  recertify: checkbox,
  note: optionalText(500),
};

const needsTarget = (value: { orgUnitId?: string; jobTitle?: string; people: string[] }) =>
  Boolean(value.orgUnitId || value.jobTitle || value.people.length);
const targetIssue = { error: "assignments.errors.noTarget", path: ["orgUnitId"] };

/** The form's one "course or programme" select: a course id, or `programme:<id>` (see subjectOf). */
const SUBJECT = /^(programme:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
export function subjectOf(value: string): { courseId: string; programmeId: null } | { courseId: null; programmeId: string } {
  const [, programme, id] = SUBJECT.exec(value) ?? [];
  if (!id) throw new Error("not a subject: the schema checks it");
  return programme ? { courseId: null, programmeId: id.toLowerCase() } : { courseId: id.toLowerCase(), programmeId: null };
}

export const AssignmentSchema = z
  .object({ courseId: z.string({ error: "assignments.errors.course" }).regex(SUBJECT, { error: "assignments.errors.course" }), ...target })
  .refine(needsTarget, targetIssue);
export type AssignmentInput = z.infer<typeof AssignmentSchema>;

/** The course of an assignment never changes (its history is about that course). */
export const AssignmentEditSchema = z.object(target).refine(needsTarget, targetIssue);
export type AssignmentEditInput = z.infer<typeof AssignmentEditSchema>;

export type AssignmentTarget = Pick<AssignmentInput, "orgUnitId" | "includeDescendants" | "jobTitle" | "people">;
