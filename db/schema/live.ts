import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { userRef, users } from "./accounts";

/** Live workshops: a trainer's sessions, their activities, who took part, votes, and the question wall. */

export const LIVE_STATUSES = ["draft", "running", "closed"] as const;
export const LIVE_KINDS = ["poll", "rating", "words", "wall", "quiz"] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];
export type LiveKind = (typeof LIVE_KINDS)[number];

export const liveSessions = pgTable(
  "live_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L); unique for ever, so an old code never opens a new session. */
    code: text("code").notNull(),
    title: text("title").notNull(),
    ownerId: userRef("owner_id"),
    /** Optional course the workshop belongs to (its slug in the content). */
    courseSlug: text("course_slug"),
    status: text("status", { enum: LIVE_STATUSES }).notNull().default("draft"),
    allowGuests: boolean("allow_guests").notNull().default(true),
    /** Participants' names are shown to others (presenter, wall); guests never see identities. */
    showNames: boolean("show_names").notNull().default(false),
    /** Guests may post links on the wall. */
    guestLinks: boolean("guest_links").notNull().default(false),
    currentActivityId: uuid("current_activity_id"),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("live_sessions_code_idx").on(t.code),
    index("live_sessions_owner_idx").on(t.ownerId),
    check("live_sessions_status_check", sql`${t.status} in ('draft', 'running', 'closed')`),
  ],
);

export const liveActivities = pgTable(
  "live_activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id").notNull().references(() => liveSessions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: LIVE_KINDS }).notNull(),
    prompt: text("prompt").notNull(),
    /** Choices of a poll or quiz question. */
    options: jsonb("options").$type<string[]>().notNull().default([]),
    multiple: boolean("multiple").notNull().default(false),
    /** Rating scale: 1 … scaleMax. */
    scaleMax: integer("scale_max").notNull().default(5),
    /** Quiz: indexes of the right choices, shown at the reveal. */
    correct: jsonb("correct").$type<number[]>().notNull().default([]),
    locked: boolean("locked").notNull().default(false),
    revealed: boolean("revealed").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("live_activities_session_idx").on(t.sessionId, t.position),
    check("live_activities_kind_check", sql`${t.kind} in ('poll', 'rating', 'words', 'wall', 'quiz')`),
    check("live_activities_scale_check", sql`${t.scaleMax} between 2 and 10`),
  ],
);

/** One row per person per session: a signed-in user (userId) or a guest (the hash of their cookie token). */
export const liveParticipants = pgTable(
  "live_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id").notNull().references(() => liveSessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    guestTokenHash: text("guest_token_hash"),
    nickname: text("nickname"),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("live_participants_user_idx").on(t.sessionId, t.userId),
    uniqueIndex("live_participants_guest_idx").on(t.sessionId, t.guestTokenHash),
    index("live_participants_user_sessions_idx").on(t.userId),
  ],
);

/**
 * A participant's answer to a poll, rating, word cloud or quiz activity. The unique index is the "one vote per
 * participant per activity" rule: a changed vote updates the row (upsert) until the activity is locked.
 */
export const liveResponses = pgTable(
  "live_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    activityId: uuid("activity_id").notNull().references(() => liveActivities.id, { onDelete: "cascade" }),
    participantId: uuid("participant_id").notNull().references(() => liveParticipants.id, { onDelete: "cascade" }),
    choices: jsonb("choices").$type<number[]>().notNull().default([]),
    value: integer("value"),
    text: text("text"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("live_responses_one_per_participant_idx").on(t.activityId, t.participantId)],
);

/** The question wall's posts; the trainer pins, hides, answers and marks them answered. */
export const livePosts = pgTable(
  "live_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    activityId: uuid("activity_id").notNull().references(() => liveActivities.id, { onDelete: "cascade" }),
    participantId: uuid("participant_id").notNull().references(() => liveParticipants.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    pinned: boolean("pinned").notNull().default(false),
    hidden: boolean("hidden").notNull().default(false),
    answered: boolean("answered").notNull().default(false),
    answer: text("answer"),
    createdAt: createdAt(),
  },
  (t) => [index("live_posts_activity_idx").on(t.activityId, t.createdAt)],
);

export const liveUpvotes = pgTable(
  "live_upvotes",
  {
    postId: uuid("post_id").notNull().references(() => livePosts.id, { onDelete: "cascade" }),
    participantId: uuid("participant_id").notNull().references(() => liveParticipants.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.participantId] })],
);
