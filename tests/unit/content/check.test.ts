import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { tempCourse } from "../../support/content-course";
import { checkContent } from "../../../app/content/check.server";
import { formatProblem } from "../../../app/content/problems";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const fixtures = path.join(repoRoot, "tests/fixtures/content");
const OBJECTIVES = "<Objectives>\n\n- Mục tiêu một\n- Mục tiêu hai\n\n</Objectives>\n\n";
const EXERCISE = '\n<Exercise title="Thử">\n\nLàm.\n\n<Rubric>\n\n- Đủ ý\n\n</Rubric>\n\n</Exercise>\n';

test("the real courses pass content:check with no problems", async () => {
  const problems = await checkContent(path.join(repoRoot, "content"), { rootDir: repoRoot });
  expect(problems.map(formatProblem)).toEqual([]);
}, 60_000);

test("each broken fixture is reported as file:line: message, with the real line in the .mdx file", async () => {
  const problems = await checkContent(fixtures, { rootDir: repoRoot });
  const course = "tests/fixtures/content/courses/broken-course";
  const second = "tests/fixtures/content/courses/second-course";
  expect(problems.map(formatProblem)).toEqual([
    `${course}/01-missing-title.en.mdx:6: the lesson has no <Exercise>: end it with a practical exercise and its <ModelAnswer> or <Rubric>`,
    `${course}/01-missing-title.en.mdx:6: the lesson has no <Objectives>: start it with 2–4 learning objectives (content/README.md §6)`,
    `${course}/01-missing-title.vi.mdx:1: frontmatter: missing required field "title"`,
    `${course}/02-figure-without-alt.vi.mdx:16: <Figure> missing required attribute "alt"`,
    `${course}/02-figure-without-alt.vi.mdx:18: unknown component <Sparkle>`,
    `${course}/03-syntax-error.vi.mdx:9: MDX: Could not parse expression with acorn`,
    `${course}/04-broken-link.vi.mdx:14: link to a missing lesson "./no-such-lesson"`,
    `${course}/05-quiz-rules.vi.mdx:16: quiz "rules": pool={5} is larger than the number of questions (2)`,
    `${course}/05-quiz-rules.vi.mdx:18: quiz "rules", question "q1": a single-choice question needs exactly one correct choice (found 0)`,
    `${course}/05-quiz-rules.vi.mdx:25: quiz "rules": duplicate question id "q1"`,
    `${course}/05-quiz-rules.vi.mdx:31: <Quiz> attribute "passMark": Too big: expected number to be <=100`,
    `${course}/06-untranslated.vi.mdx:1: missing English translation 06-untranslated.en.mdx (add it, or set translationMissing: true here)`,
    `${course}/07-quiz-translation.en.mdx:17: quiz "same", question "q1": differs from the Vietnamese version in correct choices (c here, b there)`,
    `${course}/9-bad-name.vi.mdx:1: lesson files are named NN-slug.vi.mdx / NN-slug.en.mdx (two digits, then a lowercase ASCII slug joined by -)`,
    `${course}/course.vi.mdx:4: frontmatter.topic: Invalid option: expected one of "ai"|"data"|"digital-services"`,
    `${second}/01-only-lesson.vi.mdx:14: link to a missing lesson "/courses/broken-course/nope"`,
    `${second}/01-only-lesson.vi.mdx:14: use https for external links: "http://example.org/page"`,
    `${second}/course.vi.mdx:1: missing English translation course.en.mdx (add it, or set translationMissing: true here)`,
    `${second}/course.vi.mdx:9: unknown competence id "9.9" (see competences.yaml)`,
  ]);
}, 30_000);

test("duplicate lesson numbers, slugs, quiz ids and (as a warning) questions in a course are reported", async () => {
  const { root, course } = tempCourse("dup-course");
  const quiz = `<Quiz id="check" title="Kiểm tra" passMark={50}>\n\n<Question id="q1" type="true-false" answer={true}>\nĐúng không?\n</Question>\n\n</Quiz>`;
  const lesson = (title: string) => `---\ntitle: "${title}"\nminutes: 5\ntranslationMissing: true\n---\n\n${OBJECTIVES}Nội dung.\n\n${quiz}\n${EXERCISE}`;
  writeFileSync(path.join(course, "01-alpha.vi.mdx"), lesson("Alpha"));
  writeFileSync(path.join(course, "01-beta.vi.mdx"), lesson("Beta"));
  writeFileSync(path.join(course, "02-alpha.vi.mdx"), lesson("Alpha again"));
  writeFileSync(path.join(course, "notes.txt"), "stray");

  const problems = await checkContent(path.join(root, "content"), { rootDir: root });
  const dir = "content/courses/dup-course";
  expect(problems.map(formatProblem)).toEqual([
    `${dir}/01-beta.vi.mdx:1: duplicate lesson number 01: also used by "alpha"`,
    `${dir}/01-beta.vi.mdx:16: duplicate quiz id "check": also in 01-alpha.vi.mdx`,
    `${dir}/01-beta.vi.mdx:18: warning: quiz "check", question "q1" repeats question "q1" (01-alpha.vi.mdx:18): ask something new`,
    `${dir}/02-alpha.vi.mdx:1: duplicate lesson slug "alpha": also lesson 01`,
    `${dir}/02-alpha.vi.mdx:16: duplicate quiz id "check": also in 01-beta.vi.mdx`,
    `${dir}/02-alpha.vi.mdx:18: warning: quiz "check", question "q1" repeats question "q1" (01-alpha.vi.mdx:18): ask something new`,
    `${dir}/notes.txt:1: unexpected file: a course folder holds course.*.mdx, NN-slug.*.mdx, cover.svg, images/ and media/`,
  ]);
}, 30_000);
