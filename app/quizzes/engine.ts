import { createHash } from "node:crypto";
import type { QuestionPublic, QuestionSpec, QuizPublic, QuizSpec } from "~/content/schema";
import { foldForSearch } from "~/platform/text";

// The pure quiz engine: draws an attempt's question set, cleans what a browser sent, grades it.
// It never touches the database, so every rule here is unit-tested directly.

/** An attempt's fixed questions and, per question, the display order of its options. */
export type AttemptLayout = { questions: { id: string; options: string[] }[] };
/** Answers as form fields: `q:<question>` (single, multiple, true-false, short, numeric) or
 *  `q:<question>:<left or item id>` (matching: the chosen right-hand id; ordering: the position). */
export type AnswerFields = Record<string, string[]>;

const MAX_VALUE_LENGTH = 500;

// --- seeded shuffling ---------------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededRandom(seed: string) {
  return mulberry32(createHash("sha256").update(seed).digest().readUInt32LE(0));
}

/** Fisher–Yates with a seeded generator: the same seed always gives the same order. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Shuffles, and rotates when the result would show the answer (the authored order). */
function shuffleAwayFrom(ids: string[], random: () => number) {
  const out = shuffle(ids, random);
  if (out.length > 1 && out.every((id, i) => id === ids[i])) out.push(out.shift()!);
  return out;
}

export function drawLayout(spec: QuizSpec, seed: string): AttemptLayout {
  const random = seededRandom(seed);
  let questions = spec.questions;
  if (spec.pool && spec.pool < questions.length) {
    const drawn = new Set(shuffle(questions, random).slice(0, spec.pool).map((q) => q.id));
    questions = questions.filter((q) => drawn.has(q.id));
  }
  if (spec.shuffle) questions = shuffle(questions, random);
  return {
    questions: questions.map((q) => {
      switch (q.type) {
        case "single":
        case "multiple": {
          const ids = q.choices.map((c) => c.id);
          return { id: q.id, options: spec.shuffle ? shuffle(ids, random) : ids };
        }
        case "ordering":
          return { id: q.id, options: shuffleAwayFrom(q.items.map((i) => i.publicId), random) };
        case "matching":
          return { id: q.id, options: shuffleAwayFrom(q.pairs.map((p) => p.rightId), random) };
        default:
          return { id: q.id, options: [] };
      }
    }),
  };
}

/** The public questions of an attempt, in its order, with options in its order. */
export function layoutQuestions(quiz: QuizPublic, layout: AttemptLayout): (QuestionPublic & { n: number })[] {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  return layout.questions.flatMap((entry, index): (QuestionPublic & { n: number })[] => {
    const question = byId.get(entry.id);
    if (!question) return [];
    const order = <T extends { id: string }>(options: T[]) => {
      const map = new Map(options.map((o) => [o.id, o]));
      return entry.options.flatMap((id) => (map.has(id) ? [map.get(id)!] : []));
    };
    const n = index + 1;
    switch (question.type) {
      case "single":
      case "multiple":
        return [{ ...question, n, choices: order(question.choices) }];
      case "ordering":
        return [{ ...question, n, items: order(question.items) }];
      case "matching":
        return [{ ...question, n, right: order(question.right) }];
      default:
        return [{ ...question, n }];
    }
  });
}

// --- cleaning what the browser sent -------------------------------------------------------------

/**
 * Keeps only the fields that belong to the attempt's questions, with values that are possible
 * answers; anything else in the body (unknown ids, repeated keys, huge values) is dropped.
 * Never throws, whatever the body holds.
 */
export function cleanAnswers(spec: QuizSpec, layout: AttemptLayout, body: Iterable<[string, FormDataEntryValue]>): AnswerFields {
  const questions = new Map(spec.questions.map((q) => [q.id, q]));
  const inAttempt = new Set(layout.questions.map((q) => q.id));
  const out: AnswerFields = {};
  for (const [key, raw] of body) {
    if (typeof raw !== "string" || !key.startsWith("q:")) continue;
    let value = cleanText(raw);
    const [, questionId = "", part] = key.split(":");
    const question = questions.get(questionId);
    if (!question || !inAttempt.has(questionId) || key.split(":").length > 3 || value === "") continue;
    if (!acceptsValue(question, part, value)) continue;
    if (question.type === "ordering") value = String(Number(value)); // "01" and "1" are one position
    const list = (out[key] ??= []);
    if (question.type === "multiple" && part === undefined) {
      if (!list.includes(value)) list.push(value);
    } else {
      out[key] = [value];
    }
  }
  return out;
}

/**
 * NFC, without control characters (PostgreSQL's jsonb refuses U+0000), trimmed, and cut to
 * MAX_VALUE_LENGTH code points without splitting a surrogate pair.
 */
