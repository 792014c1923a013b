import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notificationPreferences } from "../../db/schema";
import { EMAIL_KINDS, type EmailKind } from "./kinds";

export type EmailChoices = Record<EmailKind, boolean>;

/** A person's email choice per kind: every kind is on until they turn it off. */
export async function emailChoices(db: Db, userId: string): Promise<EmailChoices> {
  const rows = await db
    .select({ kind: notificationPreferences.kind, email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const choices = Object.fromEntries(EMAIL_KINDS.map((k) => [k, true])) as EmailChoices;
  for (const row of rows) if (row.kind in choices) choices[row.kind as EmailKind] = row.email;
  return choices;
}

/** Saves every kind's choice at once (the form sends the ones that are on). */
export async function saveEmailChoices(db: Db, userId: string, on: readonly EmailKind[]) {
  await db
    .insert(notificationPreferences)
    .values(EMAIL_KINDS.map((kind) => ({ userId, kind, email: on.includes(kind) })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { email: sql`excluded.email`, updatedAt: sql`now()` },
    });
}

/** Whether this person wants this kind by email (default on). */
export async function wantsEmail(db: Db, userId: string, kind: EmailKind) {
  const [row] = await db
    .select({ email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)));
  return row?.email ?? true;
}
