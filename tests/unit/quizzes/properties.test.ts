import fc from "fast-check";
import { expect, test } from "vitest";
import type { QuizSpec } from "../../../app/content/schema";
import { type AnswerFields, type AttemptLayout, cleanAnswers, drawLayout, gradeAttempt, unansweredCount } from "../../../app/quizzes/engine";
import { buildQuiz } from "../../support/quiz";

// Property tests of the quiz engine (app/quizzes/engine.ts): whatever a browser (or anyone else)
// posts, cleaning never throws and grading stays within bounds.

const NUM_RUNS = 400;

/** One question of every type (two multiple-choice: with and without partial credit). */
const spec = buildQuiz(
  [
    {
      id: "q1",
      type: "single",
      points: 1,
      prompt: "Chọn một",
      promptHtml: "Chọn một",
      explanation: null,
      line: 2,
      choices: [
        { id: "a", text: "A", correct: false },
        { id: "b", text: "B", correct: true },
        { id: "c", text: "C", correct: false },
      ],
    },
    {
      id: "q2",
      type: "multiple",
      points: 2,
      partialCredit: true,
      prompt: "Chọn nhiều",
      promptHtml: "Chọn nhiều",
      explanation: null,
      line: 3,
      choices: [
        { id: "a", text: "A", correct: true },
        { id: "b", text: "B", correct: true },
        { id: "c", text: "C", correct: false },
        { id: "d", text: "D", correct: false },
      ],
    },
    { id: "q3", type: "true-false", points: 1, prompt: "Đúng hay sai", promptHtml: "Đúng hay sai", explanation: null, line: 4, answer: false },
    {
      id: "q4",
      type: "matching",
      points: 1.5,
      prompt: "Ghép",
      promptHtml: "Ghép",
      explanation: null,
      line: 5,
      pairs: [
        { id: "p1", left: "MARC21 245", right: "Nhan đề", rightId: "oAAAAAAAAAAA" },
        { id: "p2", left: "MARC21 650", right: "Chủ đề", rightId: "oBBBBBBBBBBB" },
        { id: "p3", left: "DOI", right: "Định danh", rightId: "oCCCCCCCCCCC" },
      ],
    },
    {
      id: "q5",
      type: "short",
      points: 1,
      prompt: "Viết",
      promptHtml: "Viết",
      explanation: null,
      line: 6,
      accept: ["Trí tuệ nhân tạo", "AI"],
      ignoreCase: true,
      ignoreDiacritics: true,
    },
    { id: "q6", type: "numeric", points: 1, prompt: "Số", promptHtml: "Số", explanation: null, line: 7, answer: 25000, tolerance: 0.5 },
    {
      id: "q7",
      type: "ordering",
      points: 2,
      prompt: "Sắp xếp",
      promptHtml: "Sắp xếp",
      explanation: null,
      line: 8,
      items: [
        { id: "i1", text: "Một", publicId: "oXXXXXXXXXX1" },
        { id: "i2", text: "Hai", publicId: "oXXXXXXXXXX2" },
        { id: "i3", text: "Ba", publicId: "oXXXXXXXXXX3" },
        { id: "i4", text: "Bốn", publicId: "oXXXXXXXXXX4" },
      ],
    },
    {
      id: "q8",
      type: "multiple",
      points: 1,
      partialCredit: false,
      prompt: "Chọn nhiều, tất cả hoặc không",
      promptHtml: "Chọn nhiều, tất cả hoặc không",
      explanation: null,
      line: 9,
      choices: [
        { id: "x", text: "X", correct: true },
        { id: "y", text: "Y", correct: false },
        { id: "z", text: "Z", correct: true },
      ],
    },
  ],
  { id: "props", title: "Mọi loại câu hỏi" },
);

const QUESTION_IDS = spec.questions.map((q) => q.id);
const VALID_KEYS = spec.questions.flatMap((q) => {
  if (q.type === "matching") return q.pairs.map((p) => `q:${q.id}:${p.id}`);
  if (q.type === "ordering") return q.items.map((i) => `q:${q.id}:${i.publicId}`);
  return [`q:${q.id}`];
});
const VALID_VALUES = [
  ...new Set(
    spec.questions.flatMap((q) => {
      switch (q.type) {
        case "single":
        case "multiple":
          return q.choices.map((c) => c.id);
        case "matching":
          return q.pairs.flatMap((p) => [p.rightId, p.id, p.right]);
        case "ordering":
          return q.items.flatMap((i) => [i.publicId, i.id]);
        case "short":
          return [...q.accept, "tri tue nhan tao", "Trí tuệ nhân tạo".normalize("NFD")];
        default:
          return [];
      }
    }),
  ),
  "true",
  "false",
  "1",
  "2",
  "3",
  "4",
  "5",
  "25.000",
  "25,000",
  "1,5",
  "90.000.000",
];

