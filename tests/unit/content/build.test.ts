import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { buildContent, cachePaths } from "../../../app/content/build.server";
import { loadAnswerKeys, loadEntry, loadManifest } from "../../../app/content/store.server";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const COURSE = "ai-in-library-services";

/** A private copy of one real course, so tests can edit files without touching content/. */
function copyCourse() {
  const root = mkdtempSync(path.join(tmpdir(), "skillshelf-build-"));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const contentRoot = path.join(root, "content");
  mkdirSync(path.join(contentRoot, "courses"), { recursive: true });
  cpSync(path.join(repoRoot, "content/competences.yaml"), path.join(contentRoot, "competences.yaml"));
  cpSync(path.join(repoRoot, "content/courses", COURSE), path.join(contentRoot, "courses", COURSE), { recursive: true });
  return { root, contentRoot, cacheDir: path.join(root, "cache"), courseDir: path.join(contentRoot, "courses", COURSE) };
}

test("the cache compiles each file once and recompiles only the file that changed", async () => {
  const { root, contentRoot, cacheDir, courseDir } = copyCourse();
  const options = { contentRoot, cacheDir, rootDir: root };
  const fileCount = readdirSync(courseDir).filter((f) => f.endsWith(".mdx")).length;

  const cold = await buildContent(options);
  expect(cold.problems).toEqual([]);
  expect(cold.compiled).toHaveLength(fileCount);

  const manifestFile = path.join(cacheDir, "manifest.json");
  const before = statSync(manifestFile).mtimeMs;
  const warm = await buildContent(options);
  expect(warm.compiled).toEqual([]);
  expect(warm.fromCache).toBe(fileCount);
  expect(statSync(manifestFile).mtimeMs).toBe(before); // running servers have nothing to reload

  appendFileSync(path.join(courseDir, "02-prompting-for-reference.en.mdx"), "\nOne more paragraph.\n");
  const edited = await buildContent(options);
  expect(edited.compiled).toEqual([`courses/${COURSE}/02-prompting-for-reference.en.mdx`]);
  const lesson = edited.manifest.courses[0]?.lessons.find((l) => l.slug === "prompting-for-reference");
  expect(lesson?.entries.en).not.toBe(cold.manifest.courses[0]?.lessons[1]?.entries.en);
  expect(lesson?.entries.vi).toBe(cold.manifest.courses[0]?.lessons[1]?.entries.vi);
}, 60_000);

test("a changed image recompiles the lessons that show it and is copied to public/", async () => {
  const { root, contentRoot, cacheDir, courseDir } = copyCourse();
  await buildContent({ contentRoot, cacheDir, rootDir: root });
  const svg = path.join(courseDir, "images/llm-text-generation.en.svg");
  writeFileSync(svg, readFileSync(svg, "utf8").replace("<svg", '<svg data-edited="1"'));
  const result = await buildContent({ contentRoot, cacheDir, rootDir: root });
  expect(result.compiled).toEqual([`courses/${COURSE}/01-what-is-ai.en.mdx`]);
  expect(readFileSync(path.join(cacheDir, "public", COURSE, "images/llm-text-generation.en.svg"), "utf8")).toContain("data-edited");
}, 60_000);

test("a lesson that breaks keeps its last good version online and is never cached", async () => {
  const { root, contentRoot, cacheDir, courseDir } = copyCourse();
  const good = await buildContent({ contentRoot, cacheDir, rootDir: root });
  const goodKey = good.manifest.courses[0]?.lessons[0]?.entries.vi;

  const file = path.join(courseDir, "01-what-is-ai.vi.mdx");
  writeFileSync(file, readFileSync(file, "utf8").replace("## Từ AI đến AI tạo sinh", "## Từ AI {đến"));
  const broken = await buildContent({ contentRoot, cacheDir, rootDir: root });
  expect(broken.failed).toEqual([`courses/${COURSE}/01-what-is-ai.vi.mdx`]);
  expect(broken.problems[0]?.file).toBe(`content/courses/${COURSE}/01-what-is-ai.vi.mdx`);
  expect(broken.problems[0]?.message).toMatch(/^MDX: /);
  expect(broken.manifest.courses[0]?.lessons[0]?.entries.vi).toBe(goodKey);
  expect(loadEntry(cacheDir, goodKey ?? "")?.segments.length).toBeGreaterThan(0);

  const again = await buildContent({ contentRoot, cacheDir, rootDir: root });
  expect(again.compiled).toEqual([`courses/${COURSE}/01-what-is-ai.vi.mdx`]);
}, 60_000);

