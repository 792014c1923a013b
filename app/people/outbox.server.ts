import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outboxMessages } from "../../db/schema";

export const OUTBOX_PAGE_SIZE = 50;

export async function listOutbox(db: Db, page: number) {
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: outboxMessages.id,
        to: outboxMessages.to,
        subject: outboxMessages.subject,
        kind: outboxMessages.kind,
        createdAt: outboxMessages.createdAt,
        sentAt: outboxMessages.sentAt,
        error: outboxMessages.error,
      })
      .from(outboxMessages)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((page - 1) * OUTBOX_PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages),
  ]);
  return { rows, total: count!.n, page, pageSize: OUTBOX_PAGE_SIZE };
}

export async function getOutboxMessage(db: Db, id: string) {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row ?? null;
}
