import { inject } from "vitest";
import { type DbHandle, openDb } from "../../db/client";
import { migrate } from "../../db/migrate";
import { adminConnection, uniqueName, withDatabase } from "./pg-admin";

/**
 * A fresh, migrated database of this test file's own: a clone of the run's template on
 * PostgreSQL (DATABASE_URL set), else an in-memory PGlite.
 */
export async function createTestDb(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  const template = inject("templateDb");
  if (!url || !template) {
    const handle = await openDb({ dataDir: "memory://" });
    await migrate(handle);
    return handle;
  }
  const name = uniqueName("skillshelf_test");
  const admin = adminConnection(url);
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`);
      break;
    } catch (error) {
      // Two files cloning the same template at once can collide; wait and retry.
      if (attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const handle = await openDb({ url: withDatabase(url, name), poolSize: 20 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
