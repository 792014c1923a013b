import { addDays, todayInVietnam } from "~/platform/days";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobRuns } from "../../db/schema";
import { TRAINING_SUBJECTS } from "../../db/sql";
import { syncLearnerAssignments, ts } from "./assignment-sync.server";
import { rowsOf } from "~/platform/org-scope.server";
import { getEnv } from "~/platform/env.server";
import { collectNotifications } from "~/notifications/collect.server";
import { dispatchEmails } from "~/notifications/dispatch.server";
import { notify, type NotificationEvent } from "~/notifications/notifications.server";

export type DailyJobOptions = {
  now: Date;
  /** Who runs it (host:pid), recorded in job_runs. */
  instance: string;
  /** Overrides SMTP_URL (tests use their own receiver; null: outbox only). */
  smtpUrl?: string | null;
  reminderDaysBefore?: number;
  appUrl?: string;
  /** Run even when today's run is recorded (by hand): every step is safe to repeat. */
  force?: boolean;
  /**
   * Completes training whose rule is already met before anything is marked overdue or reminded (the composition
   * root hands in programmes' settleMetProgrammes: training does not know programmes). Returns how many.
   */
  settle?: (db: Db, now: Date) => Promise<number>;
};

export type DailySummary = {
  opened: number;
  closed: number;
  recertifications: number;
  settled: number;
  overdue: number;
  reminders: number;
  overdueNotices: number;
  notifications: number;
  emails: number;
};

/**
 * The daily assignment job: re-syncs who is assigned, opens recertification cycles for expired certificates,
 * settles programmes whose rule is already met, marks overdue rows, sends reminders and collects the day's notifications. Only the instance that records today's run (Vietnam's date) in
 * job_runs does it; each reminder is also claimed by a conditional update and deduplicated in the outbox.
 */
export async function runDailyJob(db: Db, options: DailyJobOptions): Promise<{ ran: boolean; runKey: string; summary?: DailySummary }> {
  const runKey = todayInVietnam(options.now);
  const [claimed] = await db
    .insert(jobRuns)
    .values({ job: "daily", runKey, instance: options.instance, startedAt: options.now })
    .onConflictDoNothing()
    .returning({ runKey: jobRuns.runKey });
  if (!claimed && !options.force) return { ran: false, runKey };
  try {
    const synced = await syncLearnerAssignments(db, { now: options.now });
    const recertifications = await openRecertifications(db, options.now);
    const settled = options.settle ? await options.settle(db, options.now) : 0;
    const overdue = await markOverdue(db, options.now);
    const mail = await sendReminders(db, options);
    // Everything else worth telling people (assigned, certificates issued or about to expire), for everyone.
    const collected = await collectNotifications(db, { now: options.now });
    const emailed = await dispatchEmails(db, { ids: collected, smtpUrl: options.smtpUrl, appUrl: options.appUrl });
    const summary = {
      opened: synced.opened,
      closed: synced.closed,
      recertifications,
      settled,
      overdue,
      ...mail,
      notifications: collected.length + mail.reminders + mail.overdueNotices,
      emails: emailed.sent,
    };
    await db
      .update(jobRuns)
      .set({ finishedAt: new Date(), summary, instance: options.instance })
      .where(and(eq(jobRuns.job, "daily"), eq(jobRuns.runKey, runKey)));
    return { ran: true, runKey, summary };
  } catch (error) {
    // A failed run gives the day back, so the next hourly tick tries again.
    if (claimed) await db.delete(jobRuns).where(and(eq(jobRuns.job, "daily"), eq(jobRuns.runKey, runKey), isNull(jobRuns.finishedAt)));
    throw error;
  }
}

/**
 * For recertify assignments whose person's certificate has expired (and who holds no valid one): a new cycle
 * opens, due today + days_for_newcomers, and the enrolment moves to its next cycle so the course must be
 * completed again (lessons stay completed; graded quizzes are passed again). Earlier cycles stay as history.
 */
