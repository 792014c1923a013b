import type { QuestionPublic } from "~/content/schema";

// What the lesson page receives for each quiz: public questions only, never an answer key.

export type AttemptQuestion = QuestionPublic & { n: number };

export type QuestionResult = {
  id: string;
  n: number;
  promptHtml: string;
  status: "correct" | "incorrect" | "partial" | "unanswered";
  points: number;
  maxPoints: number;
  yourAnswer: string;
  /** Present only when the quiz's settings allow showing it now. */
  correctAnswer: string | null;
  explanation: string | null;
};

export type QuizResultView = {
  attemptNo: number;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  submittedAt: string;
  questions: QuestionResult[];
};

export type QuizView = {
  id: string;
  title: string;
  graded: boolean;
  passMark: number;
  questionCount: number;
  attemptsAllowed: number | null;
  attemptsUsed: number;
  bestPercent: number | null;
  passed: boolean;
  /** When waiting between attempts: the moment the next one opens. */
  nextAttemptAt: string | null;
  canStart: boolean;
  attempt: {
    id: string;
    attemptNo: number;
    savedAt: string | null;
    questions: AttemptQuestion[];
    /** Saved form values by field name, to restore every answer after a reload. */
    answers: Record<string, string[]>;
  } | null;
  result: QuizResultView | null;
};
