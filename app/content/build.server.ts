import { writeHealth } from "./health.server";
import { forgetStore } from "./store.server";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { collectGarbage, sha256, syncPublicAssets, writeJsonAtomic } from "./cache-files.server";
import { courseFiles, crossFileProblems, relativePath, type FileFacts } from "./check.server";
import { competencesPath, readCompetences } from "./competences.server";
import { COMPILER_VERSION } from "./compiler-version";
import type { CompiledFile } from "./compile.server";
import { discoverContent, type ContentFile, type CourseSource } from "./content-files.server";
import { manifestSchema, tocEntrySchema, type LessonEntry, type Manifest } from "./manifest";
import { manifestCourse } from "./manifest-assembly.server";
import { mapLimit } from "./map-limit";
import { sortProblems, type Problem } from "./problems";
import { fileFrontmatterSchema, quizSpecSchema, type QuizSpec } from "./schema";

export type { LessonEntry, Manifest, ManifestCourse, ManifestLesson, ManifestQuiz } from "./manifest";
export { COMPILER_VERSION };

export type BuildOptions = {
  contentRoot: string;
  cacheDir: string;
  /** Compile at most these files (dev watcher); others use their cached or last good entry. */
  onlyFiles?: string[];
  /** Problems name files relative to this folder; default: the current directory. */
  rootDir?: string;
  /** Key for opaque quiz option ids; default: a random secret kept in cacheDir/token-secret. */
  tokenSecret?: string;
};

export type BuildResult = {
  manifest: Manifest;
  problems: Problem[];
  /** Content-root-relative ids of the files compiled in this run (failures included). */
  compiled: string[];
  failed: string[];
  /** Files served from the cache without compiling. */
  fromCache: number;
  durationMs: number;
};

/** cacheDir/meta/<key>.json: what the manifest and the cross-file checks need, without the HTML. */
const cachedMetaSchema = z.object({
  frontmatter: fileFrontmatterSchema,
  frontmatterLines: z.record(z.string(), z.number()),
  toc: z.array(tocEntrySchema),
  links: z.array(z.object({ href: z.string(), line: z.number() })),
  images: z.array(z.object({ src: z.string(), alt: z.string(), line: z.number() })),
  assets: z.array(z.string()),
});
type CachedMeta = z.infer<typeof cachedMetaSchema>;
type Cached = { meta: CachedMeta; answerKeys: QuizSpec[] };
type Resolved = Cached & { key: string };

export function cachePaths(cacheDir: string, key: string) {
  return {
    entry: path.join(cacheDir, "entries", `${key}.json`),
    keys: path.join(cacheDir, "keys", `${key}.json`),
    meta: path.join(cacheDir, "meta", `${key}.json`),
  };
}

export async function buildContent(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const contentRoot = path.resolve(options.contentRoot);
  const cacheDir = path.resolve(options.cacheDir);
  const rootDir = path.resolve(options.rootDir ?? process.cwd());
  const only = options.onlyFiles ? new Set(options.onlyFiles.map((f) => path.resolve(f))) : null;

  const { courses, problems } = discoverContent(contentRoot, rootDir);
  const competences = readCompetences(contentRoot, relativePath(rootDir, competencesPath(contentRoot)));
  if (!competences.ok) problems.push(...competences.problems);
  const previous = await readPreviousManifest(cacheDir);
  const secretHash = sha256(options.tokenSecret ?? (await tokenSecret(cacheDir)));
  const assets = await readAssets(courses);

  const resolved = new Map<string, Resolved>();
  const facts = new Map<string, FileFacts>();
  const sources = new Map<string, string>();
  const compiled: string[] = [];
  const failed: string[] = [];
  let fromCache = 0;
  const use = (file: ContentFile, key: string, cached: Cached) => {
    resolved.set(file.id, { key, ...cached });
    facts.set(file.id, { frontmatter: cached.meta.frontmatter, compiled: { ...cached.meta, answerKeys: cached.answerKeys } });
  };
  const lastGood = async (file: ContentFile) => {
    const key = previous?.files[file.id];
    const cached = key ? await readCached(cacheDir, key) : null;
    return key && cached ? { key, cached } : null;
  };

  const files = courses.flatMap((course) => courseFiles(course).map((file) => ({ file, course })));
  await mapLimit(files, 4, async ({ file, course }) => {
    const source = await readFile(file.abs, "utf8");
    sources.set(file.id, source);
    const key = sha256(COMPILER_VERSION, file.id, secretHash, source, ...referencedAssets(source, course, assets));
    const hit = await readCached(cacheDir, key);
    if (hit) {
      fromCache++;
      return use(file, key, hit);
    }
    // The dev watcher rebuilds one file; other edits in progress wait for their own turn.
    const stale = only && !only.has(file.abs) ? await lastGood(file) : null;
    if (stale) {
      fromCache++;
      return use(file, stale.key, stale.cached);
    }
    compiled.push(file.id);
    // Loaded on demand: a build with nothing to compile (and the Vite config) never loads MDX.
    const { compileContentFile } = await import("./compile.server");
    const outcome = await compileContentFile({
      file: file.rel,
      source,
      courseDir: course.dir,
      courseSlug: course.slug,
      lang: file.lang,
      kind: file.kind,
      tokenSecret: secretHash,
    });
    if (outcome.ok) {
      use(file, key, await writeCached(cacheDir, key, outcome.compiled));
      return;
    }
    // Never cache a broken file; the last good version stays online until it is fixed.
    failed.push(file.id);
    problems.push(...outcome.problems);
    const good = await lastGood(file);
    if (good) resolved.set(file.id, { key: good.key, ...good.cached });
    facts.set(file.id, { frontmatter: outcome.frontmatter, compiled: null });
  });

  problems.push(...crossFileProblems(courses, facts, competences.ok ? competences.catalogue : null));
  const manifest: Manifest = {
    version: 1,
    compilerVersion: COMPILER_VERSION,
    builtAt: new Date().toISOString(),
    courses: courses.flatMap((course) => manifestCourse(course, resolved, contentHash(course, sources, assets))),
    files: Object.fromEntries([...resolved].sort(([a], [b]) => a.localeCompare(b)).map(([id, r]) => [id, r.key])),
  };
  await syncPublicAssets(cacheDir, courses, assets);
  await writeManifest(cacheDir, manifest, previous);
  if (!only) await collectGarbage(cacheDir, new Set(Object.values(manifest.files)));
  // A partial (dev) build knows only some files' problems: only full builds update the health file.
  if (!only) await writeHealth(cacheDir, [...new Set([...courses.map((c) => c.slug), ...manifest.courses.map((c) => c.slug)])], sortProblems(problems));

  return {
    manifest,
    problems: sortProblems(problems),
    compiled: compiled.sort(),
    failed: failed.sort(),
    fromCache,
    durationMs: Math.round(performance.now() - started),
  };
}

