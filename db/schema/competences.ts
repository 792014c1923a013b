import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
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
