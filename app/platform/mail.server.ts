import { eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "../../db/client";
import { outboxMessages } from "../../db/schema";
import { getEnv } from "./env.server";
import { logger } from "./log.server";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What it is about, shown in the outbox: "invite", "reset", "reminder", … */
  kind: string;
  /** When set, a second message with the same key is never created nor sent (e.g. one reminder per stage). */
  dedupeKey?: string;
};

export type MailOptions = { smtpUrl?: string | null; from?: string };

const transports = new Map<string, Transporter>();
function transportFor(url: string) {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/**
 * Every message is written to the outbox first (so admins can read it and it is never sent twice when it has
 * a dedupe key); when SMTP is configured it is then sent and marked sent, or its error recorded.
 * Returns the outbox id, or null when the dedupe key had already been used.
 */
export async function sendMail(db: Db, mail: Mail, options: MailOptions = {}): Promise<string | null> {
  const env = getEnv();
  const smtpUrl = options.smtpUrl === undefined ? env.SMTP_URL : options.smtpUrl;
  const [row] = await db
    .insert(outboxMessages)
    .values({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      kind: mail.kind,
      dedupeKey: mail.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: outboxMessages.id });
  if (!row) return null;
  if (!smtpUrl) return row.id;
  try {
    await transportFor(smtpUrl).sendMail({
      from: options.from ?? env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    await db.update(outboxMessages).set({ sentAt: new Date() }).where(eq(outboxMessages.id, row.id));
  } catch (error) {
    logger.warn({ err: error, to: mail.to, kind: mail.kind }, "mail not sent");
    await db
      .update(outboxMessages)
      .set({ error: error instanceof Error ? error.message : String(error) })
      .where(eq(outboxMessages.id, row.id));
  }
  return row.id;
}
