import type { List, Root, RootContent } from "mdast";
import type { Node } from "unist";
import { visit } from "unist-util-visit";
import { isJsxElement, lineOf, type JsxElement } from "./mdx-ast.server";
import type { LineProblem } from "./remark-quiz.server";

export const MIN_OBJECTIVES = 2;
export const MAX_OBJECTIVES = 4;
/** Children of <Exercise> that say what a good answer looks like; one of them is required. */
export const EXERCISE_KEYS = ["ModelAnswer", "Rubric"] as const;

/**
 * What makes a lesson teach (content/README.md §6): it opens with 2–4 learning objectives and has
 * a practical exercise that says what a good answer is. Overviews are not lessons: only the
 * placement of <ModelAnswer>/<Rubric> is checked there.
 */
export function remarkLessonStructure(options: { problems: LineProblem[]; kind: "overview" | "lesson" }) {
  const { problems, kind } = options;
  const report = (line: number, message: string) => problems.push({ line, message });

  return (tree: Root) => {
    const objectives: JsxElement[] = [];
    const exercises: JsxElement[] = [];
    visit(tree, (node: Node, _index, parent) => {
      if (!isJsxElement(node)) return;
      if (node.name === "Objectives") objectives.push(node);
      if (node.name === "Exercise") exercises.push(node);
      const inExercise = parent !== undefined && isJsxElement(parent as Node) && (parent as JsxElement).name === "Exercise";
      if ((EXERCISE_KEYS as readonly string[]).includes(node.name ?? "") && !inExercise) {
        report(lineOf(node), `<${node.name}> belongs directly inside an <Exercise>`);
      }
    });
    if (kind !== "lesson") return;

    const first = tree.children.find((child) => !isPreamble(child));
    if (objectives.length === 0) {
      report(lineOf(first), "the lesson has no <Objectives>: start it with 2–4 learning objectives (content/README.md §6)");
    }
    objectives.forEach((element, i) => {
      if (i > 0) return report(lineOf(element), "only one <Objectives> per lesson");
      if (element !== first) report(lineOf(element), "<Objectives> must be the first block after the frontmatter");
      const count = objectiveCount(element);
      if (count === null) report(lineOf(element), "<Objectives> holds one Markdown list (- …) and nothing else");
      else if (count < MIN_OBJECTIVES || count > MAX_OBJECTIVES) {
        report(lineOf(element), `<Objectives> lists ${count} objective${count === 1 ? "" : "s"}: write ${MIN_OBJECTIVES} to ${MAX_OBJECTIVES}`);
      }
    });

    if (exercises.length === 0) {
      report(lineOf(first), "the lesson has no <Exercise>: end it with a practical exercise and its <ModelAnswer> or <Rubric>");
    }
    for (const exercise of exercises) {
      const hasKey = exercise.children.some((child) => isJsxElement(child) && (EXERCISE_KEYS as readonly string[]).includes(child.name ?? ""));
      if (!hasKey) report(lineOf(exercise), "<Exercise> needs a <ModelAnswer> or a <Rubric> inside it");
    }
  };
}

/** Frontmatter, the frontmatter export and comment-only expressions come before the first real block. */
function isPreamble(node: RootContent): boolean {
  const type = node.type as string;
  if (type === "yaml" || type === "toml") return true;
  if (type === "mdxjsEsm" && !node.position) return true;
  if (type === "mdxFlowExpression") return /^\s*(\/\*[\s\S]*\*\/)?\s*$/.test(String((node as Node & { value?: string }).value));
  return false;
}

/** Items of the one list inside <Objectives>, or null when it holds anything else. */
function objectiveCount(element: JsxElement): number | null {
  const blocks = element.children.filter((child) => !(child.type === "text" && !child.value.trim()));
  if (blocks.length !== 1 || blocks[0]?.type !== "list") return null;
  return (blocks[0] as List).children.length;
}
