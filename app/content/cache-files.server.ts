import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CourseSource } from "./content-files.server";

const GARBAGE_AGE_MS = 24 * 60 * 60 * 1000;

export function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

/** Write to a temporary file, then rename: a reader never sees half a file, even mid-build. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value));
}

/** Mirrors each course's images/ and media/ to cacheDir/public/<course>/, served at /content/<course>/. */
export async function syncPublicAssets(cacheDir: string, courses: CourseSource[], assets: ReadonlyMap<string, Buffer>) {
  const publicDir = path.join(cacheDir, "public");
  const wanted = new Set<string>();
  for (const course of courses) {
    for (const asset of course.assets) {
      const target = path.join(publicDir, course.slug, asset);
      const bytes = assets.get(path.join(course.dir, asset));
      if (!bytes) continue;
      wanted.add(target);
      const current = await readFile(target).catch(() => null);
      if (!current || !current.equals(bytes)) await writeFileAtomic(target, bytes);
    }
  }
  for (const file of await listFiles(publicDir)) if (!wanted.has(file)) await rm(file, { force: true });
}

/** Entries no manifest has referenced for a day are unlikely to come back (an undo would). */
export async function collectGarbage(cacheDir: string, keep: ReadonlySet<string>) {
  const now = Date.now();
  for (const folder of ["entries", "keys", "meta"]) {
    for (const file of await listFiles(path.join(cacheDir, folder))) {
      const key = path.basename(file).replace(/\.json$/, "");
      if (keep.has(key)) continue;
      const { mtimeMs } = await stat(file);
      if (now - mtimeMs > GARBAGE_AGE_MS) await rm(file, { force: true });
    }
  }
}

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)])),
  );
  return nested.flat();
}
