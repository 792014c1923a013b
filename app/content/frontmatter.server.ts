import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from "yaml";
import type { z } from "zod";
import type { Problem } from "./problems";

/** Line of every frontmatter value by dotted path ("competences.1.id"); "" is the opening `---`. */
export type FrontmatterLines = Record<string, number>;

export type FrontmatterResult =
  | { ok: true; data: unknown; lines: FrontmatterLines }
  | { ok: false; problems: Problem[] };

const FENCE = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** Parses the YAML block with positions, so every problem points at a real line of the file. */
export function readFrontmatter(source: string, file: string): FrontmatterResult {
  const match = FENCE.exec(source);
  if (!match) {
    return { ok: false, problems: [{ file, line: 1, message: "missing frontmatter (--- YAML --- at the top of the file)" }] };
  }
  const parsed = parseYamlWithLines(match[1] ?? "", 2);
  if (!parsed.ok) {
    return { ok: false, problems: parsed.errors.map((e) => ({ file, line: e.line, message: `frontmatter: ${e.message}` })) };
  }
  return parsed;
}

/** YAML → JS plus the line of every value; `firstLine` is the file line the text starts on. */
export function parseYamlWithLines(
  text: string,
  firstLine: number,
): { ok: true; data: unknown; lines: FrontmatterLines } | { ok: false; errors: { line: number; message: string }[] } {
  const lineAt = (offset: number) => firstLine + countNewlines(text, offset);
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => ({ line: lineAt(error.pos[0]), message: `invalid YAML: ${error.message.split("\n")[0]}` })),
    };
  }
  const lines: FrontmatterLines = { "": Math.max(1, firstLine - 1) };
  collectLines(doc.contents, [], lines, lineAt);
  return { ok: true, data: doc.toJS(), lines };
}

/** Validates parsed YAML (frontmatter or a data file); zod issues become problems on the line of the offending key. */
export function validateFrontmatter<S extends z.ZodType>(
  schema: S,
  parsed: { data: unknown; lines: FrontmatterLines },
  file: string,
  label = "frontmatter",
): { ok: true; data: z.infer<S> } | { ok: false; problems: Problem[] } {
  const result = schema.safeParse(parsed.data ?? {});
  if (result.success) return { ok: true, data: result.data };
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    const dotted = path.join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const keyPath = [...path, key].join(".");
        problems.push({ file, line: parsed.lines[keyPath] ?? 1, message: `${label}: unknown field "${keyPath}"` });
      }
    } else if (!(dotted in parsed.lines)) {
      problems.push({ file, line: nearestLine(path, parsed.lines), message: `${label}: missing required field "${dotted}"` });
    } else {
      problems.push({ file, line: parsed.lines[dotted] ?? 1, message: `${label}.${dotted}: ${issue.message}` });
    }
  }
  return { ok: false, problems };
}

function nearestLine(path: string[], lines: FrontmatterLines): number {
  for (let i = path.length - 1; i > 0; i--) {
    const line = lines[path.slice(0, i).join(".")];
    if (line !== undefined) return line;
  }
  return 1;
}

function collectLines(
  node: unknown,
  path: string[],
  lines: FrontmatterLines,
  lineAt: (offset: number) => number,
): void {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const childPath = [...path, String(item.key.value)];
      const anchor = (item.value as Node | null)?.range ? item.value : item.key;
      lines[childPath.join(".")] = lineAt((anchor as Node).range?.[0] ?? 0);
      collectLines(item.value, childPath, lines, lineAt);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const childPath = [...path, String(index)];
      lines[childPath.join(".")] = lineAt((item as Node).range?.[0] ?? 0);
      collectLines(item, childPath, lines, lineAt);
    });
  }
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}
