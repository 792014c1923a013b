import { randomBytes } from "node:crypto";
import type { Root as HastRoot } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import { bundleMDX } from "mdx-bundler";
import { getMDXComponent } from "mdx-bundler/client/index.js";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import { visit } from "unist-util-visit";
import { readFrontmatter, validateFrontmatter, type FrontmatterLines } from "./frontmatter.server";
import type { Segment, TocEntry } from "./manifest";
import { createMdxComponents } from "./mdx-components";
import type { Problem } from "./problems";
import { toQuizPublic } from "./quiz-public.server";
import { remarkLessonStructure } from "./remark-lesson-structure.server";
import { remarkExtractQuizzes, type QuizSink } from "./remark-quiz.server";
import { remarkValidateLesson, type ValidationSink } from "./remark-validate.server";
import {
  courseFrontmatterSchema,
  courseTranslationFrontmatterSchema,
  lessonFrontmatterSchema,
  type FileFrontmatter,
  type Lang,
  type QuizPublic,
  type QuizSpec,
} from "./schema";

export { COMPILER_VERSION } from "./compiler-version";

export type CompileInput = {
  /** Path used in problems (relative to the repository root). */
  file: string;
  source: string;
  /** Absolute path of the course folder; Figure/Video paths are relative to it. */
  courseDir: string;
  courseSlug: string;
  lang: Lang;
  kind: "overview" | "lesson";
  /** Key for the opaque ids of ordering items and matching answers (see quiz-public.server.ts). */
  tokenSecret: string;
};

export type CompiledFile = {
  frontmatter: FileFrontmatter;
  frontmatterLines: FrontmatterLines;
  segments: Segment[];
  toc: TocEntry[];
  quizzes: QuizPublic[];
  answerKeys: QuizSpec[];
  plainText: string;
  wordCount: number;
  links: { href: string; line: number }[];
  images: { src: string; alt: string; line: number }[];
  assets: string[];
};

export type CompileOutcome =
  | { ok: true; compiled: CompiledFile }
  | { ok: false; problems: Problem[]; frontmatter: FileFrontmatter | null };

type Collected = QuizSink & ValidationSink & { toc: TocEntry[] };
type MdxOptions = Parameters<NonNullable<Parameters<typeof bundleMDX>[0]["mdxOptions"]>>[0];
type PluggableList = NonNullable<MdxOptions["remarkPlugins"]>;

/**
 * The one remark/rehype plugin stack. Every compile path (check, build, tests, the dev watcher)
 * goes through compileContentFile, which uses this, so they cannot drift apart.
 */
export function contentPlugins(
  input: Pick<CompileInput, "courseDir" | "kind" | "tokenSecret">,
  sink: Collected,
): { remarkPlugins: PluggableList; rehypePlugins: PluggableList } {
  return {
    remarkPlugins: [
      remarkGfm,
      [remarkExtractQuizzes, { sink, allowQuizzes: input.kind === "lesson", tokenSecret: input.tokenSecret }],
      [remarkValidateLesson, { sink, courseDir: input.courseDir }],
      [remarkLessonStructure, { problems: sink.problems, kind: input.kind }],
    ],
    rehypePlugins: [rehypeSlug, [rehypeCollectToc, { toc: sink.toc }]],
  };
}

