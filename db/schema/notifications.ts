import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { userRef } from "./accounts";

/** In-app notifications, their emails, and each person's email choice per kind. */

/**
 * What a notification is about, frozen when it is made (titles in both languages, the due day, the certificate
 * code), so the list and the email read the same whatever changes later. `subject` says what `slug` names: a
 * course, a programme or a certificate, so programmes fit the same kinds.
 */
export type NotificationParams = {
  subject: "course" | "programme" | "certificate";
  slug?: string;
  titleVi: string;
  titleEn?: string | null;
  /** Calendar day (Asia/Ho_Chi_Minh), for assignments and reminders. */
  dueOn?: string | null;
  /** Calendar day the certificate expires. */
  expiresOn?: string | null;
  code?: string | null;
};

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: userRef(),
    /** "assigned", "reminder", "overdue", "certificate_issued", "certificate_expiring", "course_changed". */
    kind: text("kind").notNull(),
    params: jsonb("params").$type<NotificationParams>().notNull(),
    /** Path inside the app the notification opens (never an origin: emails prefix the trusted one). */
    link: text("link").notNull(),
    /** The event it is about: the same event never makes a second notification (nor a second email). */
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** "pending" until the dispatcher claims it, then "sent" or "skipped" (the person turned this kind's email off). */
    emailState: text("email_state").notNull().default("pending"),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.dedupeKey),
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_email_pending_idx").on(t.createdAt).where(sql`${t.emailState} = 'pending'`),
  ],
);

/** A person's choice of email per kind; no row means the default (email on). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: userRef(),
    kind: text("kind").notNull(),
    email: boolean("email").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
