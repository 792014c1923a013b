/**
 * A course's cover: content/courses/<slug>/cover.svg, a light decorative drawing without text (titles are on the
 * card, in the reader's language). It is published as a static file (/content/<slug>/cover.svg) and shown with
 * alt="", so it must be safe to open on its own: no scripts, handlers, external references or embedded documents.
 */
export const COVER_FILE = "cover.svg";
export const COVER_MAX_BYTES = 12 * 1024;

const FORBIDDEN: [RegExp, string][] = [
  [/<\s*script\b/i, "no <script>"],
  [/<\s*foreignObject\b/i, "no <foreignObject>"],
  [/<\s*(iframe|object|embed|image|use|a|animate\w*|set)\b/i, "no <image>, <use>, <a>, <iframe>, <object>, <embed> or animation elements"],
  [/<\s*text\b/i, "no <text>: covers carry no words (the card shows the title in the reader's language)"],
  [/\son[a-z]+\s*=/i, "no event handler attributes (on…=)"],
  [/(?:xlink:)?href\s*=/i, "no links or references (href)"],
  [/url\(\s*['"]?(?!#)/i, "url(…) may only point inside the file (url(#id))"],
  [/@import|javascript:|data:/i, "no @import, javascript: or data: URLs"],
  [/<!DOCTYPE|<!ENTITY/i, "no DOCTYPE or entities"],
];

/** What is wrong with a cover's source (empty when it may be published). */
export function coverProblems(source: string): string[] {
  const problems: string[] = [];
  if (Buffer.byteLength(source, "utf8") > COVER_MAX_BYTES) problems.push(`cover.svg is larger than ${COVER_MAX_BYTES / 1024} KB: simplify the drawing`);
  const root = /<svg\b[^>]*>/i.exec(source);
  if (!root) problems.push("cover.svg must be an <svg> document");
  else if (!/\sviewBox\s*=\s*["']0 0 320 180["']/.test(root[0])) problems.push('cover.svg needs viewBox="0 0 320 180" (16:9)');
  for (const [pattern, message] of FORBIDDEN) if (pattern.test(source)) problems.push(`cover.svg: ${message}`);
  return problems;
}
