import { readFileSync } from "node:fs";
import type { ContentFile, CourseSource, LessonSource } from "./content-files.server";
import { readFrontmatter } from "./frontmatter.server";
import type { Problem } from "./problems";
import type { Lang, QuestionSpec, QuizSpec } from "./schema";

// Quizzes that measure understanding (content/README.md §7, "Quiz quality"): warnings, not errors.
// A trainer sees them on /trainer/health and in content:check; they never block publishing.

/** Below this many questions of a kind, a lopsided pattern is chance, not a habit. */
export const MIN_QUESTIONS_FOR_PATTERN = 4;
/** True/false answers more than this share one way are guessable. */
export const MAX_TRUE_FALSE_SHARE = 0.7;

type QuizIn = { file: ContentFile; quiz: QuizSpec };
type Facts = (file: ContentFile) => QuizSpec[] | undefined;

export function quizQualityProblems(course: CourseSource, answerKeys: Facts): Problem[] {
  const problems: Problem[] = [];
  const warn = (file: ContentFile, line: number, message: string) => problems.push({ file: file.rel, line, message, severity: "warning" });
  const error = (file: ContentFile, line: number, message: string) => problems.push({ file: file.rel, line, message });

  for (const lang of ["vi", "en"] as const) {
    const quizzes = quizzesOf(course, lang, answerKeys);
    duplicatePrompts(quizzes, warn);
    // vi and en carry the same answer key (check.server compares them): patterns are reported once,
    // on the Vietnamese file, unless the lesson exists only in English.
    const patterned = quizzes.filter(({ file }) => lang === "vi" || !course.lessons.some((l) => l.files.vi && l.files.en === file));
    for (const { file, quiz } of patterned) {
      const position = positionBias(quiz.questions);
      if (position) warn(file, quiz.line, `quiz "${quiz.id}": ${position}`);
      const truth = trueFalseBias(quiz.questions);
      if (truth) warn(file, quiz.line, `quiz "${quiz.id}": ${truth}`);
    }
    for (const { file, quiz } of patterned.filter((q) => q.quiz.graded)) finalCoverage(course, file, quiz, warn, error);
    // Small practice checks each pass on their own but can share one habit across a course
    // ("the answer is always b", "always false"): the same rules over all of a course's questions.
    const overview = course.overview[lang];
    const all = patterned.flatMap(({ quiz }) => quiz.questions);
    if (overview && patterned.length > 1) {
      const position = positionBias(all);
      if (position) warn(overview, 1, `across the course's quizzes, ${position}`);
      const truth = trueFalseBias(all);
      if (truth) warn(overview, 1, `across the course's quizzes, ${truth}`);
    }
  }
  return problems;
}

function quizzesOf(course: CourseSource, lang: Lang, answerKeys: Facts): QuizIn[] {
  return course.lessons.flatMap((lesson) => {
    const file = lesson.files[lang];
    return file ? (answerKeys(file) ?? []).map((quiz) => ({ file, quiz })) : [];
  });
}

const LETTERS = "abcde";

/** "the correct choice is the 2nd (b) in 4 of 5 choice questions", or null. */
export function positionBias(questions: readonly QuestionSpec[]): string | null {
  const choice = questions.flatMap((q) => (q.type === "single" || q.type === "multiple" ? [q] : []));
  if (choice.length < MIN_QUESTIONS_FOR_PATTERN) return null;
  const counts = new Map<number, number>();
  for (const question of choice) {
    question.choices.forEach((c, i) => {
      if (c.correct) counts.set(i, (counts.get(i) ?? 0) + 1);
    });
  }
  for (const [position, count] of [...counts].sort(([a], [b]) => a - b)) {
    if (count > choice.length / 2) {
      return `a correct choice is at position ${position + 1} (${LETTERS[position]}) in ${count} of ${choice.length} choice questions: vary where the right answer stands`;
    }
  }
  return null;
}

/** "4 of 5 true/false answers are false", or null. */
export function trueFalseBias(questions: readonly QuestionSpec[]): string | null {
  const answers = questions.flatMap((q) => (q.type === "true-false" ? [q.answer] : []));
  if (answers.length < MIN_QUESTIONS_FOR_PATTERN) return null;
  const trues = answers.filter(Boolean).length;
  const major = Math.max(trues, answers.length - trues);
  if (major / answers.length <= MAX_TRUE_FALSE_SHARE) return null;
  return `${major} of ${answers.length} true/false answers are ${trues >= answers.length - trues ? "true" : "false"}: balance them`;
}

/** Prompt text for comparison: case, punctuation and spacing do not make a question new. */
export function normalisePrompt(prompt: string): string {
  return prompt
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function duplicatePrompts(quizzes: QuizIn[], warn: (file: ContentFile, line: number, message: string) => void) {
  const seen = new Map<string, { file: ContentFile; quiz: QuizSpec; question: QuestionSpec }>();
  for (const { file, quiz } of quizzes) {
    for (const question of quiz.questions) {
      const key = normalisePrompt(question.prompt);
      if (!key) continue;
      const first = seen.get(key);
      if (first) {
        const where = first.file === file ? `line ${first.question.line}` : `${first.file.rel.split("/").at(-1)}:${first.question.line}`;
        warn(file, question.line, `quiz "${quiz.id}", question "${question.id}" repeats question "${first.question.id}" (${where}): ask something new`);
      } else seen.set(key, { file, quiz, question });
    }
  }
}

function finalCoverage(
  course: CourseSource,
  file: ContentFile,
  quiz: QuizSpec,
  warn: (file: ContentFile, line: number, message: string) => void,
  error: (file: ContentFile, line: number, message: string) => void,
) {
  const covered = new Set<string>();
  const unlabelled: string[] = [];
  for (const question of quiz.questions) {
    if (question.lesson == null) {
      unlabelled.push(question.id);
      continue;
    }
    const ref = question.lesson;
    const lesson = course.lessons.find((l) => l.slug === ref || String(l.order) === ref);
    if (lesson) covered.add(lesson.slug);
    else error(file, question.line, `quiz "${quiz.id}", question "${question.id}": lesson="${ref}" is neither a lesson number nor a lesson slug of this course`);
  }
  if (unlabelled.length > 0) {
    warn(file, quiz.line, `graded quiz "${quiz.id}": question${unlabelled.length === 1 ? "" : "s"} ${unlabelled.join(", ")} ${unlabelled.length === 1 ? "does" : "do"} not say which lesson ${unlabelled.length === 1 ? "it tests" : "they test"} (add lesson="<number or slug>")`);
  }
  const missing = course.lessons.filter((l) => !covered.has(l.slug) && !isReviewLesson(l)).map((l) => `${l.order} (${l.slug})`);
  if (missing.length > 0) warn(file, quiz.line, `graded quiz "${quiz.id}" has no question from lesson${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`);
}

/** `review: true` in the lesson's frontmatter (Vietnamese file first): a recap a final need not test. */
function isReviewLesson(lesson: LessonSource) {
  const file = lesson.files.vi ?? lesson.files.en;
  if (!file) return false;
  const frontmatter = readFrontmatter(readFileSync(file.abs, "utf8"), file.rel);
  return frontmatter.ok && (frontmatter.data as { review?: unknown } | null)?.review === true;
}