test("onlyFiles compiles just the named file (the dev watcher's path)", async () => {
  const { root, contentRoot, cacheDir, courseDir } = copyCourse();
  await buildContent({ contentRoot, cacheDir, rootDir: root });
  const a = path.join(courseDir, "03-ai-cataloguing-metadata.vi.mdx");
  const b = path.join(courseDir, "04-library-chatbots.vi.mdx");
  appendFileSync(a, "\nThêm một đoạn.\n");
  appendFileSync(b, "\nThêm một đoạn.\n");
  const result = await buildContent({ contentRoot, cacheDir, rootDir: root, onlyFiles: [a] });
  expect(result.compiled).toEqual([`courses/${COURSE}/03-ai-cataloguing-metadata.vi.mdx`]);
  const full = await buildContent({ contentRoot, cacheDir, rootDir: root });
  expect(full.compiled).toEqual([`courses/${COURSE}/04-library-chatbots.vi.mdx`]);
}, 60_000);

test("the manifest describes courses and lessons; the store reloads it when it changes", async () => {
  const { root, contentRoot, cacheDir, courseDir } = copyCourse();
  await buildContent({ contentRoot, cacheDir, rootDir: root });
  const manifest = loadManifest(cacheDir);
  const course = manifest?.courses[0];
  expect(course).toMatchObject({ slug: COURSE, topic: "ai", level: "beginner", published: true, validForMonths: null, languages: ["vi", "en"] });
  expect(course?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  expect(course?.lessons.map((l) => l.order)).toEqual([1, 2, 3, 4, 5, 6]);
  const last = course?.lessons.at(-1);
  expect(last?.quizzes).toEqual([expect.objectContaining({ id: "final", graded: true, title: expect.objectContaining({ vi: expect.any(String), en: expect.any(String) }) })]);
  expect(existsSync(path.join(cacheDir, "public", COURSE, "images"))).toBe(true);

  const entry = loadEntry(cacheDir, last?.entries.vi ?? "");
  expect(entry?.segments.some((s) => s.kind === "quiz" && s.quizId === "final")).toBe(true);
  expect(loadAnswerKeys(cacheDir, last?.entries.vi ?? "")?.[0]?.id).toBe("final");
  expect(loadEntry(cacheDir, "../../etc/passwd")).toBeNull();

  const file = path.join(courseDir, "course.en.mdx");
  writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, 'title: "Renamed course"'));
  await buildContent({ contentRoot, cacheDir, rootDir: root });
  expect(loadManifest(cacheDir)?.courses[0]?.title.en).toBe("Renamed course");
}, 60_000);

test("answer keys never reach the public entries of any real lesson", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "skillshelf-keys-"));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const cacheDir = path.join(root, "cache");
  const result = await buildContent({ contentRoot: path.join(repoRoot, "content"), cacheDir, rootDir: repoRoot });
  expect(result.problems).toEqual([]);
  let checkedQuestions = 0;
  for (const key of Object.values(result.manifest.files)) {
    const paths = cachePaths(cacheDir, key);
    const entryJson = readFileSync(paths.entry, "utf8");
    const quizzesJson = JSON.stringify(JSON.parse(entryJson).quizzes);
    expect(quizzesJson).not.toMatch(/"correct"|"explanation"|"accept"|"answer"|"tolerance"|"publicId"|"rightId"/);
    for (const quiz of loadAnswerKeys(cacheDir, key) ?? []) {
      for (const question of quiz.questions) {
        checkedQuestions++;
        // The prose may quote the same facts, so look where answers could leak: the public quizzes.
        if (question.explanation) expect(quizzesJson.includes(question.explanation), question.explanation).toBe(false);
        if (question.type === "short") {
          for (const accepted of question.accept) expect(quizzesJson.includes(JSON.stringify(accepted)), accepted).toBe(false);
        }
        if (question.type === "ordering") {
          const shown = JSON.parse(quizzesJson)
            .flatMap((q: { questions: { id: string; items?: { id: string }[] }[] }) => q.questions)
            .find((q: { id: string }) => q.id === question.id)?.items.map((i: { id: string }) => i.id);
          expect(shown).not.toContain(question.items[0]?.id); // authored ids (i1, i2…) give the order away
          expect(shown).toEqual([...shown].sort());
        }
      }
    }
  }
  expect(checkedQuestions).toBeGreaterThan(100);
}, 60_000);
