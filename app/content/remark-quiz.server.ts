import type { Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import type { MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import type { Node } from "unist";
import type { z } from "zod";
import { SKIP, visit } from "unist-util-visit";
import { QUIZ_PARTS } from "./component-props";
import { inlineHtml, isJsxElement, lineOf, parseAttributes, plainText, type JsxElement } from "./mdx-ast.server";
import { opaqueId } from "./quiz-public.server";
import {
  choiceAttributesSchema,
  emptyAttributesSchema,
  itemAttributesSchema,
  pairAttributesSchema,
  questionAttributesSchema,
  quizAttributesSchema,
  type QuestionSpec,
  type QuizSpec,
} from "./schema";

export type LineProblem = { line: number; message: string };
export type QuizSink = { quizzes: QuizSpec[]; problems: LineProblem[] };

/** Name of the marker element a quiz is replaced by; compile splits the HTML there. */
export const QUIZ_SLOT = "QuizSlot";

/**
 * Takes every <Quiz> out of the lesson before it is compiled: the answer key never reaches the
 * rendered HTML, and the page gets a marker where the interactive quiz goes.
 */
export function remarkExtractQuizzes(options: { sink: QuizSink; allowQuizzes: boolean; tokenSecret: string }) {
  const { sink, allowQuizzes, tokenSecret } = options;
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      if (!isJsxElement(node) || node.name !== "Quiz" || !parent || index === undefined) return;
      const misplaced = placementProblem(node, parent.type);
      if (misplaced) sink.problems.push({ line: lineOf(node), message: misplaced });
      const spec = misplaced ? null : extractQuiz(node);
      if (!spec) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      parent.children.splice(index, 1, slot(spec.id));
      sink.quizzes.push(spec);
      return [SKIP, index + 1];
    });
  };

  function placementProblem(node: JsxElement, parentType: string): string | null {
    if (!allowQuizzes) return "<Quiz> belongs in a lesson, not in the course overview";
    // The HTML is split where the quiz stood; inside another element that would cut it in two.
    if (parentType !== "root" || node.type !== "mdxJsxFlowElement") return "<Quiz> must stand on its own lines at the top level of the lesson";
    return null;
  }

  function extractQuiz(node: JsxElement): QuizSpec | null {
    const attributes = parseAttributes(node, quizAttributesSchema);
    if (!attributes.ok) {
      sink.problems.push(...attributes.errors);
      return null;
    }
    const quiz = attributes.data;
    const questions: QuestionSpec[] = [];
    const seen = new Set<string>();
    for (const child of flatten(node.children)) {
      if (isJsxElement(child) && child.name === "Question") {
        const question = extractQuestion(child, quiz.id);
        if (!question) continue;
        if (seen.has(question.id)) {
          sink.problems.push({ line: question.line, message: `quiz "${quiz.id}": duplicate question id "${question.id}"` });
        }
        seen.add(question.id);
        questions.push(question);
      } else if (!isBlank(child)) {
        sink.problems.push({ line: lineOf(child, lineOf(node)), message: `quiz "${quiz.id}": only <Question> elements may appear inside <Quiz>` });
      }
    }
    const line = lineOf(node);
    if (questions.length === 0) sink.problems.push({ line, message: `quiz "${quiz.id}" has no questions` });
    if (quiz.pool !== undefined && quiz.pool > questions.length) {
      sink.problems.push({
        line,
        message: `quiz "${quiz.id}": pool={${quiz.pool}} is larger than the number of questions (${questions.length})`,
      });
    }
    return {
      ...quiz,
      attempts: quiz.attempts || null, // 0 or absent: unlimited
      // Practice checks shuffle by default so the answer position teaches nothing; a final keeps
      // the written order unless the author asks. An explicit setting always wins.
      shuffle: quiz.shuffle ?? !quiz.graded,
      pool: quiz.pool ?? null,
      line,
      questions,
    };
  }

  function extractQuestion(node: JsxElement, quizId: string): QuestionSpec | null {
    const attributes = parseAttributes(node, questionAttributesSchema);
    if (!attributes.ok) {
      sink.problems.push(...attributes.errors);
      return null;
    }
    const attrs = attributes.data;
    const where = `quiz "${quizId}", question "${attrs.id}"`;
    const problem = (line: number, message: string) => sink.problems.push({ line, message: `${where}: ${message}` });
    const parts = collectParts(node, problem);

    const line = lineOf(node);
    const allowed = PARTS_BY_TYPE[attrs.type];
    for (const part of parts.elements) {
      if (part.name !== "Explanation" && !allowed.includes(part.name ?? "")) {
        problem(lineOf(part), `<${part.name}> does not belong in a "${attrs.type}" question`);
      }
    }
    const of = (name: string) => parts.elements.filter((p) => p.name === name);
    const explanations = of("Explanation");
    if (explanations.length > 1) problem(lineOf(explanations[1]), "only one <Explanation> per question");
    for (const explanation of explanations) {
      if (!parseAttributes(explanation, emptyAttributesSchema).ok) problem(lineOf(explanation), "<Explanation> takes no attributes");
    }
    if (!parts.prompt) problem(line, "the question has no prompt text");

    const base = {
      id: attrs.id,
      points: attrs.points,
      prompt: parts.prompt,
      promptHtml: parts.promptHtml,
      explanation: explanations[0] ? plainText(explanations[0].children) || null : null,
      lesson: attrs.lesson === undefined ? null : String(attrs.lesson),
      line,
    };
    // Parses a part's attributes; invalid parts are reported and left out.
    const attributesOf = <S extends Parameters<typeof parseAttributes>[1]>(el: JsxElement, schema: S) => {
      const parsed = parseAttributes(el, schema);
      if (!parsed.ok) sink.problems.push(...parsed.errors);
      return parsed.ok ? [parsed.data as z.infer<S>] : [];
    };
    const uniqueIds = (items: { id: string; line: number }[], what: string) => {
      const ids = new Set<string>();
      for (const item of items) {
        if (ids.has(item.id)) problem(item.line, `duplicate ${what} id "${item.id}"`);
        ids.add(item.id);
      }
    };

    switch (attrs.type) {
      case "single":
      case "multiple": {
        const choices = of("Choice").flatMap((el) =>
          attributesOf(el, choiceAttributesSchema).map((choice) => {
            const text = plainText(el.children);
            if (!text) problem(lineOf(el), `choice "${choice.id}" has no text`);
            return { ...choice, text, line: lineOf(el) };
          }),
        );
        uniqueIds(choices, "choice");
        if (choices.length < 3 || choices.length > 5) problem(line, `needs 3 to 5 choices (found ${choices.length})`);
        const correct = choices.filter((c) => c.correct).length;
        if (attrs.type === "single" && correct !== 1) {
          problem(line, `a single-choice question needs exactly one correct choice (found ${correct})`);
        }
        if (attrs.type === "multiple" && correct === 0) problem(line, "a multiple-choice question needs at least one correct choice");
        const specChoices = choices.map(({ id, text, correct: isCorrect }) => ({ id, text, correct: isCorrect }));
        return attrs.type === "single"
          ? { ...base, type: "single", choices: specChoices }
          : { ...base, type: "multiple", partialCredit: attrs.partialCredit, choices: specChoices };
      }
      case "true-false":
        return { ...base, type: "true-false", answer: attrs.answer };
      case "numeric":
        return { ...base, type: "numeric", answer: attrs.answer, tolerance: attrs.tolerance };
      case "short": {
        const accept = of("Accept").map((el) => plainText(el.children)).filter(Boolean);
        if (accept.length === 0) problem(line, "a short-answer question needs at least one <Accept>");
        return { ...base, type: "short", accept, ignoreCase: attrs.ignoreCase, ignoreDiacritics: attrs.ignoreDiacritics };
      }
      case "matching": {
        const pairs = of("Pair").flatMap((el) =>
          attributesOf(el, pairAttributesSchema).map((pair) => ({ ...pair, line: lineOf(el) })),
        );
        uniqueIds(pairs, "pair");
        if (pairs.length < 2) problem(line, `a matching question needs at least 2 pairs (found ${pairs.length})`);
        const rights = new Set(pairs.map((p) => p.right));
        if (rights.size !== pairs.length) problem(line, "two pairs have the same right-hand side");
        return {
          ...base,
          type: "matching",
          pairs: pairs.map(({ id, left, right }) => ({ id, left, right, rightId: opaqueId(tokenSecret, quizId, attrs.id, id) })),
        };
      }
      case "ordering": {
        const items = of("Item").flatMap((el) =>
          attributesOf(el, itemAttributesSchema).map(({ id }) => {
            const text = plainText(el.children);
            if (!text) problem(lineOf(el), `item "${id}" has no text`);
            return { id, text, line: lineOf(el) };
          }),
        );
        uniqueIds(items, "item");
        if (items.length < 2) problem(line, `an ordering question needs at least 2 items (found ${items.length})`);
        return {
          ...base,
          type: "ordering",
          items: items.map(({ id, text }) => ({ id, text, publicId: opaqueId(tokenSecret, quizId, attrs.id, id) })),
        };
      }
    }
  }
}

