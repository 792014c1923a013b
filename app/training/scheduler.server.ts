import { hostname } from "node:os";
import { Cron } from "croner";
import type { Db } from "../../db/client";
import type { DailyJobOptions } from "./daily.server";
import { logger } from "~/platform/log.server";
import { runDailyJob } from "./daily.server";
import { dispatchEmails } from "~/notifications/dispatch.server";
import { runWeeklyDigest } from "~/notifications/digest.server";

/**
 * Runs the scheduled jobs in-process. The daily job and the weekly digest every hour (and once shortly after
 * start), so a day or a week is never missed when the server was down at midnight: job_runs decides which
 * instance actually does each day's and each week's work. Notification emails every minute: each one is claimed
 * by one conditional update, so instances share them without sending any twice.
 */
export function startScheduler(db: Db, options: { firstRunAfterMs?: number; settle?: DailyJobOptions["settle"] } = {}) {
  const instance = `${hostname()}:${process.pid}`;
  const tick = async () => {
    try {
      const result = await runDailyJob(db, { now: new Date(), instance, settle: options.settle });
      if (result.ran) logger.info({ job: "daily", runKey: result.runKey, ...result.summary }, "daily job done");
    } catch (error) {
      logger.error({ err: error, job: "daily" }, "daily job failed");
    }
    try {
      const digest = await runWeeklyDigest(db, { now: new Date(), instance });
      if (digest.ran) logger.info({ job: "weekly-digest", runKey: digest.runKey, sent: digest.sent }, "weekly digest done");
    } catch (error) {
      logger.error({ err: error, job: "weekly-digest" }, "weekly digest failed");
    }
  };
  const dispatch = async () => {
    try {
      const result = await dispatchEmails(db);
      if (result.sent) logger.info({ job: "notification-emails", ...result }, "notification emails sent");
    } catch (error) {
      logger.error({ err: error, job: "notification-emails" }, "notification emails failed");
    }
  };
  const cron = new Cron("7 * * * *", { timezone: "Asia/Ho_Chi_Minh", protect: true, name: "daily-assignments" }, tick);
  const mails = new Cron("* * * * *", { protect: true, name: "notification-emails" }, dispatch);
  const first = setTimeout(() => void tick(), options.firstRunAfterMs ?? 30_000);
  first.unref();
  return () => {
    clearTimeout(first);
    cron.stop();
    mails.stop();
  };
}