// ---------------------------------------------------------------------------------------------
// Cache entries

async function readCached(cacheDir: string, key: string): Promise<Cached | null> {
  const paths = cachePaths(cacheDir, key);
  try {
    // meta is written last, so its presence means the entry is complete.
    const [meta, keys] = await Promise.all([readFile(paths.meta, "utf8"), readFile(paths.keys, "utf8"), stat(paths.entry)]);
    const parsedMeta = cachedMetaSchema.safeParse(JSON.parse(meta));
    const parsedKeys = z.array(quizSpecSchema).safeParse(JSON.parse(keys));
    return parsedMeta.success && parsedKeys.success ? { meta: parsedMeta.data, answerKeys: parsedKeys.data } : null;
  } catch {
    return null;
  }
}

async function writeCached(cacheDir: string, key: string, compiled: CompiledFile): Promise<Cached> {
  const paths = cachePaths(cacheDir, key);
  const entry: LessonEntry = {
    segments: compiled.segments,
    toc: compiled.toc,
    quizzes: compiled.quizzes,
    plainText: compiled.plainText,
    wordCount: compiled.wordCount,
  };
  const { frontmatter, frontmatterLines, toc, links, images, assets } = compiled;
  const meta: CachedMeta = { frontmatter, frontmatterLines, toc, links, images, assets };
  await writeJsonAtomic(paths.entry, entry);
  await writeJsonAtomic(paths.keys, compiled.answerKeys);
  await writeJsonAtomic(paths.meta, meta);
  return { meta, answerKeys: compiled.answerKeys };
}

/**
 * Files a lesson may reference, as far as a quick scan of the source can tell: their bytes are
 * part of the cache key, so replacing an SVG (new width/height) recompiles the lessons using it.
 */
function referencedAssets(source: string, course: CourseSource, assets: ReadonlyMap<string, Buffer>): (string | Buffer)[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/\b(?:src|captions)\s*=\s*["']([^"']+)["']|!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)) {
    found.add((match[1] ?? match[2] ?? "").replace(/^\.\//, ""));
  }
  return [...found].sort().flatMap((asset) => [asset, assets.get(path.join(course.dir, asset)) ?? "(missing)"]);
}

async function readAssets(courses: CourseSource[]): Promise<Map<string, Buffer>> {
  const all = courses.flatMap((course) => course.assets.map((asset) => path.join(course.dir, asset)));
  const bytes = await mapLimit(all, 16, (file) => readFile(file));
  return new Map(all.map((file, i) => [file, bytes[i] as Buffer]));
}

function contentHash(course: CourseSource, sources: ReadonlyMap<string, string>, assets: ReadonlyMap<string, Buffer>): string {
  const parts = courseFiles(course).map((file) => `${file.id}:${sha256(sources.get(file.id) ?? "")}`);
  for (const asset of course.assets) parts.push(`${asset}:${sha256(assets.get(path.join(course.dir, asset)) ?? "")}`);
  return sha256(...parts.sort());
}

async function tokenSecret(cacheDir: string): Promise<string> {
  const file = path.join(cacheDir, "token-secret");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    await mkdir(cacheDir, { recursive: true });
    try {
      await writeFile(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return (await readFile(file, "utf8")).trim();
  }
}

// ---------------------------------------------------------------------------------------------
// Manifest

async function readPreviousManifest(cacheDir: string): Promise<Manifest | null> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(path.join(cacheDir, "manifest.json"), "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Unchanged content leaves manifest.json untouched, so running servers don't reload for nothing. */
async function writeManifest(cacheDir: string, manifest: Manifest, previous: Manifest | null): Promise<void> {
  if (previous && canonicalJson({ ...manifest, builtAt: previous.builtAt }) === canonicalJson(previous)) {
    manifest.builtAt = previous.builtAt;
    return;
  }
  await writeJsonAtomic(path.join(cacheDir, "manifest.json"), manifest);
  forgetStore(cacheDir); // a server in this process (dev) sees the new manifest at once
}

/** JSON with object keys sorted, so equal manifests compare equal whatever order keys came in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
