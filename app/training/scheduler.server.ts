import { hostname } from "node:os";
import { Cron } from "croner";
import type { Db } from "../../db/client";
import { logger } from "~/platform/log.server";
import { runDailyJob } from "./daily.server";

/**
 * Runs the daily job in-process: every hour (and once shortly after start), so a day is never missed when the
 * server was down at midnight. job_runs decides which instance actually runs each day's work.
 */
export function startScheduler(db: Db, options: { firstRunAfterMs?: number } = {}) {
  const instance = `${hostname()}:${process.pid}`;
  const tick = async () => {
    try {
      const result = await runDailyJob(db, { now: new Date(), instance });
      if (result.ran) logger.info({ job: "daily", runKey: result.runKey, ...result.summary }, "daily job done");
    } catch (error) {
      logger.error({ err: error, job: "daily" }, "daily job failed");
    }
  };
  const cron = new Cron("7 * * * *", { timezone: "Asia/Ho_Chi_Minh", protect: true, name: "daily-assignments" }, tick);
  const first = setTimeout(() => void tick(), options.firstRunAfterMs ?? 30_000);
  first.unref();
  return () => {
    clearTimeout(first);
    cron.stop();
  };
}
