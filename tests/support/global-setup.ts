import type { TestProject } from "vitest/node";
import { openDb } from "../../db/client";
import { migrate } from "../../db/migrate";
import { adminConnection, uniqueName, withDatabase } from "./pg-admin";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string | null;
  }
}

/**
 * With DATABASE_URL, migrate one template database per run; every test file clones it
 * (CREATE DATABASE … TEMPLATE …), so files never share state and migrations run once.
 */
export default async function setup(project: TestProject) {
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
