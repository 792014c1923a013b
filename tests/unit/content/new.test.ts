import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { checkContent } from "../../../app/content/check.server";
import { readCompetences } from "../../../app/content/competences.server";
import { readFrontmatter } from "../../../app/content/frontmatter.server";
import { formatProblem } from "../../../app/content/problems";
import { scaffoldCourse, type CourseScaffoldInput } from "../../../app/content/scaffold.server";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const FILES = ["course.vi.mdx", "course.en.mdx", "01-introduction.vi.mdx", "01-introduction.en.mdx"];

/** A temporary content folder holding only the real competences.yaml. */
function tempContent(): string {
  const root = mkdtempSync(path.join(tmpdir(), "skillshelf-new-"));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const content = path.join(root, "content");
  mkdirSync(content);
  copyFileSync(path.join(repoRoot, "content/competences.yaml"), path.join(content, "competences.yaml"));
  return content;
}

const input = (overrides: Partial<CourseScaffoldInput> = {}): CourseScaffoldInput => ({
  slug: "tra-cuu-opac",
  titleVi: "Tra cứu OPAC cho cán bộ mới",
  titleEn: "OPAC searching for new staff",
  topic: "digital-services",
  owner: "trainer@skillshelf.local",
  ...overrides,
});

function frontmatter(file: string): Record<string, unknown> {
  const result = readFrontmatter(readFileSync(file, "utf8"), file);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
  return result.data as Record<string, unknown>;
}

function refused(content: string, overrides: Partial<CourseScaffoldInput>): string[] {
  const result = scaffoldCourse(input(overrides), content);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

test("a new course is a draft that passes content:check with 0 problems, with the exact Vietnamese title", async () => {
  const content = tempContent();
  const result = scaffoldCourse(input({ titleVi: "Khai thác dữ liệu mở: “Thư viện số” cho người mới" }), content);
  expect(result).toEqual({ ok: true, dir: path.join(content, "courses/tra-cuu-opac"), files: FILES });

  const dir = path.join(content, "courses/tra-cuu-opac");
  expect(readdirSync(dir).sort()).toEqual([...FILES].sort());
  const problems = await checkContent(content, { rootDir: path.dirname(content) });
  expect(problems.map(formatProblem)).toEqual([]);

  const course = frontmatter(path.join(dir, "course.vi.mdx"));
  expect(course).toMatchObject({
    title: "Khai thác dữ liệu mở: “Thư viện số” cho người mới",
    topic: "digital-services",
    level: "beginner",
    estimatedMinutes: 60,
    owners: ["trainer@skillshelf.local"],
    published: false,
  });
  const catalogue = readCompetences(content);
  if (!catalogue.ok) throw new Error("competences.yaml is invalid");
  const competences = course.competences as { id: string; level: number }[];
  expect(competences.length).toBeGreaterThanOrEqual(1);
  for (const c of competences) expect(catalogue.catalogue.byId.has(c.id)).toBe(true);
  expect(readFileSync(path.join(dir, "course.vi.mdx"), "utf8")).toContain('title: "Khai thác dữ liệu mở: “Thư viện số” cho người mới"\n');
  expect(frontmatter(path.join(dir, "course.en.mdx"))).toMatchObject({ title: "OPAC searching for new staff" });

  for (const lang of ["vi", "en"]) {
    const lesson = readFileSync(path.join(dir, `01-introduction.${lang}.mdx`), "utf8");
    expect(lesson).toMatch(/\n## \S/);
    expect(lesson).toContain("<Callout");
    expect(lesson).toContain("<KeyTakeaways>");
  }
}, 60_000);

test("titles with quotes, colons, # and decomposed (NFD) Vietnamese are written as NFC and survive YAML", async () => {
  const content = tempContent();
  const titleVi = 'AI: "tạo sinh" # 1 \\ cho thư viện';
  const titleEn = "Data: 'open' \"data\" #2";
  const result = scaffoldCourse(
    input({ slug: "ai-2", titleVi: `  ${titleVi.normalize("NFD")}  `, titleEn, topic: "ai", level: "advanced", minutes: "90", owner: " Trainer@Library.VN " }),
    content,
  );
  expect(result.ok).toBe(true);
  const dir = path.join(content, "courses/ai-2");
  const raw = readFileSync(path.join(dir, "course.vi.mdx"), "utf8");
  expect(raw).toBe(raw.normalize("NFC"));
  expect(frontmatter(path.join(dir, "course.vi.mdx"))).toMatchObject({
    title: titleVi.normalize("NFC"),
    topic: "ai",
    level: "advanced",
    estimatedMinutes: 90,
    owners: ["trainer@library.vn"],
  });
  expect(frontmatter(path.join(dir, "course.en.mdx"))).toMatchObject({ title: titleEn });
  const problems = await checkContent(content, { rootDir: path.dirname(content) });
  expect(problems.map(formatProblem)).toEqual([]);
}, 60_000);

test("invalid slugs are refused and nothing is written", () => {
  const content = tempContent();
  for (const slug of ["Khoá-học", "khóa-hoc", "a b", "-x", "x-", "x--y", "Opac", "x_y", ""]) {
    const errors = refused(content, { slug });
    expect(errors, slug).toHaveLength(1);
    expect(errors[0], slug).toMatch(slug === "" ? /missing course slug/ : /^invalid course slug .*lowercase ASCII/);
  }
  expect(refused(content, { slug: "Khoá-học" })[0]).toContain('e.g. "khoa-hoc"');
  expect(existsSync(path.join(content, "courses"))).toBe(false);
});

test("a slug whose folder already exists is refused and the existing course is left untouched", () => {
  const content = tempContent();
  const existing = path.join(content, "courses/tra-cuu-opac");
  mkdirSync(existing, { recursive: true });
  writeFileSync(path.join(existing, "course.vi.mdx"), "original");
  const errors = refused(content, {});
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/courses\/tra-cuu-opac already exists: choose another slug/);
  expect(readdirSync(existing)).toEqual(["course.vi.mdx"]);
  expect(readFileSync(path.join(existing, "course.vi.mdx"), "utf8")).toBe("original");
});

test("an invalid topic, owner email, level, minutes or empty title is refused", () => {
  const content = tempContent();
  expect(refused(content, { topic: "history" })).toEqual(['invalid topic "history": use one of ai, data, digital-services']);
  expect(refused(content, { topic: "AI" })[0]).toMatch(/^invalid topic "AI"/);
  for (const owner of ["trainer", "trainer@", "a b@x.vn", "", "trainer@skillshelf"]) {
    expect(refused(content, { owner })[0], owner).toMatch(/^invalid owner email/);
  }
  expect(refused(content, { level: "expert" })[0]).toMatch(/^invalid level "expert"/);
  for (const minutes of ["0", "-5", "1.5", "abc", 0]) expect(refused(content, { minutes })[0]).toMatch(/^invalid estimated minutes/);
  expect(refused(content, { titleVi: "   " })).toEqual(["missing Vietnamese title"]);
  expect(refused(content, { titleEn: "two\nlines" })[0]).toMatch(/English title must be one line/);
  expect(existsSync(path.join(content, "courses"))).toBe(false);
});

test("a content folder without competences.yaml is refused", () => {
  const root = mkdtempSync(path.join(tmpdir(), "skillshelf-new-"));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const result = scaffoldCourse(input(), root);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.errors[0]).toMatch(/competences\.yaml .*is --content-dir the content folder\?/);
  expect(existsSync(path.join(root, "courses"))).toBe(false);
});

