import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { ReadCache, attachReadCache, hearChanges, watchPostgresWrites, watchWrites } from "./read-cache";
import { type Listen, pgliteListen, postgresListen } from "./pubsub";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type domain code sees, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbHandle = {
  db: Db;
  /**
   * A small pool of its own (2 connections on PostgreSQL; on PGlite the same database) for reads that must not wait
   * behind a burst of writes: the live hub's state reads, which would otherwise queue behind 300 votes in the pool.
   */
  priority: Db;
  driver: "postgres" | "pglite";
  /** Host (or data directory) named in error messages. */
  where: string;
  /** LISTEN on a channel (db/pubsub.ts); the returned function stops listening. */
  listen: Listen;
  close: () => Promise<void>;
};

export type DbOptions = {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string | null;
  /** PGlite data directory; "memory://" for a throwaway in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /**
   * PostgreSQL only: open each connection with `jit=off` and `work_mem=32MB` as startup parameters (default true).
   * PgBouncer refuses startup parameters it does not know (unless listed in its ignore_startup_parameters): false
   * leaves them out, and the reports then set both per transaction (app/reports/reports.server.ts).
   */
  startupSettings?: boolean;
  /**
   * PostgreSQL only: keep a read cache that hears of other instances' changes through LISTEN (db/read-cache.ts,
   * decision 0011), on one more connection. Default true; a script that writes and exits has no use for it.
   */
  readCache?: boolean;
};

const settled = new WeakSet<object>();

/**
 * Whether every connection of this client already runs with room for the reports and without JIT: true for a
 * PostgreSQL client opened with startupSettings, and for the embedded database (no JIT; its one connection has the room).
 */
export function hasReportSettings(db: object) {
  return settled.has(db);
}

export const DEFAULT_DATA_DIR = path.resolve(".data/pglite");

export async function openDb(options: DbOptions = {}): Promise<DbHandle> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const url = new URL(options.url);
    const startupSettings = options.startupSettings ?? true;
    // PostgreSQL's JIT is triggered by a plan's estimated cost, not its size: on this app's small queries it
    // spends milliseconds compiling what runs in microseconds. The report queries hash every person × course
    // pair, which spills to disk with the default 4 MB work_mem.
    const settings = startupSettings ? { jit: "off", work_mem: "32MB" } : {};
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      connection: {
        application_name: "skillshelf",
        ...settings,
      },
    });
    // Before drizzle is made: it keeps the client's methods it calls.
    const cache = options.readCache === false ? null : new ReadCache({ maxEntries: 5000, ttlMs: 30_000, serving: false });
    if (cache) watchPostgresWrites(client as never, cache);
    const db = drizzle(client, { schema });
    const stopHearing = cache ? hearChanges(postgres, options.url, cache) : async () => {};
    if (cache) attachReadCache(db, cache, { embedded: false });
    let priority: { client: ReturnType<typeof postgres>; db: Db } | null = null;
    const priorityDb = () => {
      // Opened on first use: most processes (scripts, tests) never need it.
      if (!priority) {
        const c = postgres(options.url!, { max: 2, onnotice: () => {}, connection: { application_name: "skillshelf-priority", ...settings } });
        priority = { client: c, db: drizzle(c, { schema }) as unknown as Db };
      }
      return priority.db;
    };
    if (startupSettings) settled.add(db);
    return {
      db: db as unknown as Db,
      get priority() {
        return priorityDb();
      },
      driver: "postgres",
      where: `${url.hostname}:${url.port || 5432}`,
      listen: postgresListen(client as never),
      close: async () => {
        await Promise.all([stopHearing(), client.end({ timeout: 5 }), priority?.client.end({ timeout: 5 })]);
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  // The reports hash every person × course pair: with the default 4 MB that spills to disk (on PostgreSQL the report
  // queries raise it in their own transaction, app/reports/reports.server.ts; this one connection has it for good).
  await client.exec("set work_mem = '32MB'");
  // This process owns the embedded database: reads can be cached until the next write (db/read-cache.ts).
  const cache = new ReadCache();
  watchWrites(client as never, cache);
  const db = drizzle(client, { schema });
  attachReadCache(db, cache, { embedded: true });
  settled.add(db);
  return {
    db: db as unknown as Db,
    priority: db as unknown as Db,
    driver: "pglite",
    where: dataDir,
    listen: pgliteListen(client as never),
    close: () => client.close(),
  };
}

