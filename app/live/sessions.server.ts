/**
 * Live workshops — a trainer's sessions of polls, ratings, word clouds, a question wall and quiz questions, run live
 * with a join code. This module: the trainer's side (sessions, activities, running a session).
 * Owns: `live_sessions`, `live_activities`, `live_participants`, `live_responses`, `live_posts`, `live_upvotes`.
 * Offers: the trainer's pages under /trainer/live, the participant pages under /live, "my live sessions" for My
 * learning (my-sessions.server.ts), the live hub (hub.server.ts: SSE fed by LISTEN/NOTIFY on channel "live").
 * Uses: content (the courses a trainer may link), shared ground (audit, rate limits, pubsub).
 */
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { liveActivities, liveParticipants, liveSessions } from "../../db/schema";
import { isUniqueViolation } from "~/platform/db-errors.server";
import { hasRole } from "~/platform/permissions";
import { recordAudit } from "~/platform/audit.server";
import type { SessionUser } from "~/platform/session.server";
import { notifySession } from "./notify.server";
import { randomCode } from "./code";
import type { ActivityInput, SessionInput } from "./schemas";

export type Trainer = Pick<SessionUser, "id" | "roles">;

/** The trainer's own sessions (an admin's: every session). */
const scope = (user: Trainer, id?: string) =>
  and(id ? eq(liveSessions.id, id) : undefined, hasRole(user, "admin") ? undefined : eq(liveSessions.ownerId, user.id));

export async function listSessions(db: Db, user: Trainer) {
  return db
    .select({
      id: liveSessions.id,
      title: liveSessions.title,
      code: liveSessions.code,
      status: liveSessions.status,
      createdAt: liveSessions.createdAt,
      participants: sql<number>`(select count(*)::int from ${liveParticipants} where ${liveParticipants.sessionId} = ${liveSessions.id})`,
      activities: sql<number>`(select count(*)::int from ${liveActivities} where ${liveActivities.sessionId} = ${liveSessions.id})`,
    })
    .from(liveSessions)
    .where(scope(user))
    .orderBy(desc(liveSessions.createdAt))
    .limit(200);
}