export async function openRecertifications(db: Db, now: Date) {
  const today = todayInVietnam(now);
  const valid = sql`c.revoked_at is null and c.replaced_by_id is null`;
  return db.transaction(async (tx) => {
    const opened = await tx.execute(sql`
      insert into learner_assignments (assignment_id, user_id, cycle, course_id, due_on, opened_at)
      select la.assignment_id, la.user_id, la.cycle + 1, la.course_id, to_char(${today}::date + a.days_for_newcomers, 'YYYY-MM-DD'), ${ts(now)}
      from learner_assignments la
        join assignments a on a.id = la.assignment_id and a.recertify and a.withdrawn_at is null
        join users u on u.id = la.user_id and u.active
      where la.completed_at is not null and la.closed_at is null
        and not exists (select 1 from learner_assignments n where n.assignment_id = la.assignment_id and n.user_id = la.user_id and n.cycle > la.cycle)
        and exists (select 1 from certificates c where c.user_id = la.user_id and c.course_id = la.course_id and ${valid}
          and c.valid_until is not null and c.valid_until <= ${ts(now)})
        and not exists (select 1 from certificates c where c.user_id = la.user_id and c.course_id = la.course_id and ${valid}
          and (c.valid_until is null or c.valid_until > ${ts(now)}))
      on conflict do nothing
      returning 1`);
    await tx.execute(sql`
      update enrolments e set cycle = e.cycle + 1, completed_at = null, cycle_started_at = ${ts(now)}
      where e.completed_at is not null
        and exists (select 1 from learner_assignments la join assignments a on a.id = la.assignment_id and a.recertify and a.withdrawn_at is null
          where la.user_id = e.user_id and la.course_id = e.course_id and la.completed_at is null and la.closed_at is null)
        and exists (select 1 from certificates c where c.user_id = e.user_id and c.course_id = e.course_id and c.cycle = e.cycle and ${valid}
          and c.valid_until is not null and c.valid_until <= ${ts(now)})
        and not exists (select 1 from certificates c where c.user_id = e.user_id and c.course_id = e.course_id and ${valid}
          and (c.valid_until is null or c.valid_until > ${ts(now)}))`);
    return rowsOf(opened).length;
  });
}

/** Open rows whose due day (Vietnam) has passed get overdue_at, once. */
export async function markOverdue(db: Db, now: Date) {
  const result = await db.execute(sql`
    update learner_assignments la set overdue_at = ${ts(now)}
    from assignments a
    where a.id = la.assignment_id and a.withdrawn_at is null
      and la.completed_at is null and la.closed_at is null and la.overdue_at is null and la.due_on < ${todayInVietnam(now)}
    returning 1`);
  return rowsOf(result).length;
}

type Claimed = {
  assignment_id: string;
  user_id: string;
  cycle: number;
  due_on: string;
  slug: string;
  title_vi: string;
  title_en: string | null;
  programme: boolean;
};

/**
 * Claims each due reminder with an atomic conditional update (… where reminder_sent_at is null returning), so
 * that two instances or two runs never both get it, then records it as a notification (in the app, and emailed
 * unless the person turned that kind off) whose dedupe key makes it once per person, assignment, cycle and stage
 * ("before": REMINDER_DAYS_BEFORE days ahead; "overdue": once it is overdue). The emails go out at once.
 */
export async function sendReminders(db: Db, options: DailyJobOptions) {
  const env = getEnv();
  const today = todayInVietnam(options.now);
  const horizon = addDays(today, options.reminderDaysBefore ?? env.REMINDER_DAYS_BEFORE);
  const claim = (column: "reminder_sent_at" | "overdue_notice_sent_at", due: ReturnType<typeof sql>) =>
    db.execute(sql`
      update learner_assignments la set ${sql.raw(column)} = ${ts(options.now)}
      from assignments a, users u,
        -- What the row is about: a course, or a programme (its reminder links to the programme's page).
        ${TRAINING_SUBJECTS} c
      where a.id = la.assignment_id and u.id = la.user_id and c.id = coalesce(la.course_id, la.programme_id)
        and a.withdrawn_at is null and u.active and c.published
        and la.completed_at is null and la.closed_at is null and la.${sql.raw(column)} is null and ${due}
      returning la.assignment_id, la.user_id, la.cycle, la.due_on, c.programme, c.slug, c.title_vi, c.title_en`);
  const before = rowsOf<Claimed>(await claim("reminder_sent_at", sql`la.due_on >= ${today} and la.due_on <= ${horizon}`));
  const overdue = rowsOf<Claimed>(await claim("overdue_notice_sent_at", sql`la.due_on < ${today}`));
  const events = (stage: "before" | "overdue", rows: Claimed[]): NotificationEvent[] =>
    rows.map((row) => ({
      userId: row.user_id,
      kind: stage === "before" ? "reminder" : "overdue",
      params: { subject: row.programme ? "programme" : "course", slug: row.slug, titleVi: row.title_vi, titleEn: row.title_en, dueOn: row.due_on },
      link: row.programme ? `/learning/programmes/${row.slug}` : `/courses/${row.slug}`,
      // The key the reminder emails always had, so reminders sent before notifications existed are not repeated.
      dedupeKey: `reminder:${row.assignment_id}:${row.user_id}:${row.cycle}:${stage}`,
      createdAt: options.now,
    }));
  const reminders = await notify(db, events("before", before));
  const overdueNotices = await notify(db, events("overdue", overdue));
  await dispatchEmails(db, { ids: [...reminders, ...overdueNotices], smtpUrl: options.smtpUrl, appUrl: options.appUrl });
  return { reminders: reminders.length, overdueNotices: overdueNotices.length };
}
