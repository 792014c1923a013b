import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { liveActivities, liveParticipants, livePosts, liveResponses, liveSessions, liveUpvotes, users } from "../../db/schema";
import { type ChoiceTally, type RatingTally, type WordCount, tallyChoices, tallyRating, tallyWords } from "./tally";

/** What the presenter, the participants and the results page see, always computed from the stored rows. */

export type Activity = typeof liveActivities.$inferSelect;
export type WallPost = {
  id: string;
  body: string;
  author: string | null;
  upvotes: number;
  pinned: boolean;
  hidden: boolean;
  answered: boolean;
  answer: string | null;
};
export type Results =
  | ({ kind: "poll" | "quiz" } & ChoiceTally)
  | ({ kind: "rating" } & RatingTally)
  | { kind: "words"; words: WordCount[]; voters: number }
  | { kind: "wall"; posts: WallPost[] };

/** A participant's name as others may see it: the nickname of a guest, the full name of a member. */
const authorName = sql<string | null>`coalesce(${users.fullName}, ${liveParticipants.nickname})`;

/**
 * Results of one activity. `names` says whether authors of wall posts are named; `hidden` whether hidden posts are
 * included (the trainer's views). Pinned posts come first, then the most upvoted, then the newest.
 */
export async function activityResults(db: Db, activity: Activity, options: { names: boolean; hidden: boolean }): Promise<Results> {
  if (activity.kind === "wall") {
    const upvotes = sql<number>`(select count(*)::int from ${liveUpvotes} where ${liveUpvotes.postId} = ${livePosts.id})`;
    const rows = await db
      .select({
        id: livePosts.id,
        body: livePosts.body,
        author: authorName,
        upvotes,
        pinned: livePosts.pinned,
        hidden: livePosts.hidden,
        answered: livePosts.answered,
        answer: livePosts.answer,
      })
      .from(livePosts)
      .innerJoin(liveParticipants, eq(liveParticipants.id, livePosts.participantId))
      .leftJoin(users, eq(users.id, liveParticipants.userId))
      .where(and(eq(livePosts.activityId, activity.id), options.hidden ? undefined : eq(livePosts.hidden, false)))
      .orderBy(desc(livePosts.pinned), desc(upvotes), desc(livePosts.createdAt))
      .limit(500);
    return { kind: "wall", posts: rows.map((row) => ({ ...row, author: options.names ? row.author : null })) };
  }
  const rows = await db
    .select({ choices: liveResponses.choices, value: liveResponses.value, text: liveResponses.text })
    .from(liveResponses)
    .where(eq(liveResponses.activityId, activity.id));
  if (activity.kind === "rating") return { kind: "rating", ...tallyRating(activity.scaleMax, rows.map((r) => r.value)) };
  if (activity.kind === "words") return { kind: "words", words: tallyWords(rows.map((r) => r.text ?? "")), voters: rows.length };
  return { kind: activity.kind, ...tallyChoices(activity.options.length, rows) };
}

async function sessionWithActivities(db: Db, sessionId: string) {
  const [session] = await db.select().from(liveSessions).where(eq(liveSessions.id, sessionId));
  if (!session) return null;
  const activities = await db.select().from(liveActivities).where(eq(liveActivities.sessionId, sessionId)).orderBy(asc(liveActivities.position));
  return { session, activities };
}

export { publicActivity, type PublicActivity } from "./activity";
import { publicActivity } from "./activity";

/** The presenter's screen: the session, its running order, the current activity with live results. */
export async function presenterState(db: Db, sessionId: string) {
  return (await sessionStates(db, sessionId))?.presenter ?? null;
}
export type PresenterState = NonNullable<Awaited<ReturnType<typeof presenterState>>>;

/**
 * What every participant of a session is sent when it changes (the same for all guests, the same for all members;
 * nothing personal): which activity is shown and in which state (`key`: a change means the page must be re-read),
 * and the results they may see: the wall always, the others once revealed.
 */
export async function participantBroadcast(db: Db, sessionId: string, guest: boolean) {
  const states = await sessionStates(db, sessionId);
  return states ? (guest ? states.guest : states.member) : null;
}
export type ParticipantBroadcast = { key: string; results: Results | null };

/** The same results as another audience may see them: without hidden posts, authors named or not. */
function forAudience(results: Results, options: { names: boolean; hidden: boolean }): Results {
  if (results.kind !== "wall") return results;
  const posts = options.hidden ? results.posts : results.posts.filter((p) => !p.hidden);
  return { kind: "wall", posts: posts.map((p) => ({ ...p, author: options.names ? p.author : null })) };
}

/**
 * The state of a session for each audience (presenter, members, guests), read from the rows once: the session, its
 * activities, the participant count and the current activity's results are each read one time, and the audiences'
 * views are cut from them. The live hub calls this once per batch, whatever the number of streams.
 */
export async function sessionStates(db: Db, sessionId: string) {
  const computedAt = Date.now();
  const found = await sessionWithActivities(db, sessionId);
  if (!found) return null;
  const { session, activities } = found;
  const index = activities.findIndex((a) => a.id === session.currentActivityId);
  const current = activities[index] ?? null;
  const [[participants], results] = await Promise.all([
    db.select({ n: count() }).from(liveParticipants).where(eq(liveParticipants.sessionId, sessionId)),
    current ? activityResults(db, current, { names: true, hidden: true }) : null,
  ]);
  const presenter = {
    computedAt,
    status: session.status,
    code: session.code,
    title: session.title,
    participants: participants?.n ?? 0,
    index,
    total: activities.length,
    current: current && results ? { ...current, results: forAudience(results, { names: session.showNames, hidden: true }) } : null,
  };
  const key = `${session.status}:${current?.id ?? "-"}:${current?.locked ?? ""}:${current?.revealed ?? ""}`;
  const visible = current && results && (current.kind === "wall" || current.revealed) ? results : null;
  const member: ParticipantBroadcast = { key, results: visible && forAudience(visible, { names: session.showNames, hidden: false }) };
  const guest: ParticipantBroadcast = { key, results: visible && forAudience(visible, { names: false, hidden: false }) };
  return { presenter, member, guest };
}
export type SessionStates = NonNullable<Awaited<ReturnType<typeof sessionStates>>>;

/** The participant's own answer and upvotes, for the page they are shown. */
export async function participantOwn(db: Db, participantId: string, activity: Activity) {
  if (activity.kind === "wall") {
    const rows = await db
      .select({ postId: liveUpvotes.postId })
      .from(liveUpvotes)
      .innerJoin(livePosts, eq(livePosts.id, liveUpvotes.postId))
      .where(and(eq(liveUpvotes.participantId, participantId), eq(livePosts.activityId, activity.id)));
    return { answer: null, upvoted: rows.map((r) => r.postId) };
  }
  const [answer] = await db
    .select({ choices: liveResponses.choices, value: liveResponses.value, text: liveResponses.text })
    .from(liveResponses)
    .where(and(eq(liveResponses.activityId, activity.id), eq(liveResponses.participantId, participantId)));
  return { answer: answer ?? null, upvoted: [] as string[] };
}

export { sessionWithActivities };
