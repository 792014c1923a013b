// `npm run job:daily [-- --force]`: runs the daily assignment job by hand (recertification, programmes already complete, overdue, reminders).
// Without --force it does nothing when today's run (Vietnam's date) is already recorded.
// With PGlite (no DATABASE_URL) stop the server first: only one process may open the embedded database.
import { hostname } from "node:os";
import { connect } from "../app/platform/db.server";
import { runDailyJob } from "../app/training/daily.server";
import { settleMetProgrammes } from "../app/programmes/programmes.server";

const handle = await connect();
try {
  const result = await runDailyJob(handle.db, {
    now: new Date(),
    instance: `manual:${hostname()}:${process.pid}`,
    force: process.argv.includes("--force"),
    settle: settleMetProgrammes,
  });
  console.log(result.ran ? `daily job ${result.runKey}: ${JSON.stringify(result.summary)}` : `daily job ${result.runKey} already ran (use --force to run again)`);
} finally {
  await handle.close();
}
