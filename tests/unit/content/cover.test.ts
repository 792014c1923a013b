import { expect, test } from "vitest";
import { COVER_MAX_BYTES, coverProblems } from "../../../app/content/cover";

const good = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180"><defs><linearGradient id="g"><stop offset="0" stop-color="#eef"/></linearGradient></defs><rect width="320" height="180" fill="url(#g)"/><circle cx="80" cy="90" r="40" fill="#c7d2fe"/></svg>';

test("a light, text-free 16:9 drawing may be published", () => {
  expect(coverProblems(good)).toEqual([]);
});

test("anything that could run, load or say something is refused, each with its reason", () => {
  const cases: [string, RegExp][] = [
    [good.replace("<circle", "<script>alert(1)</script><circle"), /<script>/],
    [good.replace("<circle", '<circle onload="alert(1)"'), /event handler/],
    [good.replace("<circle", '<image href="https://example.com/x.png"/><circle'), /<image>/],
    [good.replace('fill="url(#g)"', 'fill="url(https://example.com/x)"'), /url\(/],
    [good.replace("<circle", "<text x='1' y='9'>Title</text><circle"), /<text>/],
    [good.replace("<circle", '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject><circle'), /foreignObject/],
    [good.replace('viewBox="0 0 320 180"', 'viewBox="0 0 100 100"'), /viewBox/],
    ["<html><body>not a drawing</body></html>", /must be an <svg>/],
    [good.replace("<rect", `<!-- ${"x".repeat(COVER_MAX_BYTES)} --><rect`), /larger than/],
  ];
  for (const [source, problem] of cases) expect(coverProblems(source).join("\n"), String(problem)).toMatch(problem);
});

test("a course folder may hold cover.svg: a valid one becomes a published asset, an invalid one a problem and no asset", async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const { discoverContent } = await import("../../../app/content/content-files.server");
  const root = mkdtempSync(path.join(tmpdir(), "skillshelf-cover-"));
  try {
    for (const [slug, svg] of [["with-cover", good], ["bad-cover", good.replace("<circle", "<script/><circle")]] as const) {
      const dir = path.join(root, "courses", slug);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "course.vi.mdx"), "---\n---\n");
      writeFileSync(path.join(dir, "cover.svg"), svg);
    }
    const { courses, problems } = discoverContent(root, root);
    expect(courses.find((c) => c.slug === "with-cover")?.assets).toEqual(["cover.svg"]);
    expect(courses.find((c) => c.slug === "bad-cover")?.assets).toEqual([]);
    expect(problems.map((p) => `${p.file}: ${p.message}`)).toEqual(["courses/bad-cover/cover.svg: cover.svg: no <script>"]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
