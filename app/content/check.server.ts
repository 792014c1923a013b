import { readFile } from "node:fs/promises";
import path from "node:path";
import { competencesPath, readCompetences, type CompetenceCatalogue } from "./competences.server";
import type { CompiledFile } from "./compile.server";
import { discoverContent, type ContentFile, type CourseSource } from "./content-files.server";
import { mapLimit } from "./map-limit";
import { sortProblems, type Problem } from "./problems";
import { quizQualityProblems } from "./quiz-quality.server";
import type { FileFrontmatter, Lang, QuestionSpec, QuizSpec } from "./schema";

/** What the cross-file checks need to know about one file (fresh compile or build cache). */
export type FileFacts = {
  /** null when the frontmatter itself is invalid (already reported). */
  frontmatter: FileFrontmatter | null;
  /** null when the file did not compile (already reported): its links and quizzes are unknown. */
  compiled: Pick<CompiledFile, "frontmatterLines" | "toc" | "links" | "answerKeys"> | null;
};

export type CheckOptions = {
  /** Problems name files relative to this folder; default: the current directory. */
  rootDir?: string;
};

const LANG_NAME: Record<Lang, string> = { vi: "Vietnamese", en: "English" };
const otherLang = (lang: Lang): Lang => (lang === "vi" ? "en" : "vi");

/** Every problem in the content tree; an empty list means the content is publishable. */
export async function checkContent(contentDir: string, options: CheckOptions = {}): Promise<Problem[]> {
  const contentRoot = path.resolve(contentDir);
  const rootDir = path.resolve(options.rootDir ?? process.cwd());
  const { compileContentFile } = await import("./compile.server");
  const { courses, problems } = discoverContent(contentRoot, rootDir);
  const competences = readCompetences(contentRoot, relativePath(rootDir, competencesPath(contentRoot)));
  if (!competences.ok) problems.push(...competences.problems);

  const files = courses.flatMap(courseFiles);
  const courseDirs = new Map(courses.map((c) => [c.slug, c.dir]));
  const facts = new Map<string, FileFacts>();
  await mapLimit(files, 4, async (file) => {
    const outcome = await compileContentFile({
      file: file.rel,
      source: await readFile(file.abs, "utf8"),
      courseDir: courseDirs.get(file.courseSlug) ?? contentRoot,
      courseSlug: file.courseSlug,
      lang: file.lang,
      kind: file.kind,
      tokenSecret: "check",
    });
    if (outcome.ok) facts.set(file.id, { frontmatter: outcome.compiled.frontmatter, compiled: outcome.compiled });
    else {
      problems.push(...outcome.problems);
      facts.set(file.id, { frontmatter: outcome.frontmatter, compiled: null });
    }
  });
  problems.push(...crossFileProblems(courses, facts, competences.ok ? competences.catalogue : null));
  return sortProblems(problems);
}

export function courseFiles(course: CourseSource): ContentFile[] {
  return [...Object.values(course.overview), ...course.lessons.flatMap((l) => Object.values(l.files))];
}

export function relativePath(rootDir: string, file: string): string {
  return path.relative(rootDir, file).split(path.sep).join("/");
}

