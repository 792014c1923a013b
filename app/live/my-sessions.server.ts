import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { liveParticipants, liveSessions } from "../../db/schema";

/** The live sessions a signed-in person took part in, newest first (for My learning). */
export async function myLiveSessions(db: Db, userId: string) {
  return db
    .select({ code: liveSessions.code, title: liveSessions.title, status: liveSessions.status, joinedAt: liveParticipants.joinedAt })
    .from(liveParticipants)
    .innerJoin(liveSessions, eq(liveSessions.id, liveParticipants.sessionId))
    .where(eq(liveParticipants.userId, userId))
    .orderBy(desc(liveParticipants.joinedAt))
    .limit(20);
}
export type MyLiveSession = Awaited<ReturnType<typeof myLiveSessions>>[number];
