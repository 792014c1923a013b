// Runs before the server starts: checks configuration, migrates the database, seeds the demo
// organisation on first run and (once content exists) rebuilds changed lessons.
import { migrate } from "../db/migrate";
import { seed } from "../db/seed";
import { connect } from "../app/infra/db.server";
import { getEnv } from "../app/infra/env.server";

async function main() {
  const env = getEnv();
  const handle = await connect();
  try {
    await migrate(handle);
    if (process.env.SKILLSHELF_SEED !== "false") await seed(handle.db);
    console.log(`database ready (${handle.driver}${env.DATABASE_URL ? "" : `, ${handle.where}`})`);
  } finally {
    await handle.close();
  }
}

main().catch((error: Error) => {
  if (error.name === "ConfigError" || error.name === "DatabaseUnreachableError") {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
