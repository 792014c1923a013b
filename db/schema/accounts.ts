import { sql } from "drizzle-orm";
import { FOLD_FROM, FOLD_TO } from "../fold";
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/** Who someone is and how they sign in: org units, people, roles, sessions, one-time links, rate limits. */

export const roleEnum = pgEnum("role", ["learner", "trainer", "hr", "manager", "admin"]);
export const localeEnum = pgEnum("locale", ["vi", "en"]);

/** A person the row belongs to: required, and the row goes when the person does. */
export const userRef = (name = "user_id") => uuid(name).notNull().references(() => users.id, { onDelete: "cascade" });

/** Who did something (created, acted): optional, and kept as null when that person is deleted. */
export const actorRef = (name: string) => uuid(name).references(() => users.id, { onDelete: "set null" });

export const orgUnits = pgTable(
  "org_units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en"),
    parentId: uuid("parent_id").references((): AnyPgColumn => orgUnits.id),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("org_units_code_key").on(t.code), index("org_units_parent_idx").on(t.parentId)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    fullName: text("full_name").notNull(),
    staffNumber: text("staff_number"),
    jobTitle: text("job_title"),
    orgUnitId: uuid("org_unit_id").references(() => orgUnits.id),
    locale: localeEnum("locale").notNull().default("vi"),
    /** Lite mode: pages without any script, for slow lines and old PCs (the account page's setting). */
    liteMode: boolean("lite_mode").notNull().default(false),
    active: boolean("active").notNull().default(true),
    passwordHash: text("password_hash"),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Name, email and staff number folded (lower case, no Vietnamese diacritics) for the admin staff search; computed
     * by PostgreSQL so every writer (seed, import, edit form) keeps it right. Names are stored NFC.
     */
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(
        sql.raw(
          `lower(translate(full_name || ' ' || email || ' ' || coalesce(staff_number, ''), '${FOLD_FROM}', '${FOLD_TO}'))`,
        ),
      ),
  },
  (t) => [
    // Emails are unique whatever their case: Lan@Thuvien.vn and lan@thuvien.vn are one person.
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_staff_number_key").on(t.staffNumber),
    index("users_org_unit_idx").on(t.orgUnitId),
  ],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: userRef(),
    role: roleEnum("role").notNull(),
    /** For hr: limits what they see and export to this org unit and its descendants (null: everything). For manager: the unit they manage (with its sub-units); null means their own unit. */
    scopeOrgUnitId: uuid("scope_org_unit_id").references(() => orgUnits.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the cookie token, hex-encoded; the token itself is never stored.
    id: text("id").primaryKey(),
    userId: userRef(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const tokenPurposeEnum = pgEnum("token_purpose", ["invite", "reset"]);

/** One-time links (invitation, password reset): only the SHA-256 of the token is stored. */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: text("id").primaryKey(),
    userId: userRef(),
    purpose: tokenPurposeEnum("purpose").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdBy: actorRef("created_by"),
    createdAt: createdAt(),
  },
  (t) => [index("user_tokens_user_idx").on(t.userId)],
);

/** Storage for rate-limiter-flexible's RateLimiterDrizzle (column names are the library's). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true }),
});

export type Role = (typeof roleEnum.enumValues)[number];
export type Locale = (typeof localeEnum.enumValues)[number];
