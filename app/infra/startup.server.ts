import { getDbHandle } from "./db.server";
import { getEnv } from "./env.server";
import { logger } from "./log.server";

/** Validates configuration and opens the database; throws ConfigError or DatabaseUnreachableError. */
export async function startup() {
  const env = getEnv();
  const handle = await getDbHandle();
  logger.info({ driver: handle.driver, where: handle.where }, "database ready");
  return { env, logger, close: () => handle.close() };
}
