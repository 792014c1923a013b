import path from "node:path";
import type { DbHandle } from "./client";

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname ?? "db", "migrations");

/** Applies every committed drizzle-kit migration that has not run yet; safe to call on each start. */
export async function migrate(handle: DbHandle, migrationsFolder = MIGRATIONS_FOLDER) {
  if (handle.driver === "pglite") {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(handle.db as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
    await run(handle.db as never, { migrationsFolder });
  }
}
