import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { liveActivities, livePosts } from "../../db/schema";
import { recordAudit } from "~/platform/audit.server";
import { notifySession } from "./notify.server";
import type { Trainer } from "./sessions.server";

/** The trainer's moderation of the question wall. Hiding, answering and deleting are audited with the post's text. */
export const MODERATION = ["pin", "unpin", "hide", "unhide", "answered", "unanswered", "answer", "delete"] as const;
export type Moderation = (typeof MODERATION)[number];

const SET: Record<Exclude<Moderation, "answer" | "delete">, Partial<typeof livePosts.$inferInsert>> = {
  pin: { pinned: true },
  unpin: { pinned: false },
  hide: { hidden: true },
  unhide: { hidden: false },
  answered: { answered: true },
  unanswered: { answered: false },
};
const AUDITED = new Set<Moderation>(["hide", "unhide", "answer", "delete"]);

/** Applies one moderation to a post of this session; false when the post is not one of its posts. */
export async function moderatePost(db: Db, user: Trainer, sessionId: string, postId: string, action: Moderation, answer?: string) {
  const done = await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: livePosts.id, body: livePosts.body })
      .from(livePosts)
      .innerJoin(liveActivities, eq(liveActivities.id, livePosts.activityId))
      .where(and(eq(livePosts.id, postId), eq(liveActivities.sessionId, sessionId)));
    if (!target) return false;
    if (action === "delete") await tx.delete(livePosts).where(eq(livePosts.id, postId));
    else if (action === "answer") {
      const text = answer?.trim() || null;
      await tx.update(livePosts).set({ answer: text, answered: text !== null }).where(eq(livePosts.id, postId));
    } else await tx.update(livePosts).set(SET[action]).where(eq(livePosts.id, postId));
    if (AUDITED.has(action)) {
      await recordAudit(tx, {
        actorId: user.id,
        action: `live.post.${action}`,
        targetType: "live_post",
        targetId: postId,
        details: { sessionId, body: target.body, ...(action === "answer" ? { answer: answer ?? "" } : {}) },
      });
    }
    return true;
  });
  if (done) notifySession(db, sessionId);
  return done;
}
