/**
 * Read caches for a few hot reads (session lookup, a learner's course progress, their quiz attempts on a lesson, their
 * catalogue, the report basics): docs/decisions/0003-embedded-read-cache.md and 0011-read-cache-on-postgresql.md.
 *
 * - Embedded database (PGlite): it runs inside this process and no other process can open its data directory, so
 *   every write passes through here. Any statement that is not a plain SELECT, and the start and end of every
 *   transaction, forget everything.
 * - PostgreSQL: other instances write too. This instance's own writes forget everything at once, as on PGlite; the
 *   database tells every instance of every other change (db/migrations/0011: a trigger on each table the cached reads
 *   use notifies channel skillshelf_changes with the ids of the people whose rows changed, or '*'), and each drops
 *   what it holds for those people. The cache serves nothing while it is not listening (before the LISTEN is in
 *   place, and from the moment that connection drops until it is back), and starts empty each time it is.
 *
 * An entry is one person's (tagged with their id: their session, progress, attempts) or nobody's in particular
 * (untagged: a report across people), which any change at all drops.
 */
export class ReadCache {
  private generation = 0;
  private readonly entries = new Map<string, { at: number; user: string | null; value: unknown }>();
  /** False while changes made elsewhere could go unheard (PostgreSQL, not listening): every read goes through. */
  private serving: boolean;

  constructor(
    private readonly options: { maxEntries: number; ttlMs: number; serving?: boolean } = { maxEntries: 5000, ttlMs: 30_000 },
  ) {
    this.serving = options.serving ?? true;
  }

  /** Something was (or is about to be) written: every cached result is stale. */
  invalidate() {
    this.generation += 1;
    this.entries.clear();
  }

  /** These people's rows changed: their entries go, and so does every entry that is nobody's in particular. */
  invalidatePeople(ids: Iterable<string>) {
    const people = new Set(ids);
    // A read in flight may have seen the rows before the change: whoever it is for, it is not kept.
    this.generation += 1;
    for (const [key, entry] of this.entries) if (entry.user === null || people.has(entry.user)) this.entries.delete(key);
  }

  /** The last notification heard (tests wait for a marker of their own to know every earlier one has arrived). */
  lastHeard: string | null = null;

  /** A notification from the database (channel skillshelf_changes): '*' or a comma-separated list of ids. */
  changed(payload: string) {
    this.lastHeard = payload;
    if (payload === "*" || !payload) this.invalidate();
    else this.invalidatePeople(payload.split(","));
  }

  /** Starts (true) or stops (false) serving entries; either way it starts over empty. */
  setServing(serving: boolean) {
    this.invalidate();
    this.serving = serving;
  }