/** Checks that need more than one file: translations, competences, links, quizzes across files. */
export function crossFileProblems(
  courses: CourseSource[],
  facts: ReadonlyMap<string, FileFacts>,
  competences: CompetenceCatalogue | null,
): Problem[] {
  const problems: Problem[] = [];
  const report = (file: ContentFile, line: number, message: string) => problems.push({ file: file.rel, line, message });
  const lineOf = (file: ContentFile, key: string) => facts.get(file.id)?.compiled?.frontmatterLines[key] ?? 1;

  for (const course of courses) {
    const units = [{ files: course.overview, name: (lang: Lang) => `course.${lang}.mdx` }].concat(
      course.lessons.map((l) => ({ files: l.files, name: (lang: Lang) => `${String(l.order).padStart(2, "0")}-${l.slug}.${lang}.mdx` })),
    );
    for (const unit of units) checkTranslation(unit.files, unit.name);

    if (course.overview.vi && competences) checkCompetences(course.overview.vi, competences);

    for (const file of courseFiles(course)) checkLinks(course, file);
    checkQuizIds(course);
    problems.push(...quizQualityProblems(course, (file) => facts.get(file.id)?.compiled?.answerKeys));
    for (const lesson of course.lessons) {
      if (lesson.files.vi && lesson.files.en) compareQuizzes(lesson.files.vi, lesson.files.en);
    }
  }
  return problems;

  function checkCompetences(file: ContentFile, catalogue: CompetenceCatalogue) {
    const frontmatter = facts.get(file.id)?.frontmatter;
    if (frontmatter?.kind !== "course") return;
    frontmatter.data.competences.forEach((target, i) => {
      if (!catalogue.byId.has(target.id)) {
        report(file, lineOf(file, `competences.${i}.id`), `unknown competence id "${target.id}" (see competences.yaml)`);
      }
    });
  }

  function checkTranslation(files: Partial<Record<Lang, ContentFile>>, name: (lang: Lang) => string) {
    for (const lang of ["vi", "en"] as const) {
      const file = files[lang];
      if (!file) continue;
      const frontmatter = facts.get(file.id)?.frontmatter;
      const missingOk = frontmatter && "translationMissing" in frontmatter.data && frontmatter.data.translationMissing === true;
      const other = otherLang(lang);
      if (!files[other] && !missingOk && !(lang === "en" && file.kind === "overview")) {
        report(file, 1, `missing ${LANG_NAME[other]} translation ${name(other)} (add it, or set translationMissing: true here)`);
      }
      if (files[other] && missingOk) {
        report(file, lineOf(file, "translationMissing"), `translationMissing: true, but ${name(other)} exists`);
      }
    }
  }

  function lessonFile(course: CourseSource, slug: string, lang: Lang) {
    return course.lessons.find((l) => l.slug === slug)?.files[lang] ?? null;
  }

  function checkAnchor(file: ContentFile, target: ContentFile | null, anchor: string | undefined, line: number, href: string) {
    if (!anchor || !target) return;
    const toc = facts.get(target.id)?.compiled?.toc;
    const id = safeDecode(anchor.slice(1));
    if (toc && !toc.some((entry) => entry.id === id)) report(file, line, `link "${href}" points at a heading that does not exist`);
  }

  function checkLinks(course: CourseSource, file: ContentFile) {
    for (const { href, line } of facts.get(file.id)?.compiled?.links ?? []) {
      if (/^(mailto|tel):/i.test(href) || /^https:\/\/\S+$/i.test(href)) continue;
      if (/^http:/i.test(href)) {
        report(file, line, `use https for external links: "${href}"`);
        continue;
      }
      if (href.startsWith("#")) {
        checkAnchor(file, file, href, line, href);
        continue;
      }
      const sibling = /^\.\/([a-z0-9-]+)\/?(#.*)?$/.exec(href);
      if (sibling) {
        const target = lessonFile(course, sibling[1] ?? "", file.lang);
        if (!course.lessons.some((l) => l.slug === sibling[1])) report(file, line, `link to a missing lesson "${href}"`);
        else checkAnchor(file, target, sibling[2], line, href);
        continue;
      }
      const absolute = /^\/courses\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?\/?(#.*)?$/.exec(href);
      if (absolute) {
        const target = courses.find((c) => c.slug === absolute[1]);
        if (!target) report(file, line, `link to a missing course "${href}"`);
        else if (absolute[2] && !target.lessons.some((l) => l.slug === absolute[2])) report(file, line, `link to a missing lesson "${href}"`);
        else if (absolute[2]) checkAnchor(file, lessonFile(target, absolute[2], file.lang), absolute[3], line, href);
        continue;
      }
      report(file, line, `unsupported link "${href}": use ./<lesson-slug>, /courses/<course>/<lesson> or a full https URL`);
    }
  }

  function checkQuizIds(course: CourseSource) {
    for (const lang of ["vi", "en"] as const) {
      const seen = new Map<string, ContentFile>();
      for (const lesson of course.lessons) {
        const file = lesson.files[lang];
        if (!file) continue;
        for (const quiz of facts.get(file.id)?.compiled?.answerKeys ?? []) {
          const first = seen.get(quiz.id);
          if (first && first !== file) report(file, quiz.line, `duplicate quiz id "${quiz.id}": also in ${first.rel.split("/").at(-1)}`);
          seen.set(quiz.id, file);
        }
      }
    }
  }

  function compareQuizzes(vi: ContentFile, en: ContentFile) {
    const viQuizzes = facts.get(vi.id)?.compiled?.answerKeys;
    const enQuizzes = facts.get(en.id)?.compiled?.answerKeys;
    if (!viQuizzes || !enQuizzes) return;
    for (const quiz of viQuizzes) {
      if (!enQuizzes.some((q) => q.id === quiz.id)) report(en, 1, `quiz "${quiz.id}" is in the Vietnamese version but missing here`);
    }
    for (const quiz of enQuizzes) {
      const original = viQuizzes.find((q) => q.id === quiz.id);
      if (!original) report(en, quiz.line, `quiz "${quiz.id}" is not in the Vietnamese version`);
      else for (const difference of quizDifferences(original, quiz)) report(en, difference.line, difference.message);
    }
  }
}

/** vi and en are one quiz in two languages: same ids, settings and answers. */
export function quizDifferences(vi: QuizSpec, en: QuizSpec): { line: number; message: string }[] {
  const differences: { line: number; message: string }[] = [];
  const compare = (line: number, where: string, a: Record<string, string>, b: Record<string, string>) => {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[key] !== b[key]) {
        differences.push({ line, message: `${where}: differs from the Vietnamese version in ${key} (${b[key] ?? "none"} here, ${a[key] ?? "none"} there)` });
      }
    }
  };
  compare(en.line, `quiz "${en.id}"`, settingFacts(vi), settingFacts(en));
  compare(en.line, `quiz "${en.id}"`, { "question ids": vi.questions.map((q) => q.id).join(", ") }, { "question ids": en.questions.map((q) => q.id).join(", ") });
  for (const question of en.questions) {
    const original = vi.questions.find((q) => q.id === question.id);
    if (original) compare(question.line, `quiz "${en.id}", question "${question.id}"`, answerFacts(original), answerFacts(question));
  }
  return differences;
}

