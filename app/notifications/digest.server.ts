import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { TRAINING_SUBJECTS, uuidArray } from "../../db/sql";
import { jobRuns } from "../../db/schema";
import { getI18n } from "~/i18n/i18n.server";
import { inLocale, isLocale } from "~/i18n";
import { addDays, todayInVietnam } from "~/platform/days";
import { sendMail } from "~/platform/mail.server";
import { hrVisibleUnits, rowsOf } from "~/platform/org-scope.server";
import { publicOrigin } from "~/platform/request-origin.server";
import { formatDay } from "~/platform/format";
import { EXPIRY_NOTICE_DAYS } from "./collect.server";

export type DigestOptions = { now: Date; instance: string; smtpUrl?: string | null; appUrl?: string; force?: boolean };

/** The Monday (YYYY-MM-DD) of the ISO week of a Vietnam calendar day, and that week's key ("2030-W18"). */
export function isoWeek(day: string) {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const monday = addDays(day, -weekday);
  const thursday = new Date(`${addDays(monday, 3)}T00:00:00Z`);
  const yearStart = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1));
  const week = Math.floor((thursday.getTime() - yearStart.getTime()) / 86_400_000 / 7) + 1;
  return { monday, key: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}` };
}

const LINES = 20;

type Recipient = { id: string; email: string; full_name: string; locale: string; roles: string[] | string };
type Line = { name: string; title_vi: string; title_en: string | null; day: string; programme: boolean };

/**
 * The weekly digest for HR and unit managers: who became overdue, who completed, which certificates expire in
 * the next 30 days — courses and programmes alike, programmes named and counted as such — last week (Monday to Sunday, Vietnam time), within each recipient's own scope, in their
 * language. The first instance to record the week in job_runs sends it; each recipient's message also carries
 * the dedupe key digest:<week>:<person>, so a forced re-run or a second instance never sends it twice.
 */
export async function runWeeklyDigest(db: Db, options: DigestOptions) {
  const { monday, key: runKey } = isoWeek(todayInVietnam(options.now));
  const [claimed] = await db
    .insert(jobRuns)
    .values({ job: "weekly-digest", runKey, instance: options.instance, startedAt: options.now })
    .onConflictDoNothing()
    .returning({ runKey: jobRuns.runKey });
  if (!claimed && !options.force) return { ran: false, runKey, sent: 0 };
  try {
    const from = addDays(monday, -7);
    const window = { from: `${from}T00:00:00+07:00`, to: `${monday}T00:00:00+07:00` };
    const recipients = rowsOf<Recipient>(
      await db.execute(sql`
        select u.id, u.email, u.full_name, u.locale, array(select ur.role::text from user_roles ur where ur.user_id = u.id) as roles
        from users u
        where u.active and exists (select 1 from user_roles r where r.user_id = u.id and r.role in ('hr', 'manager'))
          and coalesce((select p.email from notification_preferences p where p.user_id = u.id and p.kind = 'digest'), true)
        order by u.id`),
    );
    let sent = 0;
    for (const recipient of recipients) {
      const roles = Array.isArray(recipient.roles) ? recipient.roles : String(recipient.roles).replace(/[{}]/g, "").split(",");
      const units = await hrVisibleUnits(db, { id: recipient.id, roles });
      if (units && !units.length) continue;
      const id = await sendMail(
        db,
        { ...(await digestMail(db, recipient, units, window, options)), kind: "digest", dedupeKey: `digest:${runKey}:${recipient.id}` },
        { smtpUrl: options.smtpUrl },
      );
      if (id) sent += 1;
    }
    await db
      .update(jobRuns)
      .set({ finishedAt: new Date(), summary: { sent, recipients: recipients.length }, instance: options.instance })
      .where(and(eq(jobRuns.job, "weekly-digest"), eq(jobRuns.runKey, runKey)));
    return { ran: true, runKey, sent };
  } catch (error) {
    // A failed run gives the week back; the dedupe keys keep what was already sent from going twice.
    if (claimed) await db.delete(jobRuns).where(and(eq(jobRuns.job, "weekly-digest"), eq(jobRuns.runKey, runKey), isNull(jobRuns.finishedAt)));
    throw error;
  }
}

async function digestMail(
  db: Db,
  recipient: Recipient,
  units: string[] | null,
  window: { from: string; to: string },
  options: DigestOptions,
) {
  const locale = isLocale(recipient.locale) ? recipient.locale : "vi";
  const { t } = getI18n(locale);
  const inScope = units ? sql`u.org_unit_id = any(${uuidArray(units)})` : sql`true`;
  const from = sql`${window.from}::timestamptz`;
  const to = sql`${window.to}::timestamptz`;
  const [overdue, completions, expiring, roots] = await Promise.all([
    db.execute(sql`
      select u.full_name as name, c.title_vi, c.title_en, la.due_on as day, c.programme
      from learner_assignments la join users u on u.id = la.user_id and u.active
        join ${TRAINING_SUBJECTS} c on c.id = coalesce(la.course_id, la.programme_id)
      where la.overdue_at >= ${from} and la.overdue_at < ${to} and la.completed_at is null and la.closed_at is null and ${inScope}
      order by la.due_on, u.full_name`),
    db.execute(sql`
      select u.full_name as name, ce.course_title_vi as title_vi, ce.course_title_en as title_en,
        to_char(ce.completed_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as day, ce.programme_id is not null as programme
      from certificates ce join users u on u.id = ce.user_id
      where ce.completed_at >= ${from} and ce.completed_at < ${to} and ce.replaces_id is null and ce.revoked_at is null and ${inScope}
      order by ce.completed_at, u.full_name`),
    db.execute(sql`
      select u.full_name as name, ce.course_title_vi as title_vi, ce.course_title_en as title_en,
        to_char(ce.valid_until at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as day, ce.programme_id is not null as programme
      from certificates ce join users u on u.id = ce.user_id and u.active
      where ce.revoked_at is null and ce.replaced_by_id is null and ce.valid_until >= ${to}
        and ce.valid_until < ${to} + make_interval(days => ${EXPIRY_NOTICE_DAYS}) and ${inScope}
        and not exists (select 1 from certificates o where o.user_id = ce.user_id and o.id <> ce.id
          and o.course_id is not distinct from ce.course_id and o.programme_id is not distinct from ce.programme_id
          and o.revoked_at is null and o.replaced_by_id is null and (o.valid_until is null or o.valid_until > ce.valid_until))
      order by ce.valid_until, u.full_name`),
    units
      ? db.execute(sql`select name, name_en from org_units where id = any(${uuidArray(units)})
          and (parent_id is null or not parent_id = any(${uuidArray(units)})) order by code`)
      : Promise.resolve([]),
  ]);
  const scope = units
    ? rowsOf<{ name: string; name_en: string | null }>(roots).map((u) => inLocale(locale, u.name, u.name_en)).join(", ")
    : t("notifications.digest.allUnits");
  const section = (heading: string, lineKey: string, result: unknown) => {
    const rows = rowsOf<Line>(result);
    const lines = rows.slice(0, LINES).map((r) => {
      const title = inLocale(locale, r.title_vi, r.title_en);
      // A programme is named as one, so a line about it is not read as a course.
      const course = r.programme ? t("notifications.digest.programme", { title }) : title;
      return t(`notifications.digest.${lineKey}`, { name: r.name, course, date: formatDay(r.day, locale) });
    });
    if (!rows.length) lines.push(t("notifications.digest.none"));
    if (rows.length > LINES) lines.push(t("notifications.digest.more", { count: rows.length - LINES }));
    const programmes = rows.filter((r) => r.programme).length;
    return [t(`notifications.digest.${heading}`, { count: rows.length, programmes }), ...lines, ""];
  };
  const origin = (options.appUrl ?? publicOrigin()).replace(/\/+$/, "");
  const lastDay = addDays(window.to.slice(0, 10), -1);
  const text = [
    t("notifications.mail.greeting", { name: recipient.full_name }),
    "",
    t("notifications.digest.intro", { from: formatDay(window.from.slice(0, 10), locale), to: formatDay(lastDay, locale), scope }),
    "",
    ...section("overdue", "overdueLine", overdue),
    ...section("completions", "completionLine", completions),
    ...section("expiring", "expiringLine", expiring),
    t("notifications.digest.reports", { link: `${origin}/reports` }),
    "",
    "—",
    t("notifications.mail.footer", { link: `${origin}/notifications/settings` }),
  ].join("\n");
  return { to: recipient.email, subject: t("notifications.digest.subject", { scope }), text };
}
