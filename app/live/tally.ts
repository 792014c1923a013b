import { foldForSearch } from "~/platform/text";

/** Counting live answers: pure functions over stored rows, shared by the presenter, the results page and exports. */

export type ChoiceTally = { counts: number[]; voters: number };

/** Votes per choice of a poll or quiz (a multiple-choice voter counts once per choice they ticked). */
export function tallyChoices(optionCount: number, responses: { choices: number[] }[]): ChoiceTally {
  const counts = Array.from({ length: optionCount }, () => 0);
  for (const response of responses) {
    for (const choice of new Set(response.choices)) if (choice >= 0 && choice < optionCount) counts[choice]! += 1;
  }
  return { counts, voters: responses.length };
}

export type RatingTally = { counts: number[]; voters: number; mean: number | null };

/** Votes per step of a 1…max scale, and the mean. */
export function tallyRating(scaleMax: number, values: (number | null)[]): RatingTally {
  const counts = Array.from({ length: scaleMax }, () => 0);
  let sum = 0;
  let n = 0;
  for (const value of values) {
    if (value === null || value < 1 || value > scaleMax) continue;
    counts[value - 1]! += 1;
    sum += value;
    n += 1;
  }
  return { counts, voters: n, mean: n ? sum / n : null };
}

export type WordCount = { word: string; count: number };

/** A word-cloud entry as it is counted: folded (case, diacritics, đ), spaces squeezed, outer punctuation dropped. */
export function wordKey(text: string) {
  return foldForSearch(text).replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, "");
}

/** The entry as it is shown: trimmed, spaces squeezed, in NFC (a phone may send decomposed Vietnamese). */
export function wordDisplay(text: string) {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/**
 * Groups word-cloud entries: "Trí tuệ", "trí tuệ" and "tri tue" count together, shown in the spelling most
 * people used (ties: the one seen first). Most common first, then alphabetically.
 */
export function tallyWords(entries: string[]): WordCount[] {
  const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const entry of entries) {
    const key = wordKey(entry);
    if (!key) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { count: 0, spellings: new Map() }));
    group.count += 1;
    const shown = wordDisplay(entry);
    group.spellings.set(shown, (group.spellings.get(shown) ?? 0) + 1);
  }
  const words: WordCount[] = [];
  for (const group of groups.values()) {
    let best = "";
    let bestCount = 0;
    for (const [spelling, count] of group.spellings) {
      if (count > bestCount) {
        best = spelling;
        bestCount = count;
      }
    }
    words.push({ word: best, count: group.count });
  }
  return words.sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, "vi"));
}

/** A font-size step 1–5 for a word of the cloud, by its share of the largest count. */
export function cloudStep(count: number, max: number) {
  if (max <= 1) return 3;
  return 1 + Math.round(((count - 1) / (max - 1)) * 4);
}

/** Text that holds a link (a scheme, "www.", or a domain-like word): guests may be kept from posting them. */
export function containsLink(text: string) {
  return /(https?:\/\/|www\.|\b[a-z0-9-]+\.(com|vn|net|org|info|io|ly|me|xyz|edu|gov)\b)/i.test(text);
}