export async function compileContentFile(input: CompileInput): Promise<CompileOutcome> {
  const { file } = input;
  const fail = (problems: Problem[], frontmatter: FileFrontmatter | null = null): CompileOutcome => ({
    ok: false,
    problems,
    frontmatter,
  });

  const raw = readFrontmatter(input.source, file);
  if (!raw.ok) return fail(raw.problems);
  const frontmatter = checkFrontmatter(input, raw);
  if (!frontmatter.ok) return fail(frontmatter.problems);

  const sink: Collected = { quizzes: [], problems: [], links: [], images: [], assets: new Set(), toc: [] };
  const plugins = contentPlugins(input, sink);
  let code: string;
  try {
    ({ code } = await bundleMDX({
      source: input.source,
      cwd: input.courseDir,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), ...plugins.remarkPlugins];
        options.rehypePlugins = [...(options.rehypePlugins ?? []), ...plugins.rehypePlugins];
        return options;
      },
      esbuildOptions: (options) => ({ ...options, logLevel: "silent" }),
    }));
  } catch (error) {
    const found = sink.problems.map((p) => ({ file, ...p }));
    return fail([...found, ...bundleProblems(error, file)], frontmatter.value);
  }

  const problems: Problem[] = sink.problems.map((p) => ({ file, ...p }));
  const quizIds = new Set<string>();
  for (const quiz of sink.quizzes) {
    if (quizIds.has(quiz.id)) problems.push({ file, line: quiz.line, message: `duplicate quiz id "${quiz.id}"` });
    quizIds.add(quiz.id);
  }
  if (problems.length > 0) return fail(problems, frontmatter.value);

  const nonce = randomBytes(8).toString("hex");
  let html: string;
  try {
    const Content = getMDXComponent(code);
    const components = createMdxComponents({ lang: input.lang, courseSlug: input.courseSlug, quizSlotNonce: nonce });
    html = renderToStaticMarkup(createElement(Content, { components }));
  } catch (error) {
    return fail([{ file, line: 1, message: `rendering failed: ${(error as Error).message}` }], frontmatter.value);
  }

  const segments = splitAtQuizzes(html, nonce);
  // Search text is the prose a reader sees once: without the hover copies of term definitions.
  const prose = segments.map((s) => (s.kind === "html" ? s.html : "")).join(" ");
  const plainText = htmlToText(prose.replace(/<span class="(term-tip|sr-only)"[^>]*>[^<]*<\/span>/g, ""));
  return {
    ok: true,
    compiled: {
      frontmatter: frontmatter.value,
      frontmatterLines: raw.lines,
      segments,
      toc: sink.toc,
      quizzes: sink.quizzes.map(toQuizPublic),
      answerKeys: sink.quizzes,
      plainText,
      wordCount: plainText.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length,
      links: sink.links,
      images: sink.images,
      assets: [...sink.assets].sort(),
    },
  };
}

function checkFrontmatter(
  input: CompileInput,
  raw: { data: unknown; lines: FrontmatterLines },
): { ok: true; value: FileFrontmatter } | { ok: false; problems: Problem[] } {
  if (input.kind === "lesson") {
    const result = validateFrontmatter(lessonFrontmatterSchema, raw, input.file);
    return result.ok ? { ok: true, value: { kind: "lesson", data: result.data } } : result;
  }
  if (input.lang === "vi") {
    const result = validateFrontmatter(courseFrontmatterSchema, raw, input.file);
    return result.ok ? { ok: true, value: { kind: "course", data: result.data } } : result;
  }
  const result = validateFrontmatter(courseTranslationFrontmatterSchema, raw, input.file);
  return result.ok ? { ok: true, value: { kind: "course-translation", data: result.data } } : result;
}

/** esbuild wraps MDX errors as "Cannot process MDX file…\n  10:9: message"; keep the message. */
function bundleProblems(error: unknown, file: string): Problem[] {
  const errors = (error as { errors?: { text: string; location?: { line: number } | null }[] }).errors;
  if (!errors?.length) return [{ file, line: 1, message: `MDX: ${(error as Error).message}` }];
  return errors.map((e) => {
    const lastLine = e.text.split("\n").at(-1) ?? e.text;
    const message = lastLine.replace(/^\s*\d+:\d+(-\d+:\d+)?:\s*/, "");
    return { file, line: e.location?.line ?? 1, message: `MDX: ${message}` };
  });
}

function splitAtQuizzes(html: string, nonce: string): Segment[] {
  const parts = html.split(new RegExp(`<div data-quiz-slot="${nonce}:([A-Za-z0-9_-]+)"></div>`));
  const segments: Segment[] = [];
  parts.forEach((part, index) => {
    if (index % 2 === 1) segments.push({ kind: "quiz", quizId: part });
    else if (part.trim()) segments.push({ kind: "html", html: part });
  });
  return segments;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Text for search: tags become spaces so words from adjacent blocks don't run together. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return String.fromCodePoint(code);
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

function rehypeCollectToc(options: { toc: TocEntry[] }) {
  return (tree: HastRoot) => {
    visit(tree, "element", (node) => {
      if (node.tagName !== "h2" && node.tagName !== "h3") return;
      const id = node.properties.id;
      if (typeof id !== "string") return;
      options.toc.push({ id, text: hastToString(node).trim(), depth: node.tagName === "h2" ? 2 : 3 });
    });
  };
}
