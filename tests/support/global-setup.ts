import type { TestProject } from "vitest/node";
import { buildContent } from "../../app/content/build.server";
import { CONTENT_CACHE_DIR, CONTENT_ROOT } from "../../app/content/content.server";
import { openDb } from "../../db/client";
import { migrate } from "../../db/migrate";
import { adminConnection, uniqueName, withDatabase } from "./pg-admin";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string | null;
  }
}

/**
 * Builds the real content cache once (a clean clone has none, and tests that read the catalogue
 * through listCourseContent() would otherwise see no courses); only changed lessons recompile.
 *
 * With DATABASE_URL, migrate one template database per run; every test file clones it
 * (CREATE DATABASE … TEMPLATE …), so files never share state and migrations run once.
 */
export default async function setup(project: TestProject) {
  const build = await buildContent({ contentRoot: CONTENT_ROOT, cacheDir: CONTENT_CACHE_DIR });
  if (build.manifest.courses.length === 0) throw new Error(`content build found no courses under ${CONTENT_ROOT}`);
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide("templateDb", null);
    return;
  }
  const name = uniqueName("skillshelf_tpl");
  const admin = adminConnection(url);
  await admin.unsafe(`create database "${name}"`);
  const handle = await openDb({ url: withDatabase(url, name), poolSize: 1 });
  await migrate(handle);
  await handle.close();
  project.provide("templateDb", name);
  return async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}
