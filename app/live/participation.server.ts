import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../../db/client";
import { liveActivities, liveParticipants, livePosts, liveResponses, liveSessions, liveUpvotes, rateLimits } from "../../db/schema";
import { notifySession } from "./notify.server";
import { NicknameSchema, PostSchema, WordSchema } from "./schemas";
import { containsLink } from "./tally";

/** The participant's side: joining by code, voting, posting and upvoting, each rule checked here and in the database. */

export type LiveSession = typeof liveSessions.$inferSelect;
export type Participant = { id: string; guest: boolean; nickname: string | null };
/** What a participant's action led to: an i18n key for the message and the HTTP status. */
export type Outcome = { ok: boolean; status: number; message: string; params?: Record<string, unknown> };

const ok = (message: string): Outcome => ({ ok: true, status: 200, message });
const no = (status: number, message: string, params?: Record<string, unknown>): Outcome => ({ ok: false, status, message, params });

export async function sessionByCode(db: Db, code: string) {
  const [session] = await db.select().from(liveSessions).where(eq(liveSessions.code, code));
  return session ?? null;
}

/** Why a session cannot be taken part in now (not started, ended), or null. */
export function sessionClosedReason(session: LiveSession): Outcome | null {
  if (session.status === "draft") return no(409, "live.errors.notStarted");
  if (session.status === "closed") return no(410, "live.errors.ended");
  return null;
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The participant behind this request: the signed-in user's row, else the guest cookie's; null before joining. */
export async function findParticipant(db: Db, sessionId: string, who: { userId: string | null; guestToken: string | null }) {
  const where = who.userId
    ? eq(liveParticipants.userId, who.userId)
    : who.guestToken
      ? eq(liveParticipants.guestTokenHash, hashToken(who.guestToken))
      : null;
  if (!where) return null;
  const [row] = await db
    .select({ id: liveParticipants.id, userId: liveParticipants.userId, nickname: liveParticipants.nickname })
    .from(liveParticipants)
    .where(and(eq(liveParticipants.sessionId, sessionId), where));
  return row ? { id: row.id, guest: row.userId === null, nickname: row.nickname } : null;
}

/** A signed-in person takes part as themselves: their row is made on first use (and kept: My learning lists it). */
export async function memberParticipant(db: Db, sessionId: string, userId: string): Promise<Participant> {
  await db.insert(liveParticipants).values({ sessionId, userId }).onConflictDoNothing();
  const [row] = await db
    .select({ id: liveParticipants.id })
    .from(liveParticipants)
    .where(and(eq(liveParticipants.sessionId, sessionId), eq(liveParticipants.userId, userId)));
  return { id: row!.id, guest: false, nickname: null };
}

// Guests are limited in the database, so every instance counts the same. A whole training room often shares one
// address (the library's NAT), so joins per address are generous; posts and votes are counted per participant.
export const GUEST_LIMITS = {
  joinsPerIp: { points: 600, duration: 10 * 60 },
  guestPosts: { points: 3, duration: 60 },
  memberPosts: { points: 10, duration: 60 },
  guestActions: { points: 40, duration: 60 },
} as const;

const limiterCache = new WeakMap<Db, Record<keyof typeof GUEST_LIMITS, RateLimiterDrizzle>>();
function limiters(db: Db) {
  let set = limiterCache.get(db);
  if (!set) {
    const make = (key: keyof typeof GUEST_LIMITS) =>
      new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix: `live_${key}`, clearExpiredByTimeout: false, ...GUEST_LIMITS[key] });
    set = { joinsPerIp: make("joinsPerIp"), guestPosts: make("guestPosts"), memberPosts: make("memberPosts"), guestActions: make("guestActions") };
    limiterCache.set(db, set);
  }
  return set;
}

