import { z } from "zod";

// Shared by the content pipeline (build time) and the app (read time): plain module, no Node APIs.

import { COURSE_LEVELS, COURSE_TOPICS } from "./taxonomy";

export { CONTENT_LANGS, COURSE_LEVELS, COURSE_TOPICS } from "./taxonomy";
export type { CourseLevel, CourseTopic, Lang, LangMap } from "./taxonomy";

const text = z.string().trim().min(1);
const positiveInt = z.int().positive();

// ---------------------------------------------------------------------------------------------
// Frontmatter

export const competenceTargetSchema = z.strictObject({
  id: text,
  level: z.int().min(1).max(8),
});

export const courseFrontmatterSchema = z.strictObject({
  title: text,
  summary: text.max(300),
  topic: z.enum(COURSE_TOPICS),
  level: z.enum(COURSE_LEVELS),
  estimatedMinutes: positiveInt,
  competences: z.array(competenceTargetSchema).min(1),
  owners: z.array(z.email()).min(1),
  published: z.boolean(),
  /** Certificates for this course expire after this many months; absent = never. */
  validForMonths: positiveInt.optional(),
  translationMissing: z.literal(true).optional(),
});
export type CourseFrontmatter = z.infer<typeof courseFrontmatterSchema>;

/** course.en.mdx: everything but title and summary comes from the Vietnamese file. */
export const courseTranslationFrontmatterSchema = z.strictObject({
  title: text,
  summary: text.max(300),
});
export type CourseTranslationFrontmatter = z.infer<typeof courseTranslationFrontmatterSchema>;

export const lessonFrontmatterSchema = z.strictObject({
  title: text,
  minutes: positiveInt,
  summary: text.optional(),
  /** A review lesson teaches nothing new (it recaps and may hold the final): a final quiz need not test it. */
  review: z.literal(true).optional(),
  /** Acknowledges that the other language's file is deliberately absent. */
  translationMissing: z.literal(true).optional(),
});
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;


// ---------------------------------------------------------------------------------------------
// Quiz attributes as written in MDX (validated element by element while extracting)

/** Quiz, question, choice, pair and item ids: ASCII, identical in both languages. */
export const contentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "must be ASCII letters, digits, - or _");

export const SHOW_ANSWERS = ["after-attempt", "after-pass", "after-last-attempt", "never"] as const;
export type ShowAnswers = (typeof SHOW_ANSWERS)[number];

export const QUESTION_TYPES = [
  "single",
  "multiple",
  "true-false",
  "matching",
  "short",
  "numeric",
  "ordering",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const quizAttributesSchema = z.strictObject({
  id: contentIdSchema,
  title: text,
  graded: z.boolean().default(false),
  passMark: z.number().min(0).max(100),
  /** 0 or absent = unlimited. */
  attempts: z.int().min(0).optional(),
  waitMinutes: z.int().min(0).default(0),
  /** Number of questions drawn per attempt; absent = all. */
  pool: positiveInt.optional(),
  /** Absent: practice checks shuffle, graded quizzes keep the written order (see remark-quiz). */
  shuffle: z.boolean().optional(),
  showAnswers: z.enum(SHOW_ANSWERS).default("after-attempt"),
});

/** lesson="3" or lesson="kinds-of-library-data": the lesson a (final quiz) question tests. */
export const lessonRefSchema = z.union([z.int().positive(), z.string().regex(/^[a-z0-9-]+$/, "must be a lesson number or slug")]);

const questionBase = { id: contentIdSchema, points: z.number().positive().default(1), lesson: lessonRefSchema.optional() };

export const questionAttributesSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...questionBase, type: z.literal("single") }),
  z.strictObject({
    ...questionBase,
    type: z.literal("multiple"),
    partialCredit: z.boolean().default(false),
  }),
  z.strictObject({ ...questionBase, type: z.literal("true-false"), answer: z.boolean() }),
  z.strictObject({ ...questionBase, type: z.literal("matching") }),
  z.strictObject({
    ...questionBase,
    type: z.literal("short"),
    ignoreCase: z.boolean().default(false),
    ignoreDiacritics: z.boolean().default(false),
  }),
  z.strictObject({
    ...questionBase,
    type: z.literal("numeric"),
    answer: z.number(),
    tolerance: z.number().min(0).default(0),
  }),
  z.strictObject({ ...questionBase, type: z.literal("ordering") }),
]);

export const choiceAttributesSchema = z.strictObject({
  id: contentIdSchema,
  correct: z.boolean().default(false),
});
export const pairAttributesSchema = z.strictObject({ id: contentIdSchema, left: text, right: text });
export const itemAttributesSchema = z.strictObject({ id: contentIdSchema });
export const emptyAttributesSchema = z.strictObject({});