function settingFacts(quiz: QuizSpec): Record<string, string> {
  const { graded, passMark, attempts, waitMinutes, pool, shuffle, showAnswers } = quiz;
  return Object.fromEntries(
    Object.entries({ graded, passMark, attempts, waitMinutes, pool, shuffle, showAnswers }).map(([k, v]) => [k, String(v)]),
  );
}

function answerFacts(question: QuestionSpec): Record<string, string> {
  const base = { type: question.type, points: String(question.points) };
  switch (question.type) {
    case "single":
    case "multiple":
      return {
        ...base,
        ...(question.type === "multiple" ? { partialCredit: String(question.partialCredit) } : {}),
        "choice ids": question.choices.map((c) => c.id).join(", "),
        "correct choices": question.choices.filter((c) => c.correct).map((c) => c.id).join(", "),
      };
    case "true-false":
      return { ...base, answer: String(question.answer) };
    case "numeric":
      return { ...base, answer: String(question.answer), tolerance: String(question.tolerance) };
    case "short":
      return { ...base, ignoreCase: String(question.ignoreCase), ignoreDiacritics: String(question.ignoreDiacritics) };
    case "matching":
      return { ...base, "pair ids": question.pairs.map((p) => p.id).join(", ") };
    case "ordering":
      return { ...base, "item order": question.items.map((i) => i.id).join(", ") };
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