/** Entries a real form could send: a field of the quiz with one of its possible values. */
const VALID_ENTRIES: [string, string][] = spec.questions.flatMap((q): [string, string][] => {
  const name = `q:${q.id}`;
  switch (q.type) {
    case "single":
    case "multiple":
      return q.choices.map((c): [string, string] => [name, c.id]);
    case "true-false":
      return [
        [name, "true"],
        [name, "false"],
      ];
    case "matching":
      return q.pairs.flatMap((p) => q.pairs.map((r): [string, string] => [`${name}:${p.id}`, r.rightId]));
    case "ordering":
      return q.items.flatMap((item) => q.items.map((_, i): [string, string] => [`${name}:${item.publicId}`, String(i + 1)]));
    case "short":
      return [
        [name, "tri tue nhan tao"],
        [name, "AI"],
        [name, "sai"],
      ];
    case "numeric":
      return [
        [name, "25.000"],
        [name, "25,000"],
        [name, "25000,4"],
        [name, "24999"],
        [name, "1,5"],
      ];
  }
});

const fieldKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VALID_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 14 }).map((s) => `q:${s}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...QUESTION_IDS), fc.string({ maxLength: 14 })).map(([q, s]) => `q:${q}:${s}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("q:", "q::", "q:q1:", "q:q4:p1:x", "q:q4", "q:q7", "q:q9", "q:Q1", "q:__proto__", "q:constructor", "intent", "attemptId", "confirm"),
  },
);

/** Random unicode up to 2,000 characters (NUL and astral characters included), numbers, junk. */
const fieldValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VALID_VALUES) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 2000 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.integer({ min: -3, max: 8 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\t\n", "NaN", "Infinity", "-Infinity", "1e309", "-0", "0", "1.0", "0x1", "9".repeat(400), "٣", "\u0000", "a\u0000b") },
);

const formEntry = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VALID_ENTRIES) }, { weight: 4, arbitrary: fc.tuple(fieldKey, fieldValue) });
const formBody = fc.array(formEntry, { maxLength: 60, size: "medium" });

const attemptSettings = fc.record({
  seed: fc.string({ maxLength: 40 }),
  pool: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
  shuffle: fc.boolean(),
  passMark: fc.integer({ min: 0, max: 100 }),
});

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkGrade(quiz: QuizSpec, layout: AttemptLayout, fields: AnswerFields) {
  const grade = gradeAttempt(quiz, layout, fields);
  expect(Number.isFinite(grade.score)).toBe(true);
  expect(Number.isFinite(grade.maxScore)).toBe(true);
  expect(Number.isFinite(grade.percent)).toBe(true);
  expect(grade.score).toBeGreaterThanOrEqual(0);
  expect(grade.score).toBeLessThanOrEqual(grade.maxScore);
  expect(grade.percent).toBeGreaterThanOrEqual(0);
  expect(grade.percent).toBeLessThanOrEqual(100);
  expect(grade.passed).toBe(grade.percent >= quiz.passMark);
  expect(grade.questions.map((q) => q.id)).toEqual(layout.questions.map((q) => q.id));
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  expect(grade.maxScore).toBeCloseTo(layout.questions.reduce((s, q) => s + byId.get(q.id)!.points, 0), 9);
  for (const q of grade.questions) {
    expect(Number.isFinite(q.points)).toBe(true);
    expect(q.points).toBeGreaterThanOrEqual(0);
    expect(q.points).toBeLessThanOrEqual(q.maxPoints);
    expect(q.answered).toBe(q.status !== "unanswered");
    if (!q.answered) expect(q.points).toBe(0);
  }
  const open = unansweredCount(quiz, layout, fields);
  expect(open).toBeGreaterThanOrEqual(0);
  expect(open).toBeLessThanOrEqual(layout.questions.length);
  return grade;
}

