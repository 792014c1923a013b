import { z } from "zod";
import type { QuestionSpec, QuizSpec } from "../content/schema";

// Seeded randomness for attempts. An attempt stores its seed and its layout; everything here is
// a pure function of the seed, so the same attempt always shows the same questions in the same
// order, on any server and after any restart. Plain JavaScript (no node:crypto) so that it runs
// anywhere, and tests can pin exact outputs.

/** A generator of numbers in [0, 1). */
export type Random = () => number;

/**
 * cyrb128: a fast non-cryptographic string hash giving 128 bits, enough to seed sfc32's whole
 * state. The seed is not a secret (it is random per attempt), so a keyed hash is not needed.
 */
export function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Small Fast Counter, from PractRand) seeded from a string. */
export function createRandom(seed: string): Random {
  let [a, b, c, d] = hashSeed(seed);
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 still echo the seed; its authors advise discarding a few.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** Fisher–Yates: a new array, every permutation equally likely, the same seed the same order. */
export function shuffle<T>(items: readonly T[], seed: string | Random): T[] {
  const random = typeof seed === "string" ? createRandom(seed) : seed;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Shuffles ids whose authored order is the answer (ordering items, matching right-hand sides).
 * Showing them in that order would give the answer away, so a shuffle that lands on it is
 * rotated by one: still deterministic, and never the authored order when there are ≥ 2 ids.
 */
export function shuffleAwayFrom(ids: readonly string[], seed: string | Random): string[] {
  const out = shuffle(ids, seed);
  if (out.length > 1 && out.every((id, i) => id === ids[i])) out.push(out.shift()!);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The attempt's layout

export const attemptLayoutSchema = z.object({
  questions: z.array(
    z.object({
      id: z.string(),
      /**
       * Option ids in display order: choice ids (single, multiple), right-hand opaque ids
       * (matching; the left-hand sides keep their authored order), item opaque ids (ordering);
       * empty for true-false, short and numeric.
       */
      options: z.array(z.string()),
    }),
  ),
});
/** An attempt's question set, in order, with each question's option order. Stored with the attempt. */
export type AttemptLayout = z.infer<typeof attemptLayoutSchema>;

/**
 * Draws an attempt: `pool` questions of the quiz (all when absent), their order, and each
 * question's option order. Each concern draws from its own stream (seed + label), so that a
 * question's option order does not depend on how many questions come before it.
 */
export function drawQuestionSet(spec: QuizSpec, seed: string): AttemptLayout {
  let questions = spec.questions;
  if (spec.pool !== null && spec.pool < questions.length) {
    const drawn = new Set(shuffle(questions, `${seed}\u0000pool`).slice(0, spec.pool));
    // Without `shuffle`, the drawn questions keep the order the trainer wrote them in.
    questions = questions.filter((q) => drawn.has(q));
  }
  if (spec.shuffle) questions = shuffle(questions, `${seed}\u0000order`);
  return {
    questions: questions.map((question) => ({
      id: question.id,
      options: optionOrder(question, spec.shuffle, `${seed}\u0000q\u0000${question.id}`),
    })),
  };
}

function optionOrder(question: QuestionSpec, shuffled: boolean, seed: string): string[] {
  switch (question.type) {
    case "single":
    case "multiple": {
      const ids = question.choices.map((c) => c.id);
      return shuffled ? shuffle(ids, seed) : ids;
    }
    case "matching":
      return shuffleAwayFrom(
        question.pairs.map((p) => p.rightId),
        seed,
      );
    case "ordering":
      return shuffleAwayFrom(
        question.items.map((i) => i.publicId),
        seed,
      );
    case "true-false":
    case "short":
    case "numeric":
      return [];
  }
}
