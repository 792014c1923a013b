import { startScheduler } from "~/training/scheduler.server";
import { settleMetProgrammes } from "~/programmes/programmes.server";
import { getDbHandle } from "./platform/db.server";
import { getEnv } from "./platform/env.server";
import { logger } from "./platform/log.server";
import { missingAppUrlWarning } from "./platform/request-origin.server";

/** Validates configuration and opens the database; throws ConfigError or DatabaseUnreachableError. */
export async function startup() {
  const env = getEnv();
  const warning = missingAppUrlWarning(env);
  if (warning) logger.warn(warning);
  const handle = await getDbHandle();
  logger.info({ driver: handle.driver, where: handle.where }, "database ready");
  // Only the running server schedules jobs (tests and builds never call startup).
  // Programmes settle what is already complete before the daily job reminds or marks anything overdue.
  const stopScheduler = startScheduler(handle.db, { settle: settleMetProgrammes });
  return {
    env,
    logger,
    close: () => {
      stopScheduler();
      return handle.close();
    },
  };
}
