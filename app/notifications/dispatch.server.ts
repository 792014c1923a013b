import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { uuidArray } from "../../db/sql";
import type { NotificationParams } from "../../db/schema";
import { getI18n } from "~/i18n/i18n.server";
import { isLocale } from "~/i18n";
import { sendMail } from "~/platform/mail.server";
import { rowsOf } from "~/platform/org-scope.server";
import { publicOrigin } from "~/platform/request-origin.server";
import { notificationText } from "./kinds";
import { formatDay } from "~/platform/format";

export type DispatchOptions = {
  /** Overrides SMTP_URL (tests use their own receiver; null: outbox only). */
  smtpUrl?: string | null;
  /** Overrides the trusted origin (APP_URL) printed in links. */
  appUrl?: string;
  /** Only these notifications (e.g. the ones a job just made); otherwise any pending ones, oldest first. */
  ids?: readonly string[];
  limit?: number;
};

type Claimed = {
  id: string;
  kind: string;
  params: NotificationParams | string;
  link: string;
  dedupe_key: string;
  email_state: "sent" | "skipped";
  email: string;
  full_name: string;
  locale: string;
};


/**
 * Emails the pending notifications: each is claimed by one conditional update (pending → sent, or skipped when
 * the person turned that kind's email off or is no longer active), so two instances never both send it; the
 * outbox's dedupe key (the notification's own) guards once more. Written in the recipient's language, with links
 * on the trusted origin (APP_URL), never a request's Host.
 */
export async function dispatchEmails(db: Db, options: DispatchOptions = {}) {
  if (options.ids && !options.ids.length) return { sent: 0, skipped: 0 };
  const pick = options.ids
    ? sql`select id from notifications where id = any(${uuidArray(options.ids)}) and email_state = 'pending'`
    : sql`select id from notifications where email_state = 'pending' order by created_at limit ${options.limit ?? 200}`;
  const claimed = rowsOf<Claimed>(
    await db.execute(sql`
      update notifications n set email_state = case
          when u.active and coalesce((select p.email from notification_preferences p where p.user_id = n.user_id and p.kind = n.kind), true)
          then 'sent' else 'skipped' end
      from users u
      where u.id = n.user_id and n.email_state = 'pending' and n.id in (${pick})
      returning n.id, n.kind, n.params, n.link, n.dedupe_key, n.email_state, u.email, u.full_name, u.locale`),
  );
  const origin = (options.appUrl ?? publicOrigin()).replace(/\/+$/, "");
  let sent = 0;
  for (const row of claimed) {
    if (row.email_state !== "sent") continue;
    const locale = isLocale(row.locale) ? row.locale : "vi";
    const { t } = getI18n(locale);
    const params = (typeof row.params === "string" ? JSON.parse(row.params) : row.params) as NotificationParams;
    const text = notificationText(t, locale, row.kind, params, (day) => formatDay(day, locale));
    const body = [
      t("notifications.mail.greeting", { name: row.full_name }),
      "",
      text,
      "",
      t("notifications.mail.open", { link: `${origin}${row.link}` }),
      "",
      "—",
      t("notifications.mail.footer", { link: `${origin}/notifications/settings` }),
    ].join("\n");
    const id = await sendMail(
      db,
      { to: row.email, subject: text, text: body, kind: row.kind === "reminder" || row.kind === "overdue" ? row.kind : "notification", dedupeKey: row.dedupe_key },
      { smtpUrl: options.smtpUrl },
    );
    if (id) sent += 1;
  }
  return { sent, skipped: claimed.length - sent };
}