export async function createSession(db: Db, user: Trainer, input: SessionInput) {
  // A clash of random codes is rare (31^6 ≈ 887 million); the unique index catches it and a new code is drawn.
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = await db
        .insert(liveSessions)
        .values({ ...sessionValues(input), code: randomCode(), ownerId: user.id })
        .returning({ id: liveSessions.id });
      return row!.id;
    } catch (error) {
      if (attempt < 5 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

const sessionValues = (input: SessionInput) => ({
  title: input.title,
  courseSlug: input.courseSlug || null,
  allowGuests: input.allowGuests,
  showNames: input.showNames,
  guestLinks: input.guestLinks,
});

export async function updateSession(db: Db, user: Trainer, id: string, input: SessionInput) {
  const rows = await db.update(liveSessions).set(sessionValues(input)).where(scope(user, id)).returning({ id: liveSessions.id });
  if (rows.length) notifySession(db, id);
  return rows.length > 0;
}

export async function getTrainerSession(db: Db, user: Trainer, id: string) {
  const [session] = await db.select().from(liveSessions).where(scope(user, id));
  if (!session) return null;
  const activities = await db.select().from(liveActivities).where(eq(liveActivities.sessionId, id)).orderBy(asc(liveActivities.position));
  return { session, activities };
}
export type TrainerSession = NonNullable<Awaited<ReturnType<typeof getTrainerSession>>>;

export async function addActivity(db: Db, session: TrainerSession["session"], input: ActivityInput) {
  await db.transaction(async (tx) => {
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${liveActivities.position}), 0)::int` })
      .from(liveActivities)
      .where(eq(liveActivities.sessionId, session.id));
    await tx.insert(liveActivities).values({ sessionId: session.id, position: (last?.position ?? 0) + 1, ...input });
  });
  notifySession(db, session.id);
}

export async function deleteActivity(db: Db, user: Trainer, session: TrainerSession["session"], activityId: string) {
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(liveActivities)
      .where(and(eq(liveActivities.id, activityId), eq(liveActivities.sessionId, session.id)))
      .returning({ id: liveActivities.id, prompt: liveActivities.prompt });
    if (!gone) return;
    if (session.currentActivityId === activityId) {
      await tx.update(liveSessions).set({ currentActivityId: null }).where(eq(liveSessions.id, session.id));
    }
    // Deleting an activity deletes its answers: recorded, since a trainer may be asked where they went.
    await recordAudit(tx, { actorId: user.id, action: "live.activity.delete", targetType: "live_session", targetId: session.id, details: { prompt: gone.prompt } });
  });
  notifySession(db, session.id);
}

/** Swaps an activity with its neighbour above or below. */
export async function moveActivity(db: Db, session: TrainerSession["session"], activityId: string, direction: "up" | "down") {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: liveActivities.id, position: liveActivities.position })
      .from(liveActivities)
      .where(and(eq(liveActivities.id, activityId), eq(liveActivities.sessionId, session.id)));
    if (!current) return;
    const [other] = await tx
      .select({ id: liveActivities.id, position: liveActivities.position })
      .from(liveActivities)
      .where(
        and(
          eq(liveActivities.sessionId, session.id),
          direction === "up" ? lt(liveActivities.position, current.position) : gt(liveActivities.position, current.position),
        ),
      )
      .orderBy(direction === "up" ? desc(liveActivities.position) : asc(liveActivities.position))
      .limit(1);
    if (!other) return;
    await tx.update(liveActivities).set({ position: other.position }).where(eq(liveActivities.id, current.id));
    await tx.update(liveActivities).set({ position: current.position }).where(eq(liveActivities.id, other.id));
  });
  notifySession(db, session.id);
}

export type RunCommand =
  | { intent: "start" }
  | { intent: "close" }
  | { intent: "reopen" }
  | { intent: "show"; activityId: string }
  | { intent: "step"; direction: "prev" | "next" }
  | { intent: "lock" | "unlock" | "reveal" | "conceal"; activityId: string };

/** Runs the session: start/close, which activity is shown, locking and revealing. Returns false for a stale id. */
export async function runSession(db: Db, user: Trainer, data: TrainerSession, command: RunCommand): Promise<boolean> {
  const { session, activities } = data;
  const set = (values: Partial<typeof liveSessions.$inferInsert>) => db.update(liveSessions).set(values).where(eq(liveSessions.id, session.id));
  const ofSession = (id: string) => activities.some((a) => a.id === id);
  switch (command.intent) {
    case "start":
      await set({ status: "running", startedAt: session.startedAt ?? new Date(), closedAt: null, currentActivityId: session.currentActivityId ?? activities[0]?.id ?? null });
      await recordAudit(db, { actorId: user.id, action: "live.session.start", targetType: "live_session", targetId: session.id });
      break;
    case "reopen":
      if (session.status !== "closed") return false;
      await set({ status: "running", closedAt: null });
      await recordAudit(db, { actorId: user.id, action: "live.session.reopen", targetType: "live_session", targetId: session.id });
      break;
    case "close":
      await set({ status: "closed", closedAt: new Date() });
      await recordAudit(db, { actorId: user.id, action: "live.session.close", targetType: "live_session", targetId: session.id });
      break;
    case "show":
      if (!ofSession(command.activityId)) return false;
      await set({ currentActivityId: command.activityId });
      break;
    case "step": {
      const index = activities.findIndex((a) => a.id === session.currentActivityId);
      const next = activities[command.direction === "next" ? index + 1 : Math.max(0, index - 1)];
      if (!next) return true;
      await set({ currentActivityId: next.id });
      break;
    }
    default: {
      if (!ofSession(command.activityId)) return false;
      const values = { lock: { locked: true }, unlock: { locked: false }, reveal: { revealed: true }, conceal: { revealed: false } }[command.intent];
      await db.update(liveActivities).set(values).where(eq(liveActivities.id, command.activityId));
    }
  }
  notifySession(db, session.id);
  return true;
}

export async function deleteSession(db: Db, user: Trainer, id: string) {
  const rows = await db.delete(liveSessions).where(scope(user, id)).returning({ title: liveSessions.title });
  if (rows[0]) await recordAudit(db, { actorId: user.id, action: "live.session.delete", targetType: "live_session", targetId: id, details: { title: rows[0].title } });
  return rows.length > 0;
}
