import type { QuestionSpec, QuizSpec } from "../../app/content/schema";

/** A quiz of the given questions with sensible defaults; every setting can be overridden. */
export function buildQuiz(questions: QuestionSpec[], overrides: Partial<QuizSpec> = {}): QuizSpec {
  return {
    id: "quiz",
    title: "Bài kiểm tra",
    graded: true,
    passMark: 70,
    attempts: null,
    waitMinutes: 0,
    pool: null,
    shuffle: false,
    showAnswers: "after-attempt",
    line: 1,
    questions,
    ...overrides,
  };
}

/** A three-question quiz (single, true-false, numeric) with the given settings. */
export function fixtureQuiz(overrides: Partial<QuizSpec> = {}): QuizSpec {
  return buildQuiz(
    [
      {
        id: "q1",
        type: "single",
        points: 1,
        prompt: "Nghị định nào bảo vệ dữ liệu cá nhân?",
        promptHtml: "Nghị định nào bảo vệ dữ liệu cá nhân?",
        explanation: "Nghị định 13/2023/NĐ-CP.",
        line: 2,
        choices: [
          { id: "a", text: "13/2023/NĐ-CP", correct: true },
          { id: "b", text: "15/2020/NĐ-CP", correct: false },
          { id: "c", text: "Luật Thư viện", correct: false },
        ],
      },
      {
        id: "q2",
        type: "true-false",
        points: 1,
        prompt: "AI luôn đúng.",
        promptHtml: "AI luôn đúng.",
        explanation: "Không.",
        line: 3,
        answer: false,
      },
      {
        id: "q3",
        type: "numeric",
        points: 1,
        prompt: "Dublin Core có bao nhiêu yếu tố?",
        promptHtml: "Dublin Core có bao nhiêu yếu tố?",
        explanation: "15 yếu tố.",
        line: 4,
        answer: 15,
        tolerance: 0,
      },
    ],
    { id: "final", title: "Bài kiểm tra cuối khóa", showAnswers: "after-pass", ...overrides },
  );
}

export function answers(fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return body;
}

export const ALL_RIGHT = { "q:q1": "a", "q:q2": "false", "q:q3": "15" };
export const ONE_RIGHT = { "q:q1": "a", "q:q2": "true", "q:q3": "14" };
