import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { actorRef, userRef } from "./accounts";

/** Staff administration's records: the audit log, the outbox, staff import previews. */

/** Who did what, when: imports, role changes, deactivations, assignment changes, revocations, re-issues. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** null when the system acted (the daily job, the first start). */
    actorId: actorRef("actor_id"),
    /** e.g. "certificate.revoke", "staff.import", "user.roles", "assignment.create". */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_events_at_idx").on(t.at), index("audit_events_target_idx").on(t.targetType, t.targetId)],
);

/** Every email Skillshelf sends; without SMTP_URL this is the dev outbox admins read in the app. */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** What it is about, for the outbox list (e.g. "invite", "reset", "reminder"). */
    kind: text("kind").notNull(),
    /** Guards against sending the same message twice (e.g. reminder:<assignment>:<user>:<cycle>:<stage>). */
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [uniqueIndex("outbox_messages_dedupe_key").on(t.dedupeKey), index("outbox_messages_created_idx").on(t.createdAt)],
);

/**
 * A checked CSV import waiting for the admin's confirmation: the validated rows stay on the server (never re-posted
 * by the browser), belong to the admin who uploaded them, expire after an hour and are applied at most once.
 */
export const staffImports = pgTable(
  "staff_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdBy: userRef("created_by"),
    fileName: text("file_name"),
    rows: jsonb("rows").$type<unknown[]>().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
  },
  (t) => [index("staff_imports_created_idx").on(t.createdAt)],
);
