import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { COVER_FILE, coverProblems } from "./cover";
import type { Problem } from "./problems";
import type { Lang, LangMap } from "./schema";

// Finds courses, lessons and assets under content/courses and enforces the file naming rules:
// course.<lang>.mdx, NN-slug.<lang>.mdx, cover.svg, images/ and media/ — nothing else.

export type ContentFile = {
  /** Absolute path. */
  abs: string;
  /** Relative to the repository root: how problems name the file. */
  rel: string;
  /** Relative to the content root: stable name used in the manifest. */
  id: string;
  courseSlug: string;
  lang: Lang;
  kind: "overview" | "lesson";
  order: number | null;
  slug: string | null;
};

export type LessonSource = { order: number; slug: string; files: LangMap<ContentFile> };

export type CourseSource = {
  slug: string;
  dir: string;
  rel: string;
  overview: LangMap<ContentFile>;
  lessons: LessonSource[];
  /** Course-relative paths of everything under images/ and media/, and cover.svg when it is valid. */
  assets: string[];
};

export const KEBAB_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.(vi|en)\.mdx$/;
const OVERVIEW_FILE = /^course\.(vi|en)\.mdx$/;
const ASSET_DIRS = ["images", "media"];

export function discoverContent(contentRoot: string, rootDir: string): { courses: CourseSource[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const coursesDir = path.join(contentRoot, "courses");
  const rel = (abs: string) => path.relative(rootDir, abs).split(path.sep).join("/");
  if (!existsSync(coursesDir)) return { courses: [], problems: [{ file: rel(coursesDir), line: 1, message: "no courses folder" }] };

  const courses: CourseSource[] = [];
  for (const name of visible(coursesDir)) {
    const dir = path.join(coursesDir, name);
    if (!statSync(dir).isDirectory()) {
      problems.push({ file: rel(dir), line: 1, message: "only course folders belong in content/courses" });
      continue;
    }
    if (!KEBAB_SLUG.test(name)) {
      problems.push({ file: rel(dir), line: 1, message: "course folder names are lowercase ASCII words joined by - (the course slug)" });
      continue;
    }
    courses.push(readCourse(name, dir));
  }
  return { courses, problems };

  function readCourse(slug: string, dir: string): CourseSource {
    const course: CourseSource = { slug, dir, rel: rel(dir), overview: {}, lessons: [], assets: [] };
    const file = (name: string, lang: Lang, kind: ContentFile["kind"], order: number | null, lessonSlug: string | null): ContentFile => {
      const abs = path.join(dir, name);
      const id = path.relative(contentRoot, abs).split(path.sep).join("/");
      return { abs, rel: rel(abs), id, courseSlug: slug, lang, kind, order, slug: lessonSlug };
    };
    for (const name of visible(dir)) {
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) {
        if (ASSET_DIRS.includes(name)) course.assets.push(...listFiles(abs).map((f) => path.relative(dir, f).split(path.sep).join("/")));
        else problems.push({ file: rel(abs), line: 1, message: "unexpected folder: course assets go in images/ or media/" });
        continue;
      }
      if (name === COVER_FILE) {
        // An invalid cover is reported and left unpublished: the catalogue then draws the topic's pattern.
        const found = coverProblems(readFileSync(abs, "utf8"));
        if (found.length) problems.push(...found.map((message) => ({ file: rel(abs), line: 1, message })));
        else course.assets.push(COVER_FILE);
        continue;
      }
      const overview = OVERVIEW_FILE.exec(name);
      if (overview) {
        const lang = overview[1] as Lang;
        course.overview[lang] = file(name, lang, "overview", null, null);
        continue;
      }
      const lesson = LESSON_FILE.exec(name);
      if (!lesson) {
        problems.push({
          file: rel(abs),
          line: 1,
          message: name.endsWith(".mdx")
            ? "lesson files are named NN-slug.vi.mdx / NN-slug.en.mdx (two digits, then a lowercase ASCII slug joined by -)"
            : "unexpected file: a course folder holds course.*.mdx, NN-slug.*.mdx, cover.svg, images/ and media/",
        });
        continue;
      }
      const [, orderText = "", lessonSlug = "", lang = ""] = lesson;
      addLesson(course, file(name, lang as Lang, "lesson", Number(orderText), lessonSlug));
    }
    course.lessons.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
    checkDuplicates(course);
    if (!course.overview.vi) {
      problems.push({ file: `${course.rel}/course.vi.mdx`, line: 1, message: "missing course.vi.mdx: every course needs its Vietnamese overview with the course metadata" });
    }
    return course;
  }

  function addLesson(course: CourseSource, file: ContentFile) {
    const existing = course.lessons.find((l) => l.order === file.order && l.slug === file.slug);
    if (existing) existing.files[file.lang] = file;
    else course.lessons.push({ order: file.order ?? 0, slug: file.slug ?? "", files: { [file.lang]: file } });
  }

  function checkDuplicates(course: CourseSource) {
    const byOrder = new Map<number, string>();
    const bySlug = new Map<string, number>();
    for (const lesson of course.lessons) {
      const first = Object.values(lesson.files)[0];
      if (!first) continue;
      const number = String(lesson.order).padStart(2, "0");
      const sameOrder = byOrder.get(lesson.order);
      if (sameOrder !== undefined) {
        problems.push({ file: first.rel, line: 1, message: `duplicate lesson number ${number}: also used by "${sameOrder}"` });
      }
      const sameSlug = bySlug.get(lesson.slug);
      if (sameSlug !== undefined) {
        problems.push({ file: first.rel, line: 1, message: `duplicate lesson slug "${lesson.slug}": also lesson ${String(sameSlug).padStart(2, "0")}` });
      }
      byOrder.set(lesson.order, lesson.slug);
      bySlug.set(lesson.slug, lesson.order);
    }
  }
}

function visible(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith("."))
    .sort();
}

function listFiles(dir: string): string[] {
  return visible(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? listFiles(abs) : [abs];
  });
}