/** Takes one point; the seconds to wait when none is left, else 0. */
async function take(db: Db, name: keyof typeof GUEST_LIMITS, key: string) {
  try {
    await limiters(db)[name].consume(key);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}
const slowDown = (seconds: number) => no(429, "live.errors.slowDown", { seconds });

export async function joinAsGuest(db: Db, session: LiveSession, input: { token: string; nickname: unknown; ip: string }): Promise<Outcome> {
  if (!session.allowGuests) return no(403, "live.errors.membersOnly");
  const parsed = NicknameSchema.safeParse({ nickname: input.nickname });
  if (!parsed.success) return no(400, parsed.error.issues[0]!.message.split("|")[0]!, { max: 30 });
  const wait = await take(db, "joinsPerIp", input.ip);
  if (wait) return slowDown(wait);
  await db
    .insert(liveParticipants)
    .values({ sessionId: session.id, guestTokenHash: hashToken(input.token), nickname: parsed.data.nickname })
    .onConflictDoUpdate({ target: [liveParticipants.sessionId, liveParticipants.guestTokenHash], set: { nickname: parsed.data.nickname } });
  return ok("live.joined");
}

/** The session's current activity if it takes answers now, locked with FOR SHARE so a lock cannot slip past a vote. */
async function openActivity(tx: Pick<Db, "select">, session: LiveSession, activityId: string) {
  const [row] = await tx
    .select({ activity: liveActivities, status: liveSessions.status, current: liveSessions.currentActivityId })
    .from(liveActivities)
    .innerJoin(liveSessions, eq(liveSessions.id, liveActivities.sessionId))
    .where(and(eq(liveActivities.id, activityId), eq(liveActivities.sessionId, session.id)))
    .for("share");
  if (!row) return { error: no(404, "live.errors.noActivity") };
  if (row.status !== "running") return { error: no(409, row.status === "closed" ? "live.errors.ended" : "live.errors.notStarted") };
  if (row.current !== activityId) return { error: no(409, "live.errors.notCurrent") };
  if (row.activity.locked) return { error: no(409, "live.errors.locked") };
  return { activity: row.activity };
}

type Answer = { choices: number[]; value: number | null; text: string | null };

/** The answer a form carries for this kind of activity, or why it is not one. */
function readAnswer(activity: typeof liveActivities.$inferSelect, form: FormData): Answer | Outcome {
  if (activity.kind === "poll" || activity.kind === "quiz") {
    const raw = form.getAll("choice");
    const choices = [...new Set(raw.map((v) => (typeof v === "string" && /^\d{1,2}$/.test(v) ? Number(v) : -1)))];
    if (choices.length === 0) return no(400, "live.errors.pickOne");
    if (choices.some((c) => c < 0 || c >= activity.options.length) || raw.length > activity.options.length) return no(400, "live.errors.badChoice");
    if (!activity.multiple && choices.length > 1) return no(400, "live.errors.badChoice");
    return { choices: choices.sort((a, b) => a - b), value: null, text: null };
  }
  if (activity.kind === "rating") {
    const raw = form.get("value");
    const value = typeof raw === "string" && /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= 1 && value <= activity.scaleMax)) return no(400, "live.errors.pickOne");
    return { choices: [], value, text: null };
  }
  if (activity.kind === "words") {
    const parsed = WordSchema.safeParse({ text: form.get("text") ?? "" });
    if (!parsed.success) return no(400, parsed.error.issues[0]!.message.startsWith("validation.tooLong") ? "live.errors.wordTooLong" : "live.errors.wordEmpty", { max: 40 });
    return { choices: [], value: null, text: parsed.data.text };
  }
  return no(400, "live.errors.badChoice");
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Runs a participant's change in a transaction; once it has committed, the session's listeners hear of it. */
async function notified(db: Db, session: LiveSession, change: (tx: Tx) => Promise<Outcome>) {
  const outcome = await db.transaction(change);
  if (outcome.ok) notifySession(db, session.id);
  return outcome;
}

/** One answer per participant per activity (the unique index); answering again replaces it until the activity locks. */
export async function answer(db: Db, session: LiveSession, participant: Participant, activityId: string, form: FormData): Promise<Outcome> {
  if (participant.guest) {
    const wait = await take(db, "guestActions", participant.id);
    if (wait) return slowDown(wait);
  }
  return notified(db, session, async (tx) => {
    const open = await openActivity(tx, session, activityId);
    if (open.error) return open.error;
    const value = readAnswer(open.activity, form);
    if ("ok" in value) return value;
    await tx
      .insert(liveResponses)
      .values({ activityId, participantId: participant.id, ...value })
      .onConflictDoUpdate({ target: [liveResponses.activityId, liveResponses.participantId], set: { ...value, updatedAt: sql`now()` } });
    return ok(open.activity.kind === "words" ? "live.sent" : "live.voted");
  });
}

export async function post(db: Db, session: LiveSession, participant: Participant, activityId: string, form: FormData): Promise<Outcome> {
  const parsed = PostSchema.safeParse({ body: form.get("body") ?? "" });
  if (!parsed.success) {
    const tooLong = parsed.error.issues[0]!.message.startsWith("validation.tooLong");
    return no(tooLong ? 413 : 400, tooLong ? "live.errors.postTooLong" : "live.errors.postEmpty", { max: 280 });
  }
  if (participant.guest && !session.guestLinks && containsLink(parsed.data.body)) return no(400, "live.errors.noLinks");
  const wait = await take(db, participant.guest ? "guestPosts" : "memberPosts", participant.id);
  if (wait) return slowDown(wait);
  return notified(db, session, async (tx) => {
    const open = await openActivity(tx, session, activityId);
    if (open.error) return open.error;
    if (open.activity.kind !== "wall") return no(400, "live.errors.badChoice");
    await tx.insert(livePosts).values({ activityId, participantId: participant.id, body: parsed.data.body.normalize("NFC") });
    return ok("live.posted");
  });
}

/** An upvote, or taking it back when given already. Hidden posts and posts of another session are not found. */
export async function upvote(db: Db, session: LiveSession, participant: Participant, postId: string): Promise<Outcome> {
  if (participant.guest) {
    const wait = await take(db, "guestActions", participant.id);
    if (wait) return slowDown(wait);
  }
  return notified(db, session, async (tx) => {
    const [target] = await tx
      .select({ activityId: livePosts.activityId })
      .from(livePosts)
      .innerJoin(liveActivities, eq(liveActivities.id, livePosts.activityId))
      .where(and(eq(livePosts.id, postId), eq(liveActivities.sessionId, session.id), eq(livePosts.hidden, false)));
    if (!target) return no(404, "live.errors.noPost");
    const open = await openActivity(tx, session, target.activityId);
    if (open.error) return open.error;
    const added = await tx.insert(liveUpvotes).values({ postId, participantId: participant.id }).onConflictDoNothing().returning({ postId: liveUpvotes.postId });
    if (added.length === 0) {
      await tx.delete(liveUpvotes).where(and(eq(liveUpvotes.postId, postId), eq(liveUpvotes.participantId, participant.id)));
    }
    return ok(added.length ? "live.upvoted" : "live.unvoted");
  });
}
