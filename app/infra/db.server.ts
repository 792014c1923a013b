import path from "node:path";
import { sql } from "drizzle-orm";
import { type Db, type DbHandle, openDb } from "../../db/client";
import { getEnv } from "./env.server";

export type { Db };

export class DatabaseUnreachableError extends Error {
  override name = "DatabaseUnreachableError";
}

/** Opens the configured database and checks that it answers, naming the host when it does not. */
export async function connect(): Promise<DbHandle> {
  const env = getEnv();
  const handle = await openDb({
    url: env.DATABASE_URL,
    dataDir: path.resolve(env.DATA_DIR, "pglite"),
    poolSize: env.DATABASE_POOL_SIZE,
  }).catch((error: unknown) => {
    throw new DatabaseUnreachableError(`Cannot open the embedded database in ${env.DATA_DIR}: ${describe(error)}`);
  });
  try {
    await handle.db.execute(sql`select 1`);
  } catch (error) {
    await handle.close().catch(() => {});
    throw new DatabaseUnreachableError(`Cannot reach the database at ${handle.where}: ${describe(error)}`);
  }
  return handle;
}

function describe(error: unknown) {
  if (error instanceof Error) return (error as { code?: string }).code ?? error.message;
  return String(error);
}

let handle: Promise<DbHandle> | null = null;

/** The app's one database client, opened on first use. */
export function getDbHandle(): Promise<DbHandle> {
  handle ??= connect().catch((error) => {
    handle = null;
    throw error;
  });
  return handle;
}

export async function pingDb(db: Db) {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
