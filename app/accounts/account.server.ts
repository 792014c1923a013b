/**
 * Accounts — a person's own account: sign-in and out, password forgot/set/change, profile, language.
 * Owns: `user_tokens` (invitations, password resets, in ./user-tokens.server.ts) and a person's own
 * `users.locale` and password; sessions themselves are platform's (~/platform/session.server).
 * Offers: invitation and reset links (people invites through it), profile, password change, language.
 * Uses: shared ground only.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type Locale, orgUnits, users } from "../../db/schema";
import { hashPassword, verifyPassword } from "~/platform/password.server";
import { invalidateOtherSessions } from "~/platform/session.server";

export async function setPreferredLocale(db: Db, userId: string, locale: Locale) {
  await db.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function setLiteMode(db: Db, userId: string, liteMode: boolean) {
  await db.update(users).set({ liteMode, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function getProfile(db: Db, userId: string) {
  const [row] = await db
    .select({
      fullName: users.fullName,
      email: users.email,
      jobTitle: users.jobTitle,
      staffNumber: users.staffNumber,
      orgUnit: orgUnits.name,
    })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, userId));
  return row ?? null;
}

/** Checks the current password, stores the new one, and signs out every other session. */
export async function changePassword(
  db: Db,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionId: string },
) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) return false;
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, input.userId));
    await invalidateOtherSessions(tx as unknown as Db, input.userId, input.keepSessionId);
  });
  return true;
}
