import type { Db } from "../../db/client";
import { notify } from "~/platform/pubsub.server";

/** The one channel of live workshops; the payload is the session's id (listeners re-read its rows). */
export const LIVE_CHANNEL = "live";

/** Tells every app instance that a session changed; in a transaction, only once it commits. */
export function notifySession(db: Pick<Db, "execute">, sessionId: string) {
  return notify(db, LIVE_CHANNEL, sessionId);
}
