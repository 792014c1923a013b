import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Root } from "mdast";
import type { MdxJsxAttribute } from "mdast-util-mdx-jsx";
import type { Node, Parent } from "unist";
import { SKIP, visit } from "unist-util-visit";
import { ALLOWED_HTML, componentPropSchemas, isLessonComponent, QUIZ_PARTS } from "./component-props";
import { isJsxElement, lineOf, parseAttributes, plainText, type JsxElement } from "./mdx-ast.server";
import { QUIZ_SLOT, type LineProblem } from "./remark-quiz.server";

export type ValidationSink = {
  problems: LineProblem[];
  links: { href: string; line: number }[];
  images: { src: string; alt: string; line: number }[];
  /** Course-relative paths of the files the lesson uses (images/…, media/…). */
  assets: Set<string>;
};

/**
 * Checks what the MDX compiler would accept but the lesson must not contain (unknown
 * components, code, missing alt text, missing files) and records links and images for the
 * cross-file checks. Runs after quiz extraction, so quiz parts left over are misplaced.
 */
export function remarkValidateLesson(options: { sink: ValidationSink; courseDir: string }) {
  const { sink, courseDir } = options;
  const report = (line: number, message: string) => sink.problems.push({ line, message });

  return (tree: Root) => {
    visit(tree, (node: Node, index, parent) => {
      const line = lineOf(node);
      switch (node.type) {
        case "mdxjsEsm":
          // remark-mdx-frontmatter adds its own export without a position; authors' have one.
          if (!node.position || !parent || index === undefined) return;
          report(line, "import/export is not allowed: components are available without import");
          (parent as Parent).children.splice(index, 1); // so the bundler doesn't fail on it first
          return [SKIP, index];
        case "mdxFlowExpression":
        case "mdxTextExpression":
          if (!/^\s*(\/\*[\s\S]*\*\/)?\s*$/.test(String((node as Node & { value?: string }).value))) {
            report(line, "JavaScript expressions {…} are not allowed in lessons (comments {/* */} are)");
          }
          return;
        case "heading":
          if ((node as Node & { depth: number }).depth === 1) report(line, "use ## and ### headings: the page renders the title as #");
          return;
        case "link":
        case "definition": {
          const url = (node as Node & { url: string }).url;
          // GFM turns a bare "www.x.vn" into http://www.x.vn: the author wrote no scheme at all.
          const bare = "children" in node && url === `http://${plainText(node.children as Node[])}`;
          if (!bare) sink.links.push({ href: url, line });
          return;
        }
        case "image": {
          const image = node as Node & { url: string; alt?: string | null };
          if (!image.alt?.trim()) report(line, "image has no alt text");
          if (useAsset(image.url, line)) sink.images.push({ src: image.url, alt: image.alt ?? "", line });
          return;
        }
      }
      if (isJsxElement(node)) checkElement(node);
    });
  };

  function checkElement(node: JsxElement) {
    const line = lineOf(node);
    const name = node.name;
    if (!name) return report(line, "fragments <>…</> are not allowed");
    if (name === QUIZ_SLOT && node.data && "skillshelfQuizSlot" in node.data) return;
    if (isLessonComponent(name)) {
      const parsed = parseAttributes(node, componentPropSchemas[name]);
      if (!parsed.ok) return sink.problems.push(...parsed.errors);
      if (name === "Figure") {
        const { src, alt } = parsed.data as { src: string; alt: string };
        if (useAsset(src, line)) {
          sink.images.push({ src, alt, line });
          addSize(node, path.join(courseDir, src));
        }
      }
      if (name === "Video") {
        const { src, captions } = parsed.data as { src: string; captions: string };
        useAsset(src, line);
        useAsset(captions, line);
      }
      return;
    }
    if ((QUIZ_PARTS as readonly string[]).includes(name)) return report(line, `<${name}> may only appear inside a <Quiz>`);
    if ((ALLOWED_HTML as readonly string[]).includes(name)) return;
    report(line, /^[a-z]/.test(name) ? `raw HTML <${name}> is not allowed; use Markdown or a lesson component` : `unknown component <${name}>`);
  }

  /** A referenced file must live in the course's images/ or media/ folder and exist. */
  function useAsset(src: string, line: number): boolean {
    const normalised = src.replace(/^\.\//, "");
    if (!/^(images|media)\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(normalised) || normalised.split("/").includes("..")) {
      report(line, `"${src}" must be a file in the course's images/ or media/ folder, e.g. images/diagram.svg`);
      return false;
    }
    if (!existsSync(path.join(courseDir, normalised))) {
      report(line, `file not found: ${normalised}`);
      return false;
    }
    sink.assets.add(normalised);
    return true;
  }
}

/** Width and height from the SVG itself, so the browser reserves space and the page doesn't jump. */
export function svgSize(svg: string): { width: number; height: number } | null {
  const open = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!open) return null;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+)(px)?\\s*["']`).exec(open)?.[1];
  const width = Number(attr("width"));
  const height = Number(attr("height"));
  if (width > 0 && height > 0) return { width, height };
  const viewBox = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/.exec(open);
  if (viewBox) return { width: Number(viewBox[1]), height: Number(viewBox[2]) };
  return null;
}

function addSize(node: JsxElement, file: string) {
  if (!file.endsWith(".svg")) return;
  const size = svgSize(readFileSync(file, "utf8"));
  if (!size) return;
  const attribute = (name: string, value: number): MdxJsxAttribute => ({ type: "mdxJsxAttribute", name, value: String(Math.round(value)) });
  node.attributes.push(attribute("width", size.width), attribute("height", size.height));
}
