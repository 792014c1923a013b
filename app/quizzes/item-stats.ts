import type { QuestionSpec } from "~/content/schema";
import type { AnswerFields, Grade } from "./engine";

// Item statistics for trainers, from submitted attempts. Pure: the database only supplies rows.

export type GradedAttempt = { grade: Grade; answers: AnswerFields };

export type QuestionStats = {
  id: string;
  attempts: number;
  /** Share of attempts that got the question fully right (the item's difficulty, p). */
  correctShare: number | null;
  /** Point-biserial correlation of the item (1 right, 0 not) with the rest of the score. */
  discrimination: number | null;
  /** For choice questions: how often each wrong choice was picked, as a share of attempts. */
  wrongChoices: { id: string; picked: number; share: number }[];
};

export type QuizStats = {
  attempts: number;
  passRate: number | null;
  meanPercent: number | null;
  /** Ten buckets of score percent: 0–9, 10–19, … 90–100. */
  distribution: number[];
  questions: QuestionStats[];
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * r_pb = (M1 − M0) / s · √(p·q): M1 and M0 are the mean rest scores (total minus this item) of
 * those who got the item right and wrong, s the population standard deviation of the rest
 * scores, p the share right and q = 1 − p. Undefined (null) with fewer than two attempts, when
 * everyone or no one got it right, or when the rest scores do not vary.
 */
export function pointBiserial(items: number[], rest: number[]): number | null {
  const n = items.length;
  if (n < 2 || rest.length !== n) return null;
  const right = rest.filter((_, i) => items[i] === 1);
  const wrong = rest.filter((_, i) => items[i] !== 1);
  if (right.length === 0 || wrong.length === 0) return null;
  const m = mean(rest);
  const s = Math.sqrt(mean(rest.map((x) => (x - m) ** 2)));
  if (s === 0) return null;
  const p = right.length / n;
  return ((mean(right) - mean(wrong)) / s) * Math.sqrt(p * (1 - p));
}

export function quizStats(questions: QuestionSpec[], attempts: GradedAttempt[]): QuizStats {
  const distribution = Array.from({ length: 10 }, () => 0);
  for (const a of attempts) distribution[Math.min(9, Math.floor(a.grade.percent / 10))]! += 1;
  return {
    attempts: attempts.length,
    passRate: attempts.length ? attempts.filter((a) => a.grade.passed).length / attempts.length : null,
    meanPercent: attempts.length ? mean(attempts.map((a) => a.grade.percent)) : null,
    distribution,
    questions: questions.map((question) => {
      const seen = attempts.flatMap((a) => {
        const g = a.grade.questions.find((q) => q.id === question.id);
        return g ? [{ g, a }] : [];
      });
      const items = seen.map(({ g }) => (g.status === "correct" ? 1 : 0));
      const rest = seen.map(({ g, a }) => a.grade.score - g.points);
      const wrongChoices =
        question.type === "single" || question.type === "multiple"
          ? question.choices
              .filter((c) => !c.correct)
              .map((c) => {
                const picked = seen.filter(({ a }) => a.answers[`q:${question.id}`]?.includes(c.id)).length;
                return { id: c.id, picked, share: seen.length ? picked / seen.length : 0 };
              })
          : [];
      return {
        id: question.id,
        attempts: seen.length,
        correctShare: seen.length ? mean(items) : null,
        discrimination: pointBiserial(items, rest),
        wrongChoices,
      };
    }),
  };
}
