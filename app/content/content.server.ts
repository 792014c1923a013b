/**
 * Content — the MDX pipeline (build, check, cache) and what the app reads of it at run time.
 * Owns: `content/` on disk and `.cache/content` (compiled lesson HTML, answer keys, the manifest).
 * Offers: course and lesson content, answer keys (server only), competences framework, content health.
 * Uses: shared ground only.
 */
import path from "node:path";
import type { Locale } from "~/i18n";
import { getEnv } from "~/platform/env.server";
import { type CompetenceCatalogue, findCompetence, loadCompetences } from "./competences.server";
import type { LessonEntry, ManifestCourse } from "./manifest";
import type { QuizSpec } from "./schema";
import { loadAnswerKeys, loadEntry, loadManifest } from "./store.server";
import { courseOfProblem, readHealth } from "./health.server";
import { errorsOnly } from "./problems";

// Compiled lessons live in the content cache written by `npm run content:build`; requests only
// read them (memoised by the store), never compile MDX.
export const CONTENT_ROOT = path.resolve(getEnv().CONTENT_DIR);
export const CONTENT_CACHE_DIR = path.resolve(getEnv().CONTENT_CACHE_DIR);

export function getCourseContent(slug: string): ManifestCourse | null {
  return loadManifest(CONTENT_CACHE_DIR)?.courses.find((c) => c.slug === slug) ?? null;
}

/** Every course of the content (published or not), in manifest order. */
export function listCourseContent(): ManifestCourse[] {
  return loadManifest(CONTENT_CACHE_DIR)?.courses ?? [];
}

export function getEntry(key: string | undefined): LessonEntry | null {
  return key ? loadEntry(CONTENT_CACHE_DIR, key) : null;
}

type LangMap<T> = { vi?: T; en?: T };

/** The value in the reader's language, else the other one, saying whether it fell back. */
export function pickLang<T>(map: LangMap<T>, locale: Locale): { lang: Locale; value: T; fallback: boolean } | null {
  const own = map[locale];
  if (own !== undefined) return { lang: locale, value: own, fallback: false };
  const other: Locale = locale === "vi" ? "en" : "vi";
  const value = map[other];
  return value === undefined ? null : { lang: other, value, fallback: true };
}

/** Server-only answer keys of an entry's quizzes. */
export function getAnswerKeys(key: string | undefined): QuizSpec[] {
  return (key ? loadAnswerKeys(CONTENT_CACHE_DIR, key) : null) ?? [];
}

let competences: CompetenceCatalogue | null = null;
export function competenceNames(targets: { id: string; level: number }[], locale: Locale) {
  competences ??= loadCompetences(CONTENT_ROOT);
  return targets.map((target) => {
    const found = findCompetence(competences!, target.id);
    return { id: target.id, level: target.level, name: found ? found.name[locale] : target.id, domain: found?.domain[locale] ?? "" };
  });
}

/** The whole competence framework in the reader's language, by domain (the public /competences page). */
export function competenceFramework(locale: Locale) {
  competences ??= loadCompetences(CONTENT_ROOT);
  const domains = new Map<string, { id: string; name: string; competences: { id: string; name: string; digcomp: string | null }[] }>();
  for (const c of competences.competences) {
    const domain = domains.get(c.domain.id) ?? { id: c.domain.id, name: c.domain[locale], competences: [] };
    domain.competences.push({ id: c.id, name: c.name[locale], digcomp: c.digcomp });
    domains.set(c.domain.id, domain);
  }
  return { domains: [...domains.values()], levels: competences.levels.map((l) => ({ level: l.level, name: l[locale] })) };
}

/** An overview's HTML (overviews hold no quizzes). */
export function htmlOf(entry: LessonEntry) {
  return entry.segments.flatMap((s) => (s.kind === "html" ? [s.html] : [])).join("\n");
}

/** The last full content build's problems for some courses, and when each last built cleanly. */
export function contentHealth(slugs: string[]) {
  const health = readHealth(CONTENT_CACHE_DIR);
  return {
    checkedAt: health?.checkedAt ?? null,
    courses: slugs.map((slug) => ({
      slug,
      lastClean: health?.lastClean[slug] ?? null,
      problems: (health?.problems ?? []).filter((p) => courseOfProblem(p) === slug),
    })),
  };
}

/** Errors reported for one lesson's files (any language): the ones that keep its last good version online. */
export function lessonProblems(courseSlug: string, lessonOrder: number, lessonSlug: string) {
  const prefix = `courses/${courseSlug}/${String(lessonOrder).padStart(2, "0")}-${lessonSlug}.`;
  return errorsOnly(readHealth(CONTENT_CACHE_DIR)?.problems ?? []).filter((p) => p.file.includes(prefix));
}
