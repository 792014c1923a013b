import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/content");

/**
 * A throw-away content folder holding one valid Vietnamese-only course (no lessons yet), removed
 * when the test ends. Returns the folder the test writes lessons into.
 */
export function tempCourse(slug: string): { root: string; course: string } {
  const root = mkdtempSync(path.join(tmpdir(), "skillshelf-course-"));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const course = path.join(root, "content/courses", slug);
  mkdirSync(course, { recursive: true });
  cpSync(path.join(fixtures, "competences.yaml"), path.join(root, "content/competences.yaml"));
  const overview = readFileSync(path.join(fixtures, "courses/second-course/course.vi.mdx"), "utf8")
    .replace('  - { id: "9.9", level: 2 }\n', "")
    .replace("validForMonths: 24", "validForMonths: 24\ntranslationMissing: true");
  writeFileSync(path.join(course, "course.vi.mdx"), overview);
  return { root, course };
}
