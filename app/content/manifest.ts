import { z } from "zod";
import {
  COURSE_LEVELS,
  COURSE_TOPICS,
  competenceTargetSchema,
  contentIdSchema,
  quizPublicSchema,
} from "./schema";

// Shapes of what content:build writes to the cache directory and the app reads back
// (store.server.ts). Plain module: the build, the store and the DB sync all share it.

const langMap = <T extends z.ZodType>(value: T) => z.object({ vi: value.optional(), en: value.optional() });
const langs = z.array(z.enum(["vi", "en"]));

export const segmentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("html"), html: z.string() }),
  z.object({ kind: z.literal("quiz"), quizId: contentIdSchema }),
]);
export type Segment = z.infer<typeof segmentSchema>;

export const tocEntrySchema = z.object({ id: z.string(), text: z.string(), depth: z.union([z.literal(2), z.literal(3)]) });
export type TocEntry = z.infer<typeof tocEntrySchema>;

/** cacheDir/entries/<key>.json: everything a page needs to show one lesson or overview. */
export const lessonEntrySchema = z.object({
  segments: z.array(segmentSchema),
  toc: z.array(tocEntrySchema),
  quizzes: z.array(quizPublicSchema),
  plainText: z.string(),
  wordCount: z.int(),
});
export type LessonEntry = z.infer<typeof lessonEntrySchema>;

export const manifestQuizSchema = z.object({
  id: contentIdSchema,
  graded: z.boolean(),
  passMark: z.number(),
  /** Questions per attempt: the pool size, or all questions. */
  questionCount: z.int(),
  title: langMap(z.string()),
});
export type ManifestQuiz = z.infer<typeof manifestQuizSchema>;

export const manifestLessonSchema = z.object({
  slug: z.string(),
  order: z.int(),
  minutes: z.int(),
  title: langMap(z.string()),
  summary: langMap(z.string().nullable()),
  /** Entry key per language: cacheDir/entries/<key>.json and cacheDir/keys/<key>.json. */
  entries: langMap(z.string()),
  languages: langs,
  quizzes: z.array(manifestQuizSchema),
});
export type ManifestLesson = z.infer<typeof manifestLessonSchema>;

export const manifestCourseSchema = z.object({
  slug: z.string(),
  /** sha256 of every file in the course folder: changes whenever anything in the course does. */
  contentHash: z.string(),
  published: z.boolean(),
  topic: z.enum(COURSE_TOPICS),
  level: z.enum(COURSE_LEVELS),
  estimatedMinutes: z.int(),
  competences: z.array(competenceTargetSchema),
  owners: z.array(z.string()),
  validForMonths: z.int().nullable(),
  title: langMap(z.string()),
  summary: langMap(z.string()),
  overview: langMap(z.string()),
  languages: langs,
  /** A valid cover.svg is published at /content/<slug>/cover.svg (else the catalogue draws the topic's pattern). */
  cover: z.boolean().default(false),
  lessons: z.array(manifestLessonSchema),
});
export type ManifestCourse = z.infer<typeof manifestCourseSchema>;

export const manifestSchema = z.object({
  version: z.literal(1),
  compilerVersion: z.string(),
  builtAt: z.string(),
  courses: z.array(manifestCourseSchema),
  /** Last good entry key per source file (path relative to the content root). */
  files: z.record(z.string(), z.string()),
});
export type Manifest = z.infer<typeof manifestSchema>;
