import path from "node:path";
import { expect, test } from "vitest";
import { findCompetence, loadCompetences, readCompetences } from "../../../app/content/competences.server";
import {
  COURSE_TOPICS,
  courseFrontmatterSchema,
  lessonFrontmatterSchema,
  questionAttributesSchema,
  quizAttributesSchema,
} from "../../../app/content/schema";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

const course = {
  title: "Khóa học",
  summary: "Tóm tắt.",
  topic: "ai",
  level: "beginner",
  estimatedMinutes: 90,
  competences: [{ id: "6.1", level: 3 }],
  owners: ["trainer@skillshelf.local"],
  published: true,
};

test("course frontmatter is strict: unknown keys, bad enums and bad owners fail", () => {
  expect(courseFrontmatterSchema.safeParse(course).success).toBe(true);
  expect(courseFrontmatterSchema.safeParse({ ...course, validForMonths: 24 }).success).toBe(true);
  expect(courseFrontmatterSchema.safeParse({ ...course, colour: "red" }).success).toBe(false);
  expect(courseFrontmatterSchema.safeParse({ ...course, topic: "robotics" }).success).toBe(false);
  expect(courseFrontmatterSchema.safeParse({ ...course, owners: ["not-an-email"] }).success).toBe(false);
  expect(courseFrontmatterSchema.safeParse({ ...course, competences: [] }).success).toBe(false);
  expect(courseFrontmatterSchema.safeParse({ ...course, competences: [{ id: "6.1", level: 9 }] }).success).toBe(false);
  expect(courseFrontmatterSchema.safeParse({ ...course, summary: "x".repeat(301) }).success).toBe(false);
  expect(COURSE_TOPICS).toEqual(["ai", "data", "digital-services"]);
});

test("lesson frontmatter needs a title and whole positive minutes", () => {
  expect(lessonFrontmatterSchema.safeParse({ title: "T", minutes: 15, translationMissing: true }).success).toBe(true);
  expect(lessonFrontmatterSchema.safeParse({ title: "T", minutes: 1.5 }).success).toBe(false);
  expect(lessonFrontmatterSchema.safeParse({ minutes: 15 }).success).toBe(false);
  expect(lessonFrontmatterSchema.safeParse({ title: "T", minutes: 15, translationMissing: false }).success).toBe(false);
});

test("quiz and question attributes get their documented defaults", () => {
  expect(quizAttributesSchema.parse({ id: "final", title: "Cuối khóa", passMark: 70 })).toEqual({
    id: "final",
    title: "Cuối khóa",
    passMark: 70,
    graded: false,
    waitMinutes: 0,
    showAnswers: "after-attempt",
  });
  expect(quizAttributesSchema.safeParse({ id: "x", title: "t", passMark: 150 }).success).toBe(false);
  expect(quizAttributesSchema.safeParse({ id: "có dấu", title: "t", passMark: 50 }).success).toBe(false);
  expect(questionAttributesSchema.parse({ id: "q1", type: "multiple" })).toEqual({ id: "q1", type: "multiple", points: 1, partialCredit: false });
  expect(questionAttributesSchema.safeParse({ id: "q1", type: "true-false" }).success).toBe(false);
  expect(questionAttributesSchema.safeParse({ id: "q1", type: "single", answer: true }).success).toBe(false);
});

test("competences.yaml loads with names in both languages, domains and DigComp ids", () => {
  const catalogue = loadCompetences(path.join(repoRoot, "content"));
  expect(catalogue.levels).toHaveLength(8);
  expect(findCompetence(catalogue, "1.1")).toMatchObject({ digcomp: "1.1", domain: { id: "1" }, name: { en: expect.stringContaining("Browsing") } });
  expect(findCompetence(catalogue, "6.1")?.digcomp).toBeNull();
  expect(findCompetence(catalogue, "9.9")).toBeNull();
  expect(readCompetences(path.join(repoRoot, "tests/fixtures/does-not-exist")).ok).toBe(false);
});