function cli(args: string[]) {
  // stdin is a pipe (not a TTY) that is already closed: the CLI must never wait for input.
  return spawnSync("npx", ["tsx", "scripts/content-new.ts", ...args], { cwd: repoRoot, encoding: "utf8", input: "", timeout: 60_000 });
}

test("the CLI creates a course from flags when stdin is not a terminal", () => {
  const content = tempContent();
  const title = 'Dữ liệu: "mở" cho thư viện';
  const run = cli([
    "du-lieu-mo",
    "--title-vi",
    title,
    "--title-en",
    "Open data for libraries",
    "--topic",
    "data",
    "--level",
    "intermediate",
    "--owner",
    "trainer@skillshelf.local",
    "--minutes",
    "45",
    "--content-dir",
    content,
  ]);
  expect(run.stderr).not.toMatch(/content:new/);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("du-lieu-mo");
  const dir = path.join(content, "courses/du-lieu-mo");
  expect(readdirSync(dir).sort()).toEqual([...FILES].sort());
  expect(frontmatter(path.join(dir, "course.vi.mdx"))).toMatchObject({ title, topic: "data", level: "intermediate", estimatedMinutes: 45, published: false });
}, 60_000);

test("the CLI exits 1 naming the missing flag when stdin is not a terminal, and writes nothing", () => {
  const content = tempContent();
  const run = cli(["du-lieu-mo", "--title-vi", "Dữ liệu mở", "--title-en", "Open data", "--topic", "data", "--content-dir", content]);
  expect(run.status).toBe(1);
  const lines = run.stderr.split("\n").filter((line) => line.startsWith("content:new:"));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^content:new: missing --owner \(/);
  expect(existsSync(path.join(content, "courses"))).toBe(false);
}, 60_000);
