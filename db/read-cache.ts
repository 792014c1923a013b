/**
 * A read cache for the embedded database (docs/decisions/0003-embedded-read-cache.md).
 *
 * PGlite runs inside the server process and no other process can open its data directory, so
 * every write to it passes through this process. The cache keeps the results of a few hot reads
 * (session lookup, a learner's course progress, their quiz attempts on a lesson) and forgets all
 * of them whenever any statement that is not a plain SELECT runs or a transaction ends: a result
 * is served only while nothing at all has been written since it was read. On PostgreSQL other
 * processes may write, so there is no cache there (`readCacheFor` returns null).
 */
export class ReadCache {
  private generation = 0;
  private readonly entries = new Map<string, { generation: number; at: number; value: unknown }>();

  constructor(
    private readonly options: { maxEntries: number; ttlMs: number } = { maxEntries: 5000, ttlMs: 30_000 },
  ) {}

  /** Something was (or is about to be) written: every cached result is stale. */
  invalidate() {
    this.generation += 1;
    this.entries.clear();
  }

  /**
   * The cached result for key, or load()'s. The generation is taken before the query is issued, so a
   * write that runs while the read is in flight makes its result a miss next time, never a stale hit.
   */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.generation === this.generation && now - hit.at < this.options.ttlMs) return hit.value as T;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) {
      if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { generation, at: now, value });
    }
    return value;
  }

  get size() {
    return this.entries.size;
  }
}

const READ_ONLY = /^\s*select\b/i;
const WITH = /^\s*with\b/i;
// A statement may open with comments (the report queries say why they are written as they are).
const LEADING_COMMENTS = /^(?:\s*(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/))+/;
const LOCKING = /\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i;
// A CTE may hold a write (`with x as (delete … returning …) select …`). A WITH query that names no writing verb
// anywhere is a read; one that names one, even inside a string, is counted as a write (the safe mistake).
const WRITING = /\b(insert|update|delete|merge|truncate|copy|call|do|lock|set|create|alter|drop|grant|revoke|refresh|vacuum|analyze|nextval|setval|pg_advisory_\w*lock\w*)\b/i;

/**
 * Plain SELECTs (and WITH queries of selects only, such as a recursive walk of the org tree) leave the data as it
 * is; everything else (DML, DDL, data-modifying CTEs, locking reads) may change it.
 */
export function isPlainRead(sql: string) {
  const statement = sql.replace(LEADING_COMMENTS, "");
  if (LOCKING.test(statement)) return false;
  if (READ_ONLY.test(statement)) return true;
  return WITH.test(statement) && !WRITING.test(statement);
}

type QueryClient = {
  query: (...args: never[]) => Promise<unknown>;
  exec: (...args: never[]) => Promise<unknown>;
  transaction: (...args: never[]) => Promise<unknown>;
};

/** Makes every write through this PGlite client (query, exec, transaction) invalidate the cache. */
export function watchWrites(client: QueryClient, cache: ReadCache) {
  const query = client.query.bind(client) as (statement: string, ...rest: unknown[]) => Promise<unknown>;
  const exec = client.exec.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const transaction = client.transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const after = <T>(promise: Promise<T>) =>
    promise.finally(() => cache.invalidate());
  Object.assign(client, {
    query: (statement: string, ...rest: unknown[]) => {
      if (isPlainRead(statement)) return query(statement, ...rest);
      cache.invalidate();
      return after(query(statement, ...rest));
    },
    exec: (...args: unknown[]) => {
      cache.invalidate();
      return after(exec(...args));
    },
    transaction: (...args: unknown[]) => {
      cache.invalidate();
      return after(transaction(...args));
    },
  });
}

const caches = new WeakMap<object, ReadCache>();

export function attachReadCache(db: object, cache: ReadCache) {
  caches.set(db, cache);
}

/** The embedded database's read cache; null on PostgreSQL and inside transactions (their own db object). */
export function readCacheFor(db: object): ReadCache | null {
  return caches.get(db) ?? null;
}

/** Reads through the cache when there is one, straight from the database otherwise. */
export function cachedRead<T>(db: object, key: string, load: () => Promise<T>): Promise<T> {
  const cache = caches.get(db);
  return cache ? cache.get(key, load) : load();
}

/** True for the embedded database (one connection, in this process); false for a PostgreSQL server. */
export function isEmbedded(db: object) {
  return caches.has(db);
}
