import { desc, eq, and, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents, users } from "../../db/schema";

export type AuditEntry = {
  /** null when the system acted (scheduled job, first start). */
  actorId: string | null;
  /** Dotted verb, e.g. "certificate.revoke", "staff.import", "user.roles", "assignment.create". */
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
};

/** Records one audit event. Pass the transaction when the change itself runs in one, so both commit together. */
export async function recordAudit(db: Pick<Db, "insert">, entry: AuditEntry) {
  await db.insert(auditEvents).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  });
}

/** Newest first, with the actor's name; filters are optional. */
export async function listAudit(
  db: Db,
  options: { action?: string; targetType?: string; targetId?: string; limit?: number; offset?: number } = {},
) {
  const where: SQL[] = [];
  if (options.action) where.push(eq(auditEvents.action, options.action));
  if (options.targetType) where.push(eq(auditEvents.targetType, options.targetType));
  if (options.targetId) where.push(eq(auditEvents.targetId, options.targetId));
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
      actorId: auditEvents.actorId,
      actorName: users.fullName,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0);
}

/** Several events in one insert (e.g. the role changes of a 10,000-row import), in the caller's transaction. */
export async function recordAudits(db: Pick<Db, "insert">, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  await db.insert(auditEvents).values(
    entries.map((entry) => ({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
    })),
  );
}
