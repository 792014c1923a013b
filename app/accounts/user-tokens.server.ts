import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase64urlNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, gt, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { userTokens, users } from "../../db/schema";
import { getI18n } from "~/i18n/i18n.server";
import { sendMail, type MailOptions } from "~/platform/mail.server";
import { hashPassword } from "~/platform/password.server";
import { invalidateAllSessions } from "~/platform/session.server";
import { recordAudit } from "~/platform/audit.server";

export type TokenPurpose = "invite" | "reset";

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  invite: 7 * 24 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
};

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

function tokenId(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** 32 random bytes for the link; only their SHA-256 is stored, so a database leak reveals no usable link. */
export async function createUserToken(
  db: Pick<Db, "insert">,
  input: { userId: string; purpose: TokenPurpose; createdBy: string | null; now?: Date },
) {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = encodeBase64urlNoPadding(bytes);
  const now = input.now ?? new Date();
  await db.insert(userTokens).values({
    id: tokenId(token),
    userId: input.userId,
    purpose: input.purpose,
    createdBy: input.createdBy,
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[input.purpose]),
  });
  return token;
}

/** What a still-usable link is for (shown on the set-password page); null when unknown, used, expired or the person is inactive. */
export async function peekUserToken(db: Db, token: string) {
  if (!TOKEN_RE.test(token)) return null;
  const [row] = await db
    .select({ purpose: userTokens.purpose, userId: users.id, fullName: users.fullName, email: users.email })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.id, tokenId(token)), isNull(userTokens.usedAt), gt(userTokens.expiresAt, sql`now()`), eq(users.active, true)));
  return row ?? null;
}

/**
 * Uses a link once (atomically: two tabs submitting at once set the password once), stores the new password and
 * ends every session of the person; their other open links stop working too. Returns the person, or null.
 */
export async function setPasswordWithToken(db: Db, token: string, password: string) {
  if (!TOKEN_RE.test(token)) return null;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(userTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(userTokens.id, tokenId(token)), isNull(userTokens.usedAt), gt(userTokens.expiresAt, sql`now()`)))
      .returning({ userId: userTokens.userId, purpose: userTokens.purpose });
    if (!used) return null;
    const [person] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(users.id, used.userId), eq(users.active, true)))
      .returning({ id: users.id, email: users.email });
    if (!person) throw new InactiveAccount();
    await tx.update(userTokens).set({ usedAt: sql`now()` }).where(and(eq(userTokens.userId, person.id), isNull(userTokens.usedAt)));
    await invalidateAllSessions(tx as unknown as Db, person.id);
    await recordAudit(tx, {
      actorId: person.id,
      action: used.purpose === "invite" ? "user.invite_accepted" : "user.password_reset",
      targetType: "user",
      targetId: person.id,
      details: { email: person.email },
    });
    return { userId: person.id, purpose: used.purpose };
  }).catch((error) => {
    // An inactive person's link is used up by nobody: the transaction rolls back and the answer is "not valid".
    if (error instanceof InactiveAccount) return null;
    throw error;
  });
}

class InactiveAccount extends Error {}


type Recipient = { id: string; email: string; fullName: string; locale: "vi" | "en" };

async function mailLink(db: Db, person: Recipient, purpose: TokenPurpose, origin: string, createdBy: string | null, mail: MailOptions) {
  const token = await createUserToken(db, { userId: person.id, purpose, createdBy });
  const t = getI18n(person.locale).t;
  const link = `${origin}/password/set/${token}`;
  const params = { name: person.fullName, link, days: 7, minutes: 60 };
  return sendMail(
    db,
    {
      to: person.email,
      subject: t(`staffAdmin.mail.${purpose}Subject`),
      text: t(`staffAdmin.mail.${purpose}Text`, params),
      kind: purpose,
    },
    mail,
  );
}

async function recipient(db: Db, where: SQL) {
  const [row] = await db
    .select({ id: users.id, email: users.email, fullName: users.fullName, locale: users.locale, active: users.active })
    .from(users)
    .where(where);
  return row ?? null;
}

/** Sends a person a one-time link (7 days) to choose their password, in their language; audited. */
export async function sendInvitation(db: Db, input: { userId: string; actorId: string; origin: string }, mail: MailOptions = {}) {
  const person = await recipient(db, eq(users.id, input.userId));
  if (!person?.active) return false;
  await mailLink(db, person, "invite", input.origin, input.actorId, mail);
  await recordAudit(db, { actorId: input.actorId, action: "user.invite", targetType: "user", targetId: person.id, details: { email: person.email } });
  return true;
}

/** Sends a reset link when an active account has this address; the caller answers the same either way. */
export async function requestPasswordReset(db: Db, input: { email: string; origin: string }, mail: MailOptions = {}) {
  const person = await recipient(db, sql`lower(${users.email}) = ${input.email.trim().toLowerCase()}`);
  if (!person?.active) return false;
  await mailLink(db, person, "reset", input.origin, null, mail);
  return true;
}
