import { z } from "zod";
import { LIVE_KINDS } from "../../db/schema/live";
import { LIMITS } from "./limits";

export { LIMITS };

const text = (max: number, required = "validation.required") =>
  z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(max, { error: `validation.tooLong|${JSON.stringify({ max })}` });
const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());

export const SessionSchema = z.object({
  title: text(LIMITS.title),
  courseSlug: z.string().max(200).optional(),
  allowGuests: checkbox,
  showNames: checkbox,
  guestLinks: checkbox,
});
export type SessionInput = z.infer<typeof SessionSchema>;

/** One activity. The choices come one per line; their rules depend on the kind (checked in superRefine). */
export const ActivitySchema = z
  .object({
    kind: z.enum(LIVE_KINDS, { error: "validation.invalid" }),
    prompt: text(LIMITS.prompt),
    options: z.string().max(2000, { error: "validation.invalid" }).optional(),
    multiple: checkbox,
    scaleMax: z.coerce.number({ error: "validation.invalid" }).int().min(2, { error: "validation.invalid" }).max(10, { error: "validation.invalid" }).default(5),
    correct: z.string().max(100).optional(),
  })
  .transform((value, ctx) => {
    const options = (value.options ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    const needsOptions = value.kind === "poll" || value.kind === "quiz";
    if (needsOptions && (options.length < 2 || options.length > LIMITS.options)) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `live.errors.options|${JSON.stringify({ max: LIMITS.options })}` });
    }
    if (options.some((o) => o.length > LIMITS.option)) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `validation.tooLong|${JSON.stringify({ max: LIMITS.option })}` });
    }
    // The quiz's right answers: their numbers (1-based) separated by commas, e.g. "2" or "1, 3".
    const correct = (value.correct ?? "")
      .split(/[,\s]+/)
      .filter(Boolean)
      .map((n) => Number(n) - 1);
    if (value.kind === "quiz" && (correct.length === 0 || correct.some((n) => !Number.isInteger(n) || n < 0 || n >= options.length))) {
      ctx.addIssue({ code: "custom", path: ["correct"], message: "live.errors.correct" });
    }
    return {
      kind: value.kind,
      prompt: value.prompt,
      options: needsOptions ? options : [],
      multiple: value.kind === "poll" || value.kind === "quiz" ? value.multiple || (value.kind === "quiz" && correct.length > 1) : false,
      scaleMax: value.scaleMax,
      correct: value.kind === "quiz" ? [...new Set(correct)] : [],
    };
  });
export type ActivityInput = z.output<typeof ActivitySchema>;

export const JoinSchema = z.object({ code: z.string().max(20) });
export const NicknameSchema = z.object({ nickname: text(LIMITS.nickname, "live.errors.nickname") });
export const PostSchema = z.object({ body: text(LIMITS.post, "live.errors.postEmpty") });
export const WordSchema = z.object({ text: text(LIMITS.word, "live.errors.wordEmpty") });
export const AnswerSchema = z.object({ answer: z.string().trim().max(LIMITS.answer, { error: `validation.tooLong|${JSON.stringify({ max: LIMITS.answer })}` }) });
export const uuidParam = z.uuid();
