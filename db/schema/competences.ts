import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { userRef } from "./accounts";

/**
 * A person's own view of their level in one competence of the framework (content/competences.yaml): one row per
 * person and competence, replaced when they assess again. The level reached from certificates is never stored: it is
 * read from the certificates that are valid now, so an expiry or a revocation takes effect at once.
 */
export const competenceSelfAssessments = pgTable(
  "competence_self_assessments",
  {
    userId: userRef("user_id"),
    /** A competence id of the framework, e.g. "1.1" (checked against the framework by the service). */
    competenceId: text("competence_id").notNull(),
    level: integer("level").notNull(),
    assessedAt: timestamp("assessed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.competenceId] }),
    check("competence_self_assessments_level_check", sql`${t.level} between 1 and 8`),
    index("competence_self_assessments_competence_idx").on(t.competenceId, t.level),
  ],
);

/**
 * What the certificates that count (not revoked, not replaced) show, kept for the HR heatmap: one row per person,
 * competence and level 1…(the level a certificate names), with the latest end among the certificates reaching it
 * ('infinity' when one never expires), plus competence '*' level 0: the person has a certificate naming some
 * competence. Expiry is compared when it is read, so nothing has to run when a certificate expires.
 * Only the database writes it: statement-level triggers on `certificates` recompute the people a statement touched
 * (migration 0010, docs/decisions/0007-competence-reach-triggers.md) — never write it from code.
 */
export const competenceReach = pgTable(
  "competence_reach",
  {
    userId: userRef("user_id"),
    /** A competence id of the framework, or '*' (with level 0) for "has evidence". */
    competenceId: text("competence_id").notNull(),
    level: smallint("level").notNull(),
    until: timestamp("until", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.competenceId, t.level] }),
    // The heatmap reads one level (and level 0) whole: an index-only scan of this index, no table visits.
    index("competence_reach_level_idx").on(t.level, t.competenceId, t.userId, t.until),
  ],
);
