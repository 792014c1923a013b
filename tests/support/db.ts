import { sql } from "drizzle-orm";
import { inject } from "vitest";
import { CHANGES_CHANNEL, readCacheFor } from "../../db/read-cache";
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

/**
 * Waits until the read cache has heard of every change committed so far (PostgreSQL: the change triggers' notifications
 * arrive in commit order, so once a marker sent now has arrived, so have they). On PGlite writes are seen at once.
 */
export async function cacheSettled(handle: DbHandle, writer: DbHandle = handle) {
  const cache = readCacheFor(handle.db);
  if (!cache || handle.driver !== "postgres") return;
  // An id that is no one's: it drops only entries that are nobody's in particular.
  const marker = crypto.randomUUID();
  await writer.db.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${marker})`);
  for (let waited = 0; cache.lastHeard !== marker; waited += 10) {
    if (waited > 5_000) throw new Error("the read cache heard nothing for 5 s");
    await new Promise((r) => setTimeout(r, 10));
  }
}
