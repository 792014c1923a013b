import type { Db } from "../../db/client";
import { notify } from "~/platform/pubsub.server";

/** The one channel of live workshops; the payload is the session's id (listeners re-read its rows). */
export const LIVE_CHANNEL = "live";

// Called after the change has committed, never inside its transaction: PostgreSQL serialises the commits of
// transactions that sent a NOTIFY (a database-wide lock held through the commit's disk flush), which made 300
// votes queue behind each other. A NOTIFY on its own writes nothing and commits at once. Notifications of one
// session are also coalesced (at most one per COALESCE_MS per instance): listeners re-read the rows anyway.
const COALESCE_MS = 50;
const queued = new Map<string, { db: Pick<Db, "execute"> }>();
const lastSent = new Map<string, number>();

/** Tells every app instance that a session changed (soon, and at least once after this call). */
export function notifySession(db: Pick<Db, "execute">, sessionId: string) {
  const entry = queued.get(sessionId);
  if (entry) {
    entry.db = db;
    return;
  }
  const next = { db };
  queued.set(sessionId, next);
  const wait = Math.max(0, (lastSent.get(sessionId) ?? 0) + COALESCE_MS - Date.now());
  setTimeout(() => {
    queued.delete(sessionId);
    if (lastSent.size > 10_000) lastSent.clear();
    lastSent.set(sessionId, Date.now());
    // A lost notification only delays an update until the next one (or a reconnect): it is not worth a failure.
    notify(next.db, LIVE_CHANNEL, sessionId).catch(() => {});
  }, wait);
}
