import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeJsonAtomic } from "./cache-files.server";
import { errorsOnly, type Problem } from "./problems";

// cacheDir/health.json: the problems (errors and warnings) of the last full build and, per course,
// when it last built without an error. The trainers' content-health page and lesson pages read it.

const healthSchema = z.object({
  checkedAt: z.string(),
  problems: z.array(z.object({ file: z.string(), line: z.number(), message: z.string(), severity: z.enum(["error", "warning"]).optional() })),
  lastClean: z.record(z.string(), z.string()),
});
export type ContentHealth = z.infer<typeof healthSchema>;

const file = (cacheDir: string) => path.join(cacheDir, "health.json");

/** The course a problem belongs to, from its path (…/courses/<slug>/…), or null. */
export function courseOfProblem(problem: Problem) {
  return /(?:^|\/)courses\/([^/]+)\//.exec(problem.file)?.[1] ?? null;
}

export function readHealth(cacheDir: string): ContentHealth | null {
  try {
    return healthSchema.parse(JSON.parse(readFileSync(file(cacheDir), "utf8")));
  } catch {
    return null;
  }
}

export async function writeHealth(cacheDir: string, courseSlugs: string[], problems: Problem[]) {
  const now = new Date().toISOString();
  const previous = readHealth(cacheDir);
  // Warnings do not break a course: "last clean" means the last build without errors.
  const broken = new Set(errorsOnly(problems).map(courseOfProblem));
  const lastClean: Record<string, string> = {};
  for (const slug of courseSlugs) {
    const clean = broken.has(slug) ? previous?.lastClean[slug] : now;
    if (clean) lastClean[slug] = clean;
  }
  await writeJsonAtomic(file(cacheDir), { checkedAt: now, problems, lastClean } satisfies ContentHealth);
}
