import { type SQL, sql } from "drizzle-orm";

/**
 * PostgreSQL LISTEN/NOTIFY for news every app instance must hear (a vote cast on instance 2 reaches the presenter
 * on instance 1). A notification only says "something changed" (a short payload such as an id): listeners read the
 * rows themselves, so a lost or repeated notification costs a re-read, never a wrong result. On PGlite there is one
 * process, and PGlite delivers NOTIFY to its own listeners in-process.
 */
export type Listen = (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;

/** Channels are identifiers: lower-case letters, digits and underscores, so they need no quoting. */
export function checkChannel(channel: string) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Invalid notification channel: ${channel}`);
  return channel;
}

/**
 * Sends a notification. Inside a transaction (pass `tx`) it is delivered when the transaction commits and dropped
 * if it rolls back, so listeners never hear of a vote that was not stored.
 */
export async function notify(db: { execute: (query: SQL) => PromiseLike<unknown> }, channel: string, payload: string) {
  await db.execute(sql`select pg_notify(${checkChannel(channel)}, ${payload})`);
}

type PostgresJs = { listen: (channel: string, fn: (payload: string) => void) => Promise<{ unlisten: () => Promise<void> }> };
type PGliteLike = { listen: (channel: string, fn: (payload: string) => void) => Promise<() => Promise<void>> };

/** postgres.js keeps one extra connection for all of a process's LISTENs and re-listens after a reconnect. */
export function postgresListen(client: PostgresJs): Listen {
  return async (channel, onMessage) => {
    const { unlisten } = await client.listen(checkChannel(channel), onMessage);
    return unlisten;
  };
}

export function pgliteListen(client: PGliteLike): Listen {
  return async (channel, onMessage) => client.listen(checkChannel(channel), onMessage);
}
