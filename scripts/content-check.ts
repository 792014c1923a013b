// npm run content:check — validates every course (frontmatter, MDX, links, assets, translations,
// quizzes) by compiling it exactly as the build does, and every programme file (content/programmes). Exit code 1 on any error; warnings only print.
import path from "node:path";
import { checkContent, courseFiles } from "../app/content/check.server";
import { discoverContent } from "../app/content/content-files.server";
import { errorsOnly, formatProblem, sortProblems } from "../app/content/problems";
import { readProgrammes } from "../app/programmes/programme-files.server";

const contentRoot = path.resolve(process.argv[2] ?? "content");

async function main() {
  const started = performance.now();
  const { courses } = discoverContent(contentRoot, process.cwd());
  // Programmes (content/programmes/*.yaml) are checked against the course folders that exist.
  const programmes = readProgrammes(contentRoot, process.cwd(), courses.map((c) => c.slug));
  const problems = sortProblems([...(await checkContent(contentRoot)), ...programmes.problems]);
  const lessons = courses.reduce((sum, course) => sum + course.lessons.length, 0);
  const files = courses.reduce((sum, course) => sum + courseFiles(course).length, 0);
  for (const problem of problems) console.error(formatProblem(problem));
  const errors = errorsOnly(problems).length;
  const warnings = problems.length - errors;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `content:check: ${courses.length} courses, ${lessons} lessons (${files} files), ${programmes.programmes.length} programmes, ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} (${seconds} s)`,
  );
  // Warnings are printed but do not fail the check.
  process.exitCode = errors > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
