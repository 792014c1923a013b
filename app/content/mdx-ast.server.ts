import type { PhrasingContent, RootContent } from "mdast";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import type { Node } from "unist";
import type { z } from "zod";
import { escapeHtml } from "~/platform/text";

// Small helpers over the MDX syntax tree shared by the quiz extractor and the validator.

export type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

export function isJsxElement(node: Node): node is JsxElement {
  return node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement";
}

export function lineOf(node: Node | undefined, fallback = 1): number {
  return node?.position?.start.line ?? fallback;
}

/**
 * Attribute values as JS values. Authors may only write literals (`{3}`, `{false}`, `"x"`),
 * so we never evaluate code at build time; a bare attribute (`correct`) means true.
 */
export function readAttributes(node: JsxElement): { values: Record<string, unknown>; errors: { line: number; message: string }[] } {
  const values: Record<string, unknown> = {};
  const errors: { line: number; message: string }[] = [];
  for (const attribute of node.attributes) {
    const line = lineOf(attribute, lineOf(node));
    if (attribute.type !== "mdxJsxAttribute") {
      errors.push({ line, message: `<${node.name}> spread attributes are not allowed` });
      continue;
    }
    const { name, value } = attribute;
    if (value === null || value === undefined) values[name] = true;
    else if (typeof value === "string") values[name] = value;
    else {
      const literal = parseLiteral(value.value);
      if (literal.ok) values[name] = literal.value;
      else errors.push({ line, message: `<${node.name}> attribute "${name}" must be a literal value, not {${value.value}}` });
    }
  }
  return { values, errors };
}

function parseLiteral(source: string): { ok: true; value: unknown } | { ok: false } {
  const code = source.trim();
  if (code === "true") return { ok: true, value: true };
  if (code === "false") return { ok: true, value: false };
  if (/^-?(\d+(\.\d*)?|\.\d+)$/.test(code)) return { ok: true, value: Number(code) };
  const quoted = /^(["'])(.*)\1$/s.exec(code);
  if (quoted) return { ok: true, value: quoted[2] };
  return { ok: false };
}

/** Reads and validates an element's attributes; problems point at the attribute's line. */
export function parseAttributes<S extends z.ZodType>(
  node: JsxElement,
  schema: S,
): { ok: true; data: z.infer<S> } | { ok: false; errors: { line: number; message: string }[] } {
  const { values, errors } = readAttributes(node);
  if (errors.length > 0) return { ok: false, errors };
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const attributeLine = (name: string) =>
    lineOf(node.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === name), lineOf(node));
  return {
    ok: false,
    errors: result.error.issues.flatMap((issue) => {
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({ line: attributeLine(key), message: `<${node.name}> unknown attribute "${key}"` }));
      }
      const name = String(issue.path[0] ?? "");
      if (!(name in values)) {
        return [{ line: lineOf(node), message: `<${node.name}> missing required attribute "${name}"` }];
      }
      return [{ line: attributeLine(name), message: `<${node.name}> attribute "${name}": ${issue.message}` }];
    }),
  };
}

/** Plain text of inline or block content, whitespace collapsed. */
export function plainText(nodes: readonly Node[]): string {
  return collapse(nodes.map(nodeText).join(""));
}

function nodeText(node: Node): string {
  if ("value" in node && typeof node.value === "string" && (node.type === "text" || node.type === "inlineCode")) {
    return node.value;
  }
  if (node.type === "break") return " ";
  const children = "children" in node && Array.isArray(node.children) ? (node.children as Node[]) : [];
  const inner = children.map(nodeText).join("");
  return node.type === "paragraph" ? ` ${inner} ` : inner;
}

/** Inline formatting only (strong, emphasis, code); everything else is flattened to text. */
export function inlineHtml(nodes: readonly (PhrasingContent | RootContent)[]): string {
  return collapse(nodes.map(nodeHtml).join("")).trim();
}

function nodeHtml(node: PhrasingContent | RootContent): string {
  switch (node.type) {
    case "text":
      return escapeHtml(node.value);
    case "inlineCode":
      return `<code>${escapeHtml(node.value)}</code>`;
    case "strong":
      return `<strong>${node.children.map(nodeHtml).join("")}</strong>`;
    case "emphasis":
      return `<em>${node.children.map(nodeHtml).join("")}</em>`;
    case "break":
      return " ";
    case "paragraph":
      return ` ${node.children.map(nodeHtml).join("")} `;
    default:
      return "children" in node ? escapeHtml(plainText(node.children as Node[])) : "";
  }
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