// ---------------------------------------------------------------------------------------------
// Quiz specification: the full answer key, server-only (cacheDir/keys)

const quizSettingsShape = {
  id: contentIdSchema,
  title: z.string(),
  graded: z.boolean(),
  passMark: z.number(),
  /** null = unlimited */
  attempts: z.int().positive().nullable(),
  waitMinutes: z.int().min(0),
  /** null = every question, every attempt */
  pool: z.int().positive().nullable(),
  shuffle: z.boolean(),
  showAnswers: z.enum(SHOW_ANSWERS),
};

const specQuestionBase = {
  id: contentIdSchema,
  points: z.number().positive(),
  /** Plain text of the prompt. */
  prompt: z.string(),
  /** The prompt with inline formatting only (strong, em, code), HTML-escaped. */
  promptHtml: z.string(),
  explanation: z.string().nullable(),
  /** The lesson it tests, as written (number or slug); null or absent when not said. */
  lesson: z.string().nullable().optional(),
  line: z.int(),
};

const choiceSpecSchema = z.object({ id: contentIdSchema, text: z.string(), correct: z.boolean() });

export const questionSpecSchema = z.discriminatedUnion("type", [
  z.object({ ...specQuestionBase, type: z.literal("single"), choices: z.array(choiceSpecSchema) }),
  z.object({
    ...specQuestionBase,
    type: z.literal("multiple"),
    partialCredit: z.boolean(),
    choices: z.array(choiceSpecSchema),
  }),
  z.object({ ...specQuestionBase, type: z.literal("true-false"), answer: z.boolean() }),
  z.object({
    ...specQuestionBase,
    type: z.literal("matching"),
    // rightId is the opaque id the learner sees for `right`; grading maps it back to the pair.
    pairs: z.array(z.object({ id: contentIdSchema, left: z.string(), right: z.string(), rightId: z.string() })),
  }),
  z.object({
    ...specQuestionBase,
    type: z.literal("short"),
    accept: z.array(z.string()),
    ignoreCase: z.boolean(),
    ignoreDiacritics: z.boolean(),
  }),
  z.object({
    ...specQuestionBase,
    type: z.literal("numeric"),
    answer: z.number(),
    tolerance: z.number(),
  }),
  z.object({
    ...specQuestionBase,
    type: z.literal("ordering"),
    /** In the correct order; publicId is the opaque id the learner sees. */
    items: z.array(z.object({ id: contentIdSchema, text: z.string(), publicId: z.string() })),
  }),
]);
export type QuestionSpec = z.infer<typeof questionSpecSchema>;

export const quizSpecSchema = z.object({
  ...quizSettingsShape,
  line: z.int(),
  questions: z.array(questionSpecSchema),
});
export type QuizSpec = z.infer<typeof quizSpecSchema>;

// ---------------------------------------------------------------------------------------------
// Public quiz: what the browser may see. No correct flags, accepted answers, explanations,
// numeric answers, and no trace of the correct order (opaque ids, sorted by hash).

const publicOption = z.object({ id: z.string(), text: z.string() });
const publicQuestionBase = {
  id: contentIdSchema,
  points: z.number(),
  prompt: z.string(),
  promptHtml: z.string(),
};

export const questionPublicSchema = z.discriminatedUnion("type", [
  z.object({ ...publicQuestionBase, type: z.literal("single"), choices: z.array(publicOption) }),
  z.object({
    ...publicQuestionBase,
    type: z.literal("multiple"),
    partialCredit: z.boolean(),
    choices: z.array(publicOption),
  }),
  z.object({ ...publicQuestionBase, type: z.literal("true-false") }),
  z.object({
    ...publicQuestionBase,
    type: z.literal("matching"),
    left: z.array(publicOption),
    right: z.array(publicOption),
  }),
  z.object({ ...publicQuestionBase, type: z.literal("short") }),
  z.object({ ...publicQuestionBase, type: z.literal("numeric") }),
  z.object({ ...publicQuestionBase, type: z.literal("ordering"), items: z.array(publicOption) }),
]);
export type QuestionPublic = z.infer<typeof questionPublicSchema>;

export const quizPublicSchema = z.object({
  ...quizSettingsShape,
  questions: z.array(questionPublicSchema),
});
export type QuizPublic = z.infer<typeof quizPublicSchema>;

export const fileFrontmatterSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("course"), data: courseFrontmatterSchema }),
  z.object({ kind: z.literal("course-translation"), data: courseTranslationFrontmatterSchema }),
  z.object({ kind: z.literal("lesson"), data: lessonFrontmatterSchema }),
]);
export type FileFrontmatter = z.infer<typeof fileFrontmatterSchema>;