test("cleanAnswers never throws on arbitrary form bodies, and the graded result stays within bounds", () => {
  const seen = { kept: 0, correct: 0, partial: 0, incorrect: 0 };
  fc.assert(
    fc.property(formBody, attemptSettings, (body, settings) => {
      const quiz = { ...spec, pool: settings.pool, shuffle: settings.shuffle, passMark: settings.passMark };
      const layout = drawLayout(quiz, settings.seed);
      const inLayout = new Set(layout.questions.map((q) => q.id));
      const fields = cleanAnswers(quiz, layout, body);

      // Only fields of the attempt's questions survive, each with a short, non-empty, storable value.
      for (const [key, values] of Object.entries(fields)) {
        expect(VALID_KEYS).toContain(key);
        expect(inLayout.has(key.split(":")[1]!)).toBe(true);
        expect(values.length).toBeGreaterThan(0);
        expect(new Set(values).size).toBe(values.length);
        if (key !== "q:q2" && key !== "q:q8") expect(values).toHaveLength(1);
        for (const value of values) {
          expect(value.length).toBeGreaterThan(0);
          expect([...value].length).toBeLessThanOrEqual(500);
          expect(value).toBe(value.trim());
          // Storable in PostgreSQL jsonb: no U+0000, no lone surrogate.
          expect(value).not.toContain("\u0000");
          expect(value).not.toMatch(LONE_SURROGATE);
        }
      }
      const grade = checkGrade(quiz, layout, fields);
      if (Object.keys(fields).length) seen.kept++;
      for (const q of grade.questions) if (q.status !== "unanswered") seen[q.status]++;
    }),
    { numRuns: NUM_RUNS },
  );
  // The generators are not vacuous: most bodies keep some answers, and every grade status occurs.
  expect(seen.kept).toBeGreaterThan(NUM_RUNS / 2);
  expect(seen.correct).toBeGreaterThan(10);
  expect(seen.partial).toBeGreaterThan(10);
  expect(seen.incorrect).toBeGreaterThan(10);
});

test("gradeAttempt stays within bounds even on fields that were never cleaned", () => {
  const rawFields = fc.dictionary(fieldKey, fc.array(fieldValue, { maxLength: 4 }), { maxKeys: 30 });
  fc.assert(
    fc.property(rawFields, attemptSettings, (fields, settings) => {
      const quiz = { ...spec, pool: settings.pool, shuffle: settings.shuffle, passMark: settings.passMark };
      checkGrade(quiz, drawLayout(quiz, settings.seed), fields);
    }),
    { numRuns: NUM_RUNS },
  );
});

test("cleaning is idempotent: cleaning the cleaned fields again changes nothing", () => {
  fc.assert(
    fc.property(formBody, attemptSettings, (body, settings) => {
      const quiz = { ...spec, pool: settings.pool, shuffle: settings.shuffle };
      const layout = drawLayout(quiz, settings.seed);
      const once = cleanAnswers(quiz, layout, body);
      const again = cleanAnswers(
        quiz,
        layout,
        Object.entries(once).flatMap(([key, values]) => values.map((v): [string, string] => [key, v])),
      );
      expect(again).toEqual(once);
    }),
    { numRuns: NUM_RUNS },
  );
});

test("drawLayout always gives a valid attempt: pool-sized, distinct questions, options a permutation", () => {
  fc.assert(
    fc.property(attemptSettings, (settings) => {
      const quiz = { ...spec, pool: settings.pool, shuffle: settings.shuffle };
      const layout = drawLayout(quiz, settings.seed);
      const ids = layout.questions.map((q) => q.id);
      expect(ids).toHaveLength(Math.min(settings.pool ?? Infinity, spec.questions.length));
      expect(new Set(ids).size).toBe(ids.length);
      for (const entry of layout.questions) {
        const question = spec.questions.find((q) => q.id === entry.id)!;
        const expected =
          question.type === "single" || question.type === "multiple"
            ? question.choices.map((c) => c.id)
            : question.type === "matching"
              ? question.pairs.map((p) => p.rightId)
              : question.type === "ordering"
                ? question.items.map((i) => i.publicId)
                : [];
        expect([...entry.options].sort()).toEqual([...expected].sort());
        if (question.type === "matching" || question.type === "ordering") expect(entry.options).not.toEqual(expected);
      }
      expect(drawLayout(quiz, settings.seed)).toEqual(layout);
    }),
    { numRuns: NUM_RUNS },
  );
});