const PARTS_BY_TYPE: Record<QuestionSpec["type"], string[]> = {
  single: ["Choice"],
  multiple: ["Choice"],
  "true-false": [],
  matching: ["Pair"],
  short: ["Accept"],
  numeric: [],
  ordering: ["Item"],
};

/** Splits a question's content into quiz parts (Choice, Pair…) and the prompt text around them. */
function collectParts(node: JsxElement, problem: (line: number, message: string) => void) {
  const elements: JsxElement[] = [];
  const promptParagraphs: PhrasingContent[][] = [];
  const take = (child: Node): boolean => {
    if (!isJsxElement(child) || !child.name || !(QUIZ_PARTS as readonly string[]).includes(child.name)) return false;
    if (child.name === "Quiz" || child.name === "Question") problem(lineOf(child), `<${child.name}> cannot be nested here`);
    else elements.push(child);
    return true;
  };
  for (const child of node.children) {
    if (take(child)) continue;
    if (child.type === "paragraph") {
      const paragraph: PhrasingContent[] = [];
      for (const inline of child.children) if (!take(inline)) paragraph.push(inline);
      promptParagraphs.push(paragraph);
    } else {
      problem(lineOf(child, lineOf(node)), "a question holds one short prompt paragraph and its answer elements only");
    }
  }
  const paragraphs: Paragraph[] = promptParagraphs.map((children) => ({ type: "paragraph", children }));
  return { elements, prompt: plainText(paragraphs), promptHtml: inlineHtml(paragraphs) };
}

/** Lets a <Quiz> be written with or without blank lines between its questions. */
function flatten(children: RootContent[] | Node[]): Node[] {
  return children.flatMap((child) => (child.type === "paragraph" ? (child as Paragraph).children : [child]));
}

function isBlank(node: Node): boolean {
  return node.type === "text" && "value" in node && typeof node.value === "string" && node.value.trim() === "";
}

function slot(id: string): MdxJsxFlowElement {
  return {
    type: "mdxJsxFlowElement",
    name: QUIZ_SLOT,
    attributes: [{ type: "mdxJsxAttribute", name: "id", value: id }],
    children: [],
    data: { skillshelfQuizSlot: true } as MdxJsxFlowElement["data"],
  };
}