function cleanText(raw: string) {
  const text = raw.toWellFormed().normalize("NFC").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").trim();
  return Array.from(text).slice(0, MAX_VALUE_LENGTH).join("");
}

function acceptsValue(question: QuestionSpec, part: string | undefined, value: string) {
  switch (question.type) {
    case "single":
    case "multiple":
      return part === undefined && question.choices.some((c) => c.id === value);
    case "true-false":
      return part === undefined && (value === "true" || value === "false");
    case "short":
      return part === undefined;
    case "numeric":
      return part === undefined && numericCandidates(value).length > 0;
    case "matching":
      return question.pairs.some((p) => p.id === part) && question.pairs.some((p) => p.rightId === value);
    case "ordering": {
      const position = Number(value);
      return question.items.some((i) => i.publicId === part) && /^\d{1,3}$/.test(value) && position >= 1 && position <= question.items.length;
    }
  }
}

/**
 * The numbers a typed answer can mean. "1,5" is 1.5 (Vietnamese decimal comma); "25.000" is
 * 25000 in Vietnamese and 25 in English, so both are candidates.
 */
export function numericCandidates(raw: string): number[] {
  const text = raw.replace(/[\s\u00a0]/g, "");
  if (!/^[+-]?[\d.,]+$/.test(text) || !/\d/.test(text)) return [];
  const values = new Set<number>();
  const add = (s: string) => {
    const n = Number(s);
    if (Number.isFinite(n)) values.add(n);
  };
  const dots = (text.match(/\./g) ?? []).length;
  const commas = (text.match(/,/g) ?? []).length;
  if (dots && commas) {
    const decimal = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    add(text.split(thousands).join("").replace(decimal, "."));
  } else if (dots + commas === 0) {
    add(text);
  } else {
    const sep = dots ? "." : ",";
    const count = dots || commas;
    const groups = text.split(sep);
    if (count > 1) {
      if (groups.slice(1).every((g) => g.length === 3)) add(groups.join(""));
    } else {
      add(text.replace(sep, "."));
      if (groups[1]?.length === 3) add(groups.join(""));
    }
  }
  return [...values];
}

// --- grading ------------------------------------------------------------------------------------

export type QuestionGrade = { id: string; points: number; maxPoints: number; answered: boolean; status: "correct" | "incorrect" | "partial" | "unanswered" };
export type Grade = { score: number; maxScore: number; percent: number; passed: boolean; questions: QuestionGrade[] };

const round2 = (n: number) => Math.round(n * 100) / 100;

function fold(text: string, ignoreCase: boolean, ignoreDiacritics: boolean) {
  let out = text.normalize("NFC").trim().replace(/\s+/g, " ");
  if (ignoreDiacritics) out = foldForSearch(out);
  else if (ignoreCase) out = out.toLowerCase();
  return out;
}

/** The share of a question's points an answer earns, from 0 to 1; null when unanswered. */
export function questionCredit(question: QuestionSpec, fields: AnswerFields): number | null {
  const name = `q:${question.id}`;
  const first = fields[name]?.[0];
  switch (question.type) {
    case "single":
      return first === undefined ? null : question.choices.find((c) => c.id === first)?.correct ? 1 : 0;
    case "multiple": {
      const chosen = new Set(fields[name] ?? []);
      if (chosen.size === 0) return null;
      const correct = question.choices.filter((c) => c.correct);
      const right = correct.filter((c) => chosen.has(c.id)).length;
      const wrong = question.choices.filter((c) => !c.correct && chosen.has(c.id)).length;
      if (!question.partialCredit) return right === correct.length && wrong === 0 ? 1 : 0;
      return Math.max(0, (right - wrong) / correct.length);
    }
    case "true-false":
      return first === undefined ? null : (first === "true") === question.answer ? 1 : 0;
    case "short": {
      if (first === undefined) return null;
      const given = fold(first, question.ignoreCase, question.ignoreDiacritics);
      return question.accept.some((a) => fold(a, question.ignoreCase, question.ignoreDiacritics) === given) ? 1 : 0;
    }
    case "numeric":
      if (first === undefined) return null;
      return numericCandidates(first).some((n) => Math.abs(n - question.answer) <= question.tolerance + 1e-9) ? 1 : 0;
    case "matching": {
      // Proportional credit: each correctly matched pair earns its share of the points.
      const answered = question.pairs.filter((p) => fields[`${name}:${p.id}`]?.[0] !== undefined);
      if (answered.length === 0) return null;
      return question.pairs.filter((p) => fields[`${name}:${p.id}`]?.[0] === p.rightId).length / question.pairs.length;
    }
    case "ordering": {
      // All or nothing: a partly right order has no single fair measure.
      const positions = question.items.map((item) => fields[`${name}:${item.publicId}`]?.[0]);
      if (positions.every((p) => p === undefined)) return null;
      return positions.every((p, index) => p === String(index + 1)) ? 1 : 0;
    }
  }
}

