import { asc } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents } from "../../db/schema";

/** The kinds of event recorded so far, for the audit page's filter. */
export async function auditActions(db: Db) {
  const rows = await db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(asc(auditEvents.action));
  return rows.map((r) => r.action);
}
