import { createHmac } from "node:crypto";
import type { QuestionPublic, QuizPublic, QuizSpec } from "./schema";

/**
 * Opaque id the learner sees for an ordering item or a matching right-hand side. Authors number
 * items in the correct order (i1, i2…), so showing their ids would give the answer away; a keyed
 * hash is stable across builds and identical in both languages, yet reveals nothing.
 */
export function opaqueId(secret: string, quizId: string, questionId: string, id: string): string {
  return "o" + createHmac("sha256", secret).update(`${quizId}\0${questionId}\0${id}`).digest("base64url").slice(0, 11);
}

/** The browser's view of a quiz: prompts and options only, never anything that grades. */
export function toQuizPublic(spec: QuizSpec): QuizPublic {
  const { line: _line, questions, ...settings } = spec;
  return { ...settings, questions: questions.map(toQuestionPublic) };
}

function toQuestionPublic(question: QuizSpec["questions"][number]): QuestionPublic {
  const base = { id: question.id, points: question.points, prompt: question.prompt, promptHtml: question.promptHtml };
  switch (question.type) {
    case "single":
      return { ...base, type: "single", choices: question.choices.map(({ id, text }) => ({ id, text })) };
    case "multiple":
      return {
        ...base,
        type: "multiple",
        partialCredit: question.partialCredit,
        choices: question.choices.map(({ id, text }) => ({ id, text })),
      };
    case "true-false":
    case "short":
    case "numeric":
      return { ...base, type: question.type };
    case "matching":
      return {
        ...base,
        type: "matching",
        left: question.pairs.map(({ id, left }) => ({ id, text: left })),
        right: byId(question.pairs.map(({ rightId, right }) => ({ id: rightId, text: right }))),
      };
    case "ordering":
      return { ...base, type: "ordering", items: byId(question.items.map(({ publicId, text }) => ({ id: publicId, text }))) };
  }
}

// Sorting by the opaque id is a stable order unrelated to the authored (correct) order.
function byId<T extends { id: string }>(options: T[]): T[] {
  return [...options].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