export function gradeAttempt(spec: QuizSpec, layout: AttemptLayout, fields: AnswerFields): Grade {
  const byId = new Map(spec.questions.map((q) => [q.id, q]));
  const questions: QuestionGrade[] = [];
  let raw = 0;
  for (const entry of layout.questions) {
    const question = byId.get(entry.id);
    if (!question) continue;
    const credit = questionCredit(question, fields);
    const exact = question.points * Math.min(1, Math.max(0, credit ?? 0));
    raw += exact;
    const points = round2(exact);
    questions.push({
      id: question.id,
      points,
      maxPoints: question.points,
      answered: credit !== null,
      status: credit === null ? "unanswered" : credit >= 1 ? "correct" : credit > 0 ? "partial" : "incorrect",
    });
  }
  // Sum the exact points and round once, so per-question rounding never lifts a score over a pass mark.
  const max = questions.reduce((s, q) => s + q.maxPoints, 0);
  const exactPercent = max > 0 ? (Math.min(raw, max) / max) * 100 : 0;
  return {
    score: Math.min(round2(max), round2(raw)),
    maxScore: round2(max),
    percent: round2(exactPercent),
    passed: exactPercent >= spec.passMark - 1e-9,
    questions,
  };
}

export function unansweredCount(spec: QuizSpec, layout: AttemptLayout, fields: AnswerFields) {
  const byId = new Map(spec.questions.map((q) => [q.id, q]));
  return layout.questions.filter((entry) => {
    const question = byId.get(entry.id);
    if (!question) return false;
    const name = `q:${question.id}`;
    if (question.type === "matching") return question.pairs.some((p) => !fields[`${name}:${p.id}`]);
    if (question.type === "ordering") return question.items.some((i) => !fields[`${name}:${i.publicId}`]);
    return !fields[name]?.length;
  }).length;
}

// --- feedback -----------------------------------------------------------------------------------

export type ShowAnswersContext = { passed: boolean; attemptsLeft: number | null };

/** Whether correct answers and explanations may be shown now, by the quiz's setting. */
export function mayShowAnswers(spec: Pick<QuizSpec, "showAnswers">, context: ShowAnswersContext) {
  switch (spec.showAnswers) {
    case "after-attempt":
      return true;
    case "after-pass":
      return context.passed;
    case "after-last-attempt":
      return context.attemptsLeft === 0 || context.passed;
    case "never":
      return false;
  }
}

/** A person-readable rendering of an answer (the learner's or the correct one). */
export function answerText(question: QuestionSpec, fields: AnswerFields, t: (key: string) => string): string {
  const name = `q:${question.id}`;
  switch (question.type) {
    case "single":
    case "multiple":
      return (fields[name] ?? []).map((id) => question.choices.find((c) => c.id === id)?.text ?? "").filter(Boolean).join("; ");
    case "true-false":
      return fields[name]?.[0] === undefined ? "" : fields[name]![0] === "true" ? t("quiz.trueLabel") : t("quiz.falseLabel");
    case "short":
    case "numeric":
      return fields[name]?.[0] ?? "";
    case "matching":
      return question.pairs
        .filter((p) => fields[`${name}:${p.id}`])
        .map((p) => `${p.left} → ${question.pairs.find((x) => x.rightId === fields[`${name}:${p.id}`]![0])?.right ?? "?"}`)
        .join("; ");
    case "ordering": {
      const placed = question.items
        .map((item) => ({ item, position: Number(fields[`${name}:${item.publicId}`]?.[0] ?? NaN) }))
        .filter((x) => Number.isFinite(x.position))
        .sort((a, b) => a.position - b.position);
      return placed.map((x) => x.item.text).join(" → ");
    }
  }
}

/** A number without exponent notation (1e21 → "1000000000000000000000"), as a person would type it. */
function plainNumber(n: number) {
  return n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}

/** The answer key as the fields a fully correct answer would send. */
export function correctFields(question: QuestionSpec): AnswerFields {
  const name = `q:${question.id}`;
  switch (question.type) {
    case "single":
    case "multiple":
      return { [name]: question.choices.filter((c) => c.correct).map((c) => c.id) };
    case "true-false":
      return { [name]: [String(question.answer)] };
    case "short":
      return { [name]: question.accept.slice(0, 1) };
    case "numeric":
      return { [name]: [plainNumber(question.answer)] };
    case "matching":
      return Object.fromEntries(question.pairs.map((p) => [`${name}:${p.id}`, [p.rightId]]));
    case "ordering":
      return Object.fromEntries(question.items.map((item, index) => [`${name}:${item.publicId}`, [String(index + 1)]]));
  }
}
