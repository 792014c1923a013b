// Runs before the server starts: checks configuration, migrates the database, seeds the demo
// organisation on first run and (once content exists) rebuilds changed lessons.
import { migrate } from "../db/migrate";
import { seed } from "../db/seed";
import { connect } from "../app/platform/db.server";
import { getEnv } from "../app/platform/env.server";
import { buildContent } from "../app/content/build.server";
import { formatProblem } from "../app/content/problems";
import { loadEntry } from "../app/content/store.server";
import { syncCatalogue } from "../app/learning/catalogue-sync.server";
import { CONTENT_CACHE_DIR, CONTENT_ROOT } from "../app/content/content.server";
import { currentSigningKey } from "../app/certificates/keys.server";
import { readProgrammes } from "../app/programmes/programme-files.server";
import { syncProgrammes } from "../app/programmes/sync.server";

async function main() {
  const env = getEnv();
  const handle = await connect();
  try {
    await migrate(handle);
    // The certificate signing key is created on first start and kept in the database (never in the repository).
    await currentSigningKey(handle.db);
    // Only changed lessons recompile; a broken one is reported and its last good version stays.
    const build = await buildContent({ contentRoot: CONTENT_ROOT, cacheDir: CONTENT_CACHE_DIR });
    for (const problem of build.problems) console.warn(formatProblem(problem));
    await syncCatalogue(handle.db, build.manifest, (key) => loadEntry(CONTENT_CACHE_DIR, key));
    // Programmes name courses, so they follow the catalogue; a broken file is reported and keeps its last good version.
    const programmes = readProgrammes(CONTENT_ROOT, process.cwd(), build.manifest.courses.map((c) => c.slug));
    for (const problem of programmes.problems) console.warn(formatProblem(problem));
    await syncProgrammes(handle.db, programmes.programmes, programmes.present);
    // Seeding comes after the catalogue: the demo assignment needs its course.
    if (process.env.SKILLSHELF_SEED !== "false") await seed(handle.db);
    console.log(
      `content ready: ${build.manifest.courses.length} courses, ${programmes.programmes.length} programmes, ${build.compiled.length} files compiled, ${build.fromCache} from cache`,
    );
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
