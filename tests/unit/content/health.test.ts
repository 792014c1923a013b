import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { courseOfProblem, readHealth, writeHealth } from "../../../app/content/health.server";
import { formatProblem } from "../../../app/content/problems";

test("health keeps each course's last clean build and the problems of the latest one", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "skillshelf-health-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  expect(readHealth(dir)).toBeNull();
  await writeHealth(dir, ["a", "b"], []);
  const first = readHealth(dir)!;
  expect(Object.keys(first.lastClean).sort()).toEqual(["a", "b"]);
  const problem = { file: "content/courses/b/01-x.vi.mdx", line: 7, message: "MDX: broken" };
  expect(courseOfProblem(problem)).toBe("b");
  await new Promise((r) => setTimeout(r, 5));
  await writeHealth(dir, ["a", "b", "c"], [problem]);
  const second = readHealth(dir)!;
  expect(second.problems).toEqual([problem]);
  expect(second.lastClean.b).toBe(first.lastClean.b); // still the earlier clean build
  expect(second.lastClean.a! > first.lastClean.a!).toBe(true);
  expect(second.lastClean.c).toBeDefined();
});

test("a warning is kept with its severity but does not break a course's last clean build", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "skillshelf-health-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  await writeHealth(dir, ["a"], []);
  const first = readHealth(dir)!;
  await new Promise((r) => setTimeout(r, 5));
  const warning = { file: "content/courses/a/01-x.vi.mdx", line: 9, message: "quiz \"q\": lopsided", severity: "warning" as const };
  await writeHealth(dir, ["a"], [warning]);
  const second = readHealth(dir)!;
  expect(second.problems).toEqual([warning]);
  expect(second.lastClean.a! > first.lastClean.a!).toBe(true);
  expect(formatProblem(warning)).toBe('content/courses/a/01-x.vi.mdx:9: warning: quiz "q": lopsided');
  expect(formatProblem({ ...warning, severity: "error" })).toBe('content/courses/a/01-x.vi.mdx:9: quiz "q": lopsided');
});