  /**
   * The cached result for key, or load()'s. The generation is taken before the query is issued, so a change heard
   * while the read is in flight makes its result a miss next time, never a stale hit. `user` tags the entry with the
   * person it belongs to: an id, or a function of the result (a session lookup learns whose it is from its row).
   */
  async get<T>(key: string, load: () => Promise<T>, user?: string | null | ((value: T) => string | null | undefined)): Promise<T> {
    if (!this.serving) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && this.isLive(hit, now)) return hit.value as T;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.serving) {
      if (hit) this.entries.delete(key);
      else if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { at: now, user: (typeof user === "function" ? user(value) : user) ?? null, value });
    }
    return value;
  }

  get size() {
    return this.entries.size;
  }

  /** Whether key holds a live entry (tests). */
  has(key: string) {
    const hit = this.entries.get(key);
    return !!hit && this.isLive(hit, Date.now());
  }

  private isLive(entry: { at: number }, now: number) {
    return now - entry.at < this.options.ttlMs;
  }

  get isServing() {
    return this.serving;
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

/** A write is under way: the cache is cleared now and again once it is done (whatever its outcome). */
function aroundWrite<T>(cache: ReadCache, write: () => PromiseLike<T>): Promise<T> {
  cache.invalidate();
  return Promise.resolve(write()).finally(() => cache.invalidate());
}

/** Makes every write through this PGlite client (query, exec, transaction) invalidate the cache. */
export function watchWrites(client: QueryClient, cache: ReadCache) {
  const query = client.query.bind(client) as (statement: string, ...rest: unknown[]) => Promise<unknown>;
  const exec = client.exec.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const transaction = client.transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(client, {
    query: (statement: string, ...rest: unknown[]) =>
      isPlainRead(statement) ? query(statement, ...rest) : aroundWrite(cache, () => query(statement, ...rest)),
    exec: (...args: unknown[]) => aroundWrite(cache, () => exec(...args)),
    transaction: (...args: unknown[]) => aroundWrite(cache, () => transaction(...args)),
  });
}

type PostgresJsClient = {
  unsafe: (query: string, ...rest: never[]) => PromiseLike<unknown>;
  begin: (...args: never[]) => Promise<unknown>;
};

/**
 * Makes every write through this postgres.js client forget the cache before it is sent and again when it is done, as
 * watchWrites does on PGlite: this instance reads its own writes at once, without waiting for the database's
 * notification. drizzle sends every statement through `unsafe` and every transaction through `begin`. `unsafe` returns
 * a lazy query that runs when it is awaited (drizzle may first ask it for `.values()`), so it is handed back as is,
 * with its `then` wrapped.
 */
export function watchPostgresWrites(client: PostgresJsClient, cache: ReadCache) {
  const unsafe = client.unsafe.bind(client) as (query: string, ...rest: unknown[]) => PromiseLike<unknown>;
  const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(client, {
    unsafe: (query: string, ...rest: unknown[]) => {
      const pending = unsafe(query, ...rest);
      if (isPlainRead(query)) return pending;
      // It is sent when first awaited: aroundWrite clears the cache then, before it goes.
      const then = pending.then;
      return Object.assign(pending, {
        then(this: PromiseLike<unknown>, onDone?: (value: unknown) => unknown, onError?: (error: unknown) => unknown) {
          return aroundWrite(cache, () => then.call(this)).then(onDone, onError);
        },
      });
    },
    begin: (...args: unknown[]) => aroundWrite(cache, () => begin(...args)),
  });
}

/** The channel the database's change triggers notify (db/migrations/0011_read-cache-changes.sql). */
export const CHANGES_CHANNEL = "skillshelf_changes";

/**
 * Tables with no change trigger: no cached read uses them, and some are written many times a second (votes in a
 * live workshop, sign-in throttling). A cached read must use only tables that have the trigger;
 * tests/integration/read-cache-postgres.test.ts checks every table is either triggered or listed here.
 */
export const UNCACHED_TABLES = [
  "audit_events",
  "job_runs",
  "live_activities",
  "live_participants",
  "live_posts",
  "live_responses",
  "live_sessions",
  "live_upvotes",
  "outbox_messages",
  "rate_limits",
  "signing_keys",
  "staff_imports",
  "user_tokens",
] as const;

type Postgres = typeof import("postgres");

/**
 * LISTENs on the channel the change triggers notify, on a connection of its own, and tells the cache: it serves
 * entries only while that LISTEN is in place. When the connection drops it stops serving at once (a change made
 * meanwhile would go unheard) and listens again every second until it can; each time it starts over empty.
 */
export function hearChanges(postgres: Postgres, url: string, cache: ReadCache): () => Promise<void> {
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const again = () => {
    if (stopped) return;
    clearTimeout(retry);
    retry = setTimeout(listen, 1000);
    retry.unref?.();
  };
  const options = {
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: "skillshelf-changes" },
    // postgres.js hands every notification on this connection here (the channel, then the payload).
    onnotify: (channel: string, payload: string) => {
      if (channel === CHANGES_CHANNEL) cache.changed(payload);
    },
    onclose: () => {
      cache.setServing(false);
      again();
    },
  };
  const sql = postgres(url, options as never);
  const listen = () => {
    if (stopped) return;
    sql.unsafe(`listen ${CHANGES_CHANNEL}`).then(
      () => !stopped && cache.setServing(true),
      () => again(),
    );
  };
  listen();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    cache.setServing(false);
    await sql.end({ timeout: 1 });
  };
}

const caches = new WeakMap<object, ReadCache>();
const embedded = new WeakSet<object>();

export function attachReadCache(db: object, cache: ReadCache, options: { embedded: boolean }) {
  caches.set(db, cache);
  if (options.embedded) embedded.add(db);
}

/** The database's read cache; null inside transactions (their own db object) and for clients opened without one. */
export function readCacheFor(db: object): ReadCache | null {
  return caches.get(db) ?? null;
}

/**
 * Reads through the cache when there is one, straight from the database otherwise. `user`: whose entry it is (their
 * id, or a function of the result); without it the entry is nobody's in particular and any change drops it.
 */
export function cachedRead<T>(db: object, key: string, load: () => Promise<T>, user?: string | ((value: T) => string | null | undefined)): Promise<T> {
  const cache = caches.get(db);
  return cache ? cache.get(key, load, user) : load();
}

/** True for the embedded database (one connection, in this process); false for a PostgreSQL server. */
export function isEmbedded(db: object) {
  return embedded.has(db);
}
