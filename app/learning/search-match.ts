import { foldForSearch } from "~/platform/text";

/** Text cut into runs, the runs that match a search term marked (rendered as <mark>). */
export type Marked = { text: string; mark: boolean }[];

/**
 * Folds text the way search does (case, Vietnamese diacritics, đ, runs of spaces) one character at a time, keeping
 * for each folded character the index of the source character it came from, so a match found in the folded text
 * can be marked in the text as written.
 */
function foldWithMap(text: string) {
  let folded = "";
  const source: number[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const f = /\s/.test(ch) ? (folded.endsWith(" ") ? "" : " ") : foldForSearch(ch);
    for (let k = 0; k < f.length; k++) source.push(i);
    folded += f;
    i += ch.length;
  }
  source.push(text.length);
  return { folded, source };
}

/** Source ranges [start, end) where any term occurs, merged and in order. */
function matchRanges(text: string, terms: string[]) {
  const { folded, source } = foldWithMap(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + term.length)) {
      const start = source[at]!;
      const lastSource = source[at + term.length - 1]!;
      // The end is the source character after the last one matched (a precomposed letter counts whole).
      let end = lastSource + String.fromCodePoint(text.codePointAt(lastSource)!).length;
      // Decomposed text: the marks after the last letter belong to it.
      while (end < text.length && /[\u0300-\u036f]/.test(text[end]!)) end++;
      ranges.push([start, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function cut(text: string, ranges: [number, number][], from = 0, to = text.length): Marked {
  const out: Marked = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(Math.max(start, from), Math.min(end, to)), mark: true });
    at = Math.min(end, to);
  }
  if (at < to) out.push({ text: text.slice(at, to), mark: false });
  return out;
}

/** The whole text with every occurrence of the terms marked; null when none occurs. */
export function highlight(text: string, terms: string[]): Marked | null {
  const ranges = matchRanges(text, terms);
  return ranges.length ? cut(text, ranges) : null;
}

/** Whether every term occurs in the text (the catalogue's own rule for a match). */
export function containsAll(text: string, terms: string[]) {
  const folded = foldForSearch(text);
  return terms.length > 0 && terms.every((t) => folded.includes(t));
}

/** A short passage around the first match, cut at word boundaries, with "…" where it was shortened. */
export function snippet(text: string, terms: string[], radius = 70): Marked | null {
  const ranges = matchRanges(text, terms);
  const first = ranges[0];
  if (!first) return null;
  let from = Math.max(0, first[0] - radius);
  let to = Math.min(text.length, first[1] + radius);
  if (from > 0) from = text.indexOf(" ", from) + 1 || from;
  if (to < text.length) to = Math.max(text.lastIndexOf(" ", to), first[1]);
  const marked = cut(text, ranges, from, to);
  if (from > 0) marked.unshift({ text: "…", mark: false });
  if (to < text.length) marked.push({ text: "…", mark: false });
  return marked;
}
