import { COVER_FILE } from "./cover";
import type { CourseSource } from "./content-files.server";
import type { ManifestCourse, ManifestQuiz } from "./manifest";
import { CONTENT_LANGS, type FileFrontmatter, type Lang, type QuizSpec } from "./schema";

/** The entry chosen for one source file: a fresh compile, the cache, or the last good version. */
export type ResolvedFile = { key: string; meta: { frontmatter: FileFrontmatter }; answerKeys: QuizSpec[] };

/**
 * The manifest record of one course (empty if its Vietnamese overview, which holds the course
 * metadata, has never compiled). Lessons list the languages that have a usable entry.
 */
export function manifestCourse(course: CourseSource, resolved: ReadonlyMap<string, ResolvedFile>, hash: string): ManifestCourse[] {
  const vi = course.overview.vi && resolved.get(course.overview.vi.id);
  if (!vi || vi.meta.frontmatter.kind !== "course") return []; // no metadata has ever compiled
  const data = vi.meta.frontmatter.data;
  const en = course.overview.en && resolved.get(course.overview.en.id);
  const translation = en?.meta.frontmatter.kind === "course-translation" ? en.meta.frontmatter.data : null;
  return [
    {
      slug: course.slug,
      contentHash: hash,
      published: data.published,
      topic: data.topic,
      level: data.level,
      estimatedMinutes: data.estimatedMinutes,
      competences: data.competences,
      owners: data.owners,
      validForMonths: data.validForMonths ?? null,
      title: { vi: data.title, ...(translation && { en: translation.title }) },
      summary: { vi: data.summary, ...(translation && { en: translation.summary }) },
      overview: { vi: vi.key, ...(translation && en && { en: en.key }) },
      languages: translation ? ["vi", "en"] : ["vi"],
      cover: course.assets.includes(COVER_FILE),
      lessons: course.lessons.flatMap((lesson) => {
        const byLang = CONTENT_LANGS.flatMap((lang) => {
          const file = lesson.files[lang];
          const entry = file && resolved.get(file.id);
          return entry?.meta.frontmatter.kind === "lesson" ? [{ lang, entry, data: entry.meta.frontmatter.data }] : [];
        });
        const first = byLang[0];
        if (!first) return [];
        return [
          {
            slug: lesson.slug,
            order: lesson.order,
            minutes: first.data.minutes,
            title: Object.fromEntries(byLang.map((l) => [l.lang, l.data.title])),
            summary: Object.fromEntries(byLang.map((l) => [l.lang, l.data.summary ?? null])),
            entries: Object.fromEntries(byLang.map((l) => [l.lang, l.entry.key])),
            languages: byLang.map((l) => l.lang),
            quizzes: manifestQuizzes(byLang.map((l) => ({ lang: l.lang, quizzes: l.entry.answerKeys }))),
          },
        ];
      }),
    },
  ];
}

function manifestQuizzes(byLang: { lang: Lang; quizzes: QuizSpec[] }[]): ManifestQuiz[] {
  const quizzes = new Map<string, ManifestQuiz>();
  for (const { lang, quizzes: specs } of byLang) {
    for (const quiz of specs) {
      const summary = quizzes.get(quiz.id) ?? {
        id: quiz.id,
        graded: quiz.graded,
        passMark: quiz.passMark,
        questionCount: quiz.pool ?? quiz.questions.length,
        title: {},
      };
      summary.title[lang] = quiz.title;
      quizzes.set(quiz.id, summary);
    }
  }
  return [...quizzes.values()];
}
