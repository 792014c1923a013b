// npm run content:build — compiles changed lessons into .cache/content (manifest, entries, answer
// keys, public assets). A lesson that fails keeps its last good version online; exit code 1 then.
import path from "node:path";
import { buildContent } from "../app/content/build.server";
import { errorsOnly, formatProblem } from "../app/content/problems";

const contentRoot = path.resolve(process.argv[2] ?? "content");
const cacheDir = path.resolve(process.argv[3] ?? ".cache/content");

async function main() {
  const result = await buildContent({ contentRoot, cacheDir });
  for (const problem of result.problems) console.error(formatProblem(problem));
  const files = result.compiled.length + result.fromCache;
  const lessons = result.manifest.courses.reduce((sum, course) => sum + course.lessons.length, 0);
  console.log(
    `content:build: ${result.manifest.courses.length} courses, ${lessons} lessons, ${files} files: ` +
      `${result.compiled.length - result.failed.length} compiled, ${result.fromCache} from cache, ${result.failed.length} failed, ` +
      `${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} (${(result.durationMs / 1000).toFixed(1)} s) → ${path.relative(process.cwd(), cacheDir)}`,
  );
  process.exitCode = errorsOnly(result.problems).length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
