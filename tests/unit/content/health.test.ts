import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { courseOfProblem, readHealth, writeHealth } from "../../../app/content/health.server";

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
