import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { lessonEntrySchema, manifestSchema, type LessonEntry, type Manifest } from "./manifest";
import { quizSpecSchema, type QuizSpec } from "./schema";

// Read side of the content cache written by buildContent. Synchronous on purpose: after the
// first read everything comes from memory, and a loader stays a plain function call.
// Entries are content-addressed (the key is a hash of their inputs), so they never go stale;
// only manifest.json changes, and a new mtime makes the next call see the rebuilt content.

type Store = {
  mtimeMs: number;
  manifest: Manifest;
  entries: Map<string, LessonEntry | null>;
  keys: Map<string, QuizSpec[] | null>;
};

const stores = new Map<string, Store>();
const answerKeysSchema = z.array(quizSpecSchema);
const KEY = /^[0-9a-f]{64}$/;

/** The current manifest, or null before the first content build. */
export function loadManifest(cacheDir: string): Manifest | null {
  return currentStore(cacheDir)?.manifest ?? null;
}

/** The public part of a compiled lesson or overview: HTML segments, toc, quizzes without answers. */
export function loadEntry(cacheDir: string, key: string): LessonEntry | null {
  return readCachedFile(cacheDir, key, "entries", lessonEntrySchema, (store) => store.entries);
}

/** Server-only answer keys of the quizzes in an entry. Never send these to the browser. */
export function loadAnswerKeys(cacheDir: string, key: string): QuizSpec[] | null {
  return readCachedFile(cacheDir, key, "keys", answerKeysSchema, (store) => store.keys);
}

// A page reads the store several times; looking at the manifest's mtime once a second is enough
// to pick up a rebuild without a restart.
const RECHECK_MS = 1000;
const checkedAt = new Map<string, number>();

/** Makes the next read look at the manifest again (called by a build in the same process). */
export function forgetStore(cacheDir: string) {
  checkedAt.delete(manifestPath(cacheDir));
}

// Each page reads the store several times (the lesson page: its course, its entry, its answer keys): the manifest's
// absolute path is worked out once per cache directory, not on every read (path.resolve reads the working directory).
const manifestPaths = new Map<string, string>();
function manifestPath(cacheDir: string) {
  let file = manifestPaths.get(cacheDir);
  if (file === undefined) manifestPaths.set(cacheDir, (file = path.join(path.resolve(cacheDir), "manifest.json")));
  return file;
}

function currentStore(cacheDir: string): Store | null {
  const file = manifestPath(cacheDir);
  const cached0 = stores.get(file);
  const now = Date.now();
  if (cached0 && now - (checkedAt.get(file) ?? 0) < RECHECK_MS) return cached0;
  checkedAt.set(file, now);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    stores.delete(file);
    return null;
  }
  const cached = stores.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached;
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  // A rebuilt manifest drops the memoised entries too, which keeps memory bounded in dev.
  const store: Store = { mtimeMs, manifest, entries: new Map(), keys: new Map() };
  stores.set(file, store);
  return store;
}

function readCachedFile<T>(
  cacheDir: string,
  key: string,
  folder: "entries" | "keys",
  schema: z.ZodType<T>,
  memo: (store: Store) => Map<string, T | null>,
): T | null {
  if (!KEY.test(key)) return null; // keys come from URLs via the manifest; never build odd paths
  const store = currentStore(cacheDir);
  if (!store) return null;
  const map = memo(store);
  if (map.has(key)) return map.get(key) ?? null;
  let value: T | null;
  try {
    value = schema.parse(JSON.parse(readFileSync(path.join(path.resolve(cacheDir), folder, `${key}.json`), "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    value = null;
  }
  map.set(key, value);
  return value;
}
