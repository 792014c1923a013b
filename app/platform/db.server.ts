import path from "node:path";
import { sql } from "drizzle-orm";
import { type Db, type DbHandle, openDb } from "../../db/client";
import { type Env, getEnv } from "./env.server";

export type { Db };

export class DatabaseUnreachableError extends Error {
  override name = "DatabaseUnreachableError";
}

/** Opens the configured database and checks that it answers, naming the host when it does not. */
export async function connect(env: Env = getEnv()): Promise<DbHandle> {
  const handle = await openDb({
    url: env.DATABASE_URL,
    dataDir: path.resolve(env.DATA_DIR, "pglite"),
    poolSize: env.DATABASE_POOL_SIZE,
    startupSettings: env.DATABASE_STARTUP_SETTINGS === "on",
    readCache: env.DATABASE_READ_CACHE === "on",
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

/** The driver's error code (ECONNREFUSED, 28P01…) or first message line, found under drizzle's wrapper. */
function describe(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error) {
    const code = (current as { code?: string }).code;
    if (code) return `${code} (${current.message.split("\n")[0]})`;
    if (!current.cause) return current.message.split("\n")[0]!;
    current = current.cause;
  }
  return String(current).split("\n")[0]!;
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
