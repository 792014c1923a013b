/**
 * Notifications: what concerns a person (assigned training, reminders, overdue, certificates issued and about to
 * expire, courses that changed), in the app and, when they want it, by email.
 * Owns: `notifications`, `notification_preferences`.
 * Offers: `notify` (any capability records an event; the same dedupe key never notifies twice, across runs and
 * instances), the list and the unread count, mark read, the email dispatcher, preferences, the weekly digest.
 * Uses: shared ground only. Training, learning and programmes call it; it reads their tables in SQL for the sweep
 * and the digest (like reports), never their modules, so the dependency graph stays one-way.
 */
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type NotificationParams, notifications } from "../../db/schema";
import type { NotificationKind } from "./kinds";

export type NotificationEvent = {
  userId: string;
  kind: NotificationKind;
  params: NotificationParams;
  /** A path inside the app ("/courses/ai-basics"). */
  link: string;
  /** Names the event: e.g. `assigned:<assignment>:<user>:<cycle>`. Unique: a second event with it changes nothing. */
  dedupeKey: string;
  createdAt?: Date;
};

/**
 * Records events as notifications; returns the ids of the new ones (events already recorded are skipped by the
 * unique dedupe key, so two job runs or two instances at once make one). Safe inside the caller's transaction:
 * emails are sent later by the dispatcher, from the rows this commits.
 */
export async function notify(db: Db, events: readonly NotificationEvent[]): Promise<string[]> {
  if (!events.length) return [];
  const ids: string[] = [];
  // Batches keep each statement's parameters well under PostgreSQL's limit.
  for (let i = 0; i < events.length; i += 500) {
    const rows = await db
      .insert(notifications)
      .values(
        events.slice(i, i + 500).map((e) => ({
          userId: e.userId,
          kind: e.kind,
          params: e.params,
          link: safeLink(e.link),
          dedupeKey: e.dedupeKey,
          ...(e.createdAt ? { createdAt: e.createdAt } : {}),
        })),
      )
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning({ id: notifications.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Links are app paths only: anything else (another origin, "//host") becomes the notifications page. */
function safeLink(link: string) {
  return /^\/(?![/\\])[^\s]*$/.test(link) ? link : "/notifications";
}

export const PAGE_SIZE = 20;

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** One page of a person's notifications, newest first. */
export async function listNotifications(db: Db, userId: string, page: number) {
  const [items, [total], unread] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        params: notifications.params,
        link: notifications.link,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(notifications).where(eq(notifications.userId, userId)),
    unreadCount(db, userId),
  ]);
  return { items, total: total?.n ?? 0, unread };
}

/** Marks one of the person's own notifications read; false when the id is not theirs (the route answers 404). */
export async function markRead(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
