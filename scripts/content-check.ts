// npm run content:check — validates every course (frontmatter, MDX, links, assets, translations,
// quizzes) by compiling it exactly as the build does. Exit code 1 on any problem.
import path from "node:path";
import { checkContent, courseFiles } from "../app/content/check.server";
import { discoverContent } from "../app/content/content-files.server";
import { formatProblem } from "../app/content/problems";

const contentRoot = path.resolve(process.argv[2] ?? "content");

async function main() {
  const started = performance.now();
  const problems = await checkContent(contentRoot);
  const { courses } = discoverContent(contentRoot, process.cwd());
  const lessons = courses.reduce((sum, course) => sum + course.lessons.length, 0);
  const files = courses.reduce((sum, course) => sum + courseFiles(course).length, 0);
  for (const problem of problems) console.error(formatProblem(problem));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `content:check: ${courses.length} courses, ${lessons} lessons (${files} files), ${problems.length} problem${problems.length === 1 ? "" : "s"} (${seconds} s)`,
  );
  process.exitCode = problems.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
