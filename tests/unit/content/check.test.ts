import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { checkContent } from "../../../app/content/check.server";
import { formatProblem } from "../../../app/content/problems";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const fixtures = path.join(repoRoot, "tests/fixtures/content");

test("the real courses pass content:check with no problems", async () => {
  const problems = await checkContent(path.join(repoRoot, "content"), { rootDir: repoRoot });
  expect(problems.map(formatProblem)).toEqual([]);
}, 60_000);

test("each broken fixture is reported as file:line: message, with the real line in the .mdx file", async () => {
  const problems = await checkContent(fixtures, { rootDir: repoRoot });
  const course = "tests/fixtures/content/courses/broken-course";
  const second = "tests/fixtures/content/courses/second-course";
  expect(problems.map(formatProblem)).toEqual([
    `${course}/01-missing-title.vi.mdx:1: frontmatter: missing required field "title"`,
    `${course}/02-figure-without-alt.vi.mdx:9: <Figure> missing required attribute "alt"`,
    `${course}/02-figure-without-alt.vi.mdx:11: unknown component <Sparkle>`,
    `${course}/03-syntax-error.vi.mdx:9: MDX: Could not parse expression with acorn`,
    `${course}/04-broken-link.vi.mdx:7: link to a missing lesson "./no-such-lesson"`,
    `${course}/05-quiz-rules.vi.mdx:9: quiz "rules": pool={5} is larger than the number of questions (2)`,
    `${course}/05-quiz-rules.vi.mdx:11: quiz "rules", question "q1": a single-choice question needs exactly one correct choice (found 0)`,
    `${course}/05-quiz-rules.vi.mdx:18: quiz "rules": duplicate question id "q1"`,
    `${course}/05-quiz-rules.vi.mdx:24: <Quiz> attribute "passMark": Too big: expected number to be <=100`,
    `${course}/06-untranslated.vi.mdx:1: missing English translation 06-untranslated.en.mdx (add it, or set translationMissing: true here)`,
    `${course}/07-quiz-translation.en.mdx:10: quiz "same", question "q1": differs from the Vietnamese version in correct choices (c here, b there)`,
    `${course}/9-bad-name.vi.mdx:1: lesson files are named NN-slug.vi.mdx / NN-slug.en.mdx (two digits, then a lowercase ASCII slug joined by -)`,
    `${course}/course.vi.mdx:4: frontmatter.topic: Invalid option: expected one of "ai"|"data"|"digital-services"`,
    `${second}/01-only-lesson.vi.mdx:7: link to a missing lesson "/courses/broken-course/nope"`,
    `${second}/01-only-lesson.vi.mdx:7: use https for external links: "http://example.org/page"`,
    `${second}/course.vi.mdx:1: missing English translation course.en.mdx (add it, or set translationMissing: true here)`,
    `${second}/course.vi.mdx:9: unknown competence id "9.9" (see competences.yaml)`,
  ]);
}, 30_000);

test("duplicate lesson numbers, slugs and quiz ids in a course are reported", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "skillshelf-check-"));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const course = path.join(root, "content/courses/dup-course");
  mkdirSync(course, { recursive: true });
  cpSync(path.join(fixtures, "competences.yaml"), path.join(root, "content/competences.yaml"));
  const overview = readFileSync(path.join(fixtures, "courses/second-course/course.vi.mdx"), "utf8")
    .replace('  - { id: "9.9", level: 2 }\n', "")
    .replace("validForMonths: 24", "validForMonths: 24\ntranslationMissing: true");
  writeFileSync(path.join(course, "course.vi.mdx"), overview);
  const quiz = `<Quiz id="check" title="Kiểm tra" passMark={50}>\n\n<Question id="q1" type="true-false" answer={true}>\nĐúng không?\n</Question>\n\n</Quiz>`;
  const lesson = (title: string) => `---\ntitle: "${title}"\nminutes: 5\ntranslationMissing: true\n---\n\nNội dung.\n\n${quiz}\n`;
  writeFileSync(path.join(course, "01-alpha.vi.mdx"), lesson("Alpha"));
  writeFileSync(path.join(course, "01-beta.vi.mdx"), lesson("Beta"));
  writeFileSync(path.join(course, "02-alpha.vi.mdx"), lesson("Alpha again"));
  writeFileSync(path.join(course, "notes.txt"), "stray");

  const problems = await checkContent(path.join(root, "content"), { rootDir: root });
  const dir = "content/courses/dup-course";
  expect(problems.map(formatProblem)).toEqual([
    `${dir}/01-beta.vi.mdx:1: duplicate lesson number 01: also used by "alpha"`,
    `${dir}/01-beta.vi.mdx:9: duplicate quiz id "check": also in 01-alpha.vi.mdx`,
    `${dir}/02-alpha.vi.mdx:1: duplicate lesson slug "alpha": also lesson 01`,
    `${dir}/02-alpha.vi.mdx:9: duplicate quiz id "check": also in 01-beta.vi.mdx`,
    `${dir}/notes.txt:1: unexpected file: a course folder holds course.*.mdx, NN-slug.*.mdx, images/ and media/`,
  ]);
}, 30_000);
