import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { formatProblem } from "../../../app/content/problems";
import { readProgramme, readProgrammes } from "../../../app/programmes/programme-files.server";

const repoRoot = path.resolve(__dirname, "../../..");
const known = new Set(["alpha", "beta", "gamma", "delta"]);
const FILE = "content/programmes/p.yaml";
const HEAD = "title:\n  vi: Chương trình\n  en: Programme\ndescription:\n  vi: Mô tả\n";
const problemsOf = (yaml: string) => {
  const result = readProgramme(HEAD + yaml, FILE, "p", known);
  return result.ok ? [] : result.problems.map(formatProblem);
};

test("the shipped programmes are valid and name existing courses", () => {
  const courses = ["ai-in-library-services", "data-literacy-for-libraries", "digital-foundations-for-library-staff", "digital-library-services", "personal-data-protection-in-libraries"];
  const { programmes, problems } = readProgrammes(path.join(repoRoot, "content"), repoRoot, courses);
  expect(problems).toEqual([]);
  expect(programmes.map((p) => p.slug).sort()).toEqual(["data-and-ai-services", "digital-foundations-year-1"]);
  const year1 = programmes.find((p) => p.slug === "digital-foundations-year-1")!;
  expect(year1.optional?.pick).toBe(1);
  expect(year1.title.vi).toBe("Năng lực số năm thứ nhất");
});

test("an unknown course, a duplicate and an unknown prerequisite are reported on their lines", () => {
  // Lines: 6 courses:, 7 alpha, 8 omega, 9 alpha again, 10 beta, 11 after:, 12 - zeta
  expect(problemsOf("courses:\n  - course: alpha\n  - course: omega\n  - course: alpha\n  - course: beta\n    after:\n      - zeta\n")).toEqual([
    `${FILE}:8: unknown course "omega" (no folder content/courses/omega)`,
    `${FILE}:9: course "alpha" is listed twice (first on line 7)`,
    `${FILE}:12: prerequisite "zeta" is not a course of this programme`,
  ]);
});

test("a cycle of prerequisites is an error naming the cycle", () => {
  const problems = problemsOf(
    "courses:\n  - course: alpha\n    after: [gamma]\n  - course: beta\n    after: [alpha]\n  - course: gamma\n    after: [beta]\n",
  );
  // Besides the cycle, alpha's prerequisite is listed after it (a warning).
  expect(problems.filter((p) => !p.includes("warning:"))).toHaveLength(1);
  expect(problems.find((p) => !p.includes("warning:"))).toMatch(/^content\/programmes\/p\.yaml:8: prerequisites form a cycle: alpha → gamma → beta → alpha$/);
  expect(problemsOf("courses:\n  - course: alpha\n    after: [alpha]\n")[0]).toBe(`${FILE}:8: "alpha" cannot come after itself`);
});

test("an impossible 'any N of', optional courses without a rule, and a required course waiting for an optional one", () => {
  expect(problemsOf("optional:\n  pick: 3\ncourses:\n  - course: alpha\n    optional: true\n  - course: beta\n    optional: true\n")).toEqual([
    `${FILE}:7: impossible rule: any 3 of 2 optional course(s)`,
  ]);
  expect(problemsOf("optional:\n  pick: 0\ncourses:\n  - course: alpha\n")[0]).toMatch(/^content\/programmes\/p\.yaml:7: programme\.optional\.pick: /);
  expect(problemsOf("courses:\n  - course: alpha\n    optional: true\n")[0]).toMatch(/:7: 1 course\(s\) are optional but there is no/);
  expect(problemsOf("optional:\n  pick: 1\ncourses:\n  - course: alpha\n    optional: true\n  - course: beta\n    after: [alpha]\n")[0]).toBe(
    `${FILE}:12: required course "beta" cannot wait for the optional course "alpha" (it would make it required)`,
  );
});

test("bad YAML, unknown fields, a missing title and a bad file name point at lines", () => {
  expect(problemsOf("courses:\n  - course: alpha\n   bad: [\n")[0]).toMatch(/^content\/programmes\/p\.yaml:\d+: invalid YAML: /);
  expect(problemsOf("courses:\n  - course: alpha\n    colour: red\n")).toEqual([`${FILE}:8: programme: unknown field "courses.0.colour"`]);
  const noTitle = readProgramme("description:\n  vi: x\ncourses:\n  - course: alpha\n", FILE, "p", known);
  expect(noTitle.ok ? [] : noTitle.problems.map(formatProblem)).toEqual([`${FILE}:1: programme: missing required field "title"`]);
  const badName = readProgramme(HEAD + "courses:\n  - course: alpha\n", "content/programmes/Bad Name.yaml", "Bad Name", known);
  expect(badName.ok).toBe(false);
});

test("npm run content:check fails with file:line on a broken programme file", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "programmes-check-"));
  const content = path.join(root, "content");
  mkdirSync(path.join(content, "programmes"), { recursive: true });
  // The check needs real courses: the repository's own (read-only) are copied by reference through a symlink-free copy.
  execFileSync("cp", ["-r", path.join(repoRoot, "content/courses"), path.join(content, "courses")]);
  execFileSync("cp", [path.join(repoRoot, "content/competences.yaml"), content]);
  writeFileSync(
    path.join(content, "programmes", "broken.yaml"),
    HEAD + "courses:\n  - course: ai-in-library-services\n  - course: no-such-course\n",
  );
  let output = "";
  let status = 0;
  try {
    execFileSync(path.join(repoRoot, "node_modules/.bin/tsx"), ["--tsconfig", path.join(repoRoot, "tsconfig.json"), path.join(repoRoot, "scripts/content-check.ts"), content], { cwd: root, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const failure = error as { status: number; stderr: string; stdout: string };
    status = failure.status;
    output = failure.stderr + failure.stdout;
  }
  expect(status).toBe(1);
  expect(output).toContain('content/programmes/broken.yaml:8: unknown course "no-such-course"');
}, 60_000);
