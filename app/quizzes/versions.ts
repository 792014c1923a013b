/**
 * An attempt keeps the quiz as it was when it started, in every language the lesson had then, so that a
 * learner who switches the interface language sees the same attempt in the new language. Grading always
 * uses the version the attempt started in: answers are option ids, the same in every language.
 */
import type { QuizPublic, QuizSpec } from "~/content/schema";
import type { Locale } from "~/i18n";

type Translations<T> = Partial<Record<Locale, T>>;
export type Stored<T> = T & { translations?: Translations<T> };
export type QuizVersion = { spec: QuizSpec; publicQuiz: QuizPublic };

/** Option ids of a public question, in a stable order (the layout shuffles ids, not texts). */
function shapeOf(quiz: QuizPublic) {
  return quiz.questions.map((q) => {
    const ids = "choices" in q ? q.choices : "items" in q ? q.items : "left" in q ? [...q.left, ...q.right] : [];
    return `${q.id}:${q.type}:${q.points}:${ids.map((o) => o.id).sort().join(",")}`;
  }).sort().join("|");
}

/**
 * The snapshot to store: the starting version plus every other language version with exactly the same
 * questions and options (a translation that differs in structure would not fit the drawn layout).
 */
export function snapshotOf(own: QuizVersion, others: Translations<QuizVersion>) {
  const fitting = Object.entries(others).filter(([, v]) => v && shapeOf(v.publicQuiz) === shapeOf(own.publicQuiz)) as [Locale, QuizVersion][];
  return {
    spec: { ...own.spec, translations: Object.fromEntries(fitting.map(([l, v]) => [l, v.spec])) } satisfies Stored<QuizSpec>,
    publicQuiz: { ...own.publicQuiz, translations: Object.fromEntries(fitting.map(([l, v]) => [l, v.publicQuiz])) } satisfies Stored<QuizPublic>,
  };
}

/** The stored version in `lang` when the attempt has it, else the one it started in (attempts from before this). */
export function inLanguage<T extends object>(stored: Stored<T>, lang: Locale): T {
  const { translations, ...own } = stored;
  return translations?.[lang] ?? (own as T);
}
