// Starts the built app for the end-to-end tests on a database of its own: a fresh PostgreSQL
// database when DATABASE_URL is set, else a fresh PGlite directory, plus a copy of the content.
//
// Everything it makes is named e2e…<time in base 36>_<pid>, and removed when it stops: on SIGTERM/SIGINT/SIGHUP
// (Playwright sends SIGTERM: see gracefulShutdown in playwright.config.ts), when the app exits, on a crash of this
// script, and (the folders) on any exit. What a SIGKILL or a power cut leaves behind is swept by the next start:
// leftovers older than STALE_HOURS whose pid is not alive, and for a database, that nobody is connected to.
// Several runs on different ports may share the machine and the PostgreSQL server: a live run's things are kept.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { serverNodeArgs } from "./server-node-args.js";

const STALE_HOURS = 3;
const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const env = { ...process.env, NODE_ENV: "production", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };
const stamp = `${Date.now().toString(36)}_${process.pid}`;
const DB_PREFIX = "skillshelf_e2e_";
/** e2e-<stamp> (PGlite) and e2e-content-<stamp> under .data, skillshelf_e2e_<stamp> in PostgreSQL. */
const STAMPED = /^(?:e2e-(?:content-)?|skillshelf_e2e_)([0-9a-z]{8,9})_(\d+)$/;
const EARLIEST = Date.UTC(2025, 0, 1);

/** Whether a leftover named with a stamp may be removed: old enough, and the run that made it is gone. */
function isStale(name, now = Date.now(), alive = pidAlive) {
  const match = STAMPED.exec(name);
  if (!match) return false;
  const started = parseInt(match[1], 36);
  const pid = Number(match[2]);
  // A name that only looks like a stamp (its time is not a plausible start) is someone else's: kept.
  if (started < EARLIEST || started > now || pid === process.pid) return false;
  return now - started > STALE_HOURS * 3600_000 && !alive(pid);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user has that pid, so it is alive.
    return error.code === "EPERM";
  }
}

const made = { dirs: [], database: null };
let admin = null;
let child = null;
let stopping = false;

function removeDirs() {
  for (const dir of made.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

async function dropDatabase() {
  if (!made.database) return;
  const name = made.database;
  made.database = null;
  await admin.unsafe(`drop database if exists "${name}" with (force)`).catch((error) => {
    made.database = name;
    console.error(`e2e-server: could not drop ${name}: ${error.message}`);
  });
}

async function cleanup() {
  removeDirs();
  await dropDatabase();
  await admin?.end({ timeout: 2 }).catch(() => {});
  admin = null;
}

/** Stops the app (if started), removes what this run made and exits with `code`. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await new Promise((resolve) => child.once("exit", resolve));
    clearTimeout(killer);
  }
  await cleanup();
  process.exit(code);
}

for (const [signal, number] of [["SIGTERM", 15], ["SIGINT", 2], ["SIGHUP", 1]]) process.on(signal, () => stop(128 + number));
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, (error) => {
    console.error("e2e-server:", error);
    // A failure inside stop() itself: leave now, the exit handler below still removes what was made.
    if (stopping) process.exit(1);
    stop(1);
  });
}
// The last resort when the process ends without going through stop(): the folders synchronously, and the
// database from a short-lived process (an exit handler cannot wait for a query).
process.on("exit", () => {
  removeDirs();
  if (made.database && process.env.DATABASE_URL) {
    const script = `import postgres from "postgres"; const sql = postgres(process.argv[1], { max: 1, onnotice: () => {} });
      await sql.unsafe('drop database if exists "' + process.argv[2] + '" with (force)'); await sql.end();`;
    spawnSync(process.execPath, ["--input-type=module", "-e", script, adminUrl(), made.database], { stdio: "inherit", timeout: 10_000 });
  }
});

function adminUrl() {
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = "/postgres";
  return url.toString();
}

/** Removes the stale leftovers of earlier runs (see isStale); a database someone is connected to is kept. */
async function sweep() {
  const data = path.join(root, ".data");
  let entries = [];
  try {
    entries = readdirSync(data, { withFileTypes: true });
  } catch {
    /* no .data yet */
  }
  for (const entry of entries) {
    if (entry.isDirectory() && isStale(entry.name)) {
      console.error(`e2e-server: removing the stale .data/${entry.name}`);
      rmSync(path.join(data, entry.name), { recursive: true, force: true });
    }
  }
  if (!admin) return;
  const rows = await admin`
    select datname from pg_database d
    where datname like ${`${DB_PREFIX}%`} and not exists (select 1 from pg_stat_activity a where a.datid = d.oid)`;
  for (const { datname } of rows) {
    if (!isStale(datname)) continue;
    // Without FORCE: a run that connected meanwhile makes this fail, and its database stays.
    await admin
      .unsafe(`drop database if exists "${datname}"`)
      .then(() => console.error(`e2e-server: dropped the stale database ${datname}`))
      .catch((error) => console.error(`e2e-server: kept ${datname}: ${error.message}`));
  }
}

/** Runs a command to its end (asynchronously, so a signal meanwhile stops it and this run). */
function run(command, args, options) {
  return new Promise((resolve) => {
    child = spawn(command, args, { stdio: "inherit", ...options });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  if (process.env.DATABASE_URL) {
    admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await sweep();
    const base = new URL(process.env.DATABASE_URL);
    const name = `${DB_PREFIX}${stamp}`;
    made.database = name;
    await admin.unsafe(`create database "${name}"`);
    base.pathname = `/${name}`;
    env.DATABASE_URL = base.toString();
  } else {
    await sweep();
    const dir = path.join(".data", `e2e-${stamp}`);
    made.dirs.push(dir);
    env.DATA_DIR = dir;
  }

  // The real courses plus a small fixture course whose graded quiz allows retakes without waiting.
  const contentDir = path.join(".data", `e2e-content-${stamp}`);
  made.dirs.push(contentDir);
  cpSync("content", contentDir, { recursive: true });
  cpSync("tests/fixtures/e2e-course", path.join(contentDir, "courses", "e2e-quiz-course"), { recursive: true });
  cpSync("tests/fixtures/e2e-fallback-course", path.join(contentDir, "courses", "e2e-fallback-course"), { recursive: true });
  // A one-lesson course with an expiry, completed by the certificate journey (no other spec touches it).
  cpSync("tests/fixtures/e2e-cert-course", path.join(contentDir, "courses", "e2e-cert-course"), { recursive: true });
  // A one-course programme, completed by the programme certificate journey (programmes.spec.ts; no other spec touches it).
  cpSync("tests/fixtures/e2e-programme-course", path.join(contentDir, "courses", "e2e-programme-course"), { recursive: true });
  cpSync("tests/fixtures/e2e-programmes", path.join(contentDir, "programmes"), { recursive: true });
  // A draft course made the way a trainer makes one: with the scaffold command.
  const tsx = path.join("node_modules", ".bin", "tsx");
  const scaffold = await run(tsx, [
    "scripts/content-new.ts", "e2e-draft-course", "--title-vi", "Khóa nháp của giảng viên", "--title-en", "Trainer's draft course",
    "--topic", "ai", "--owner", "trainer@skillshelf.local", "--content-dir", contentDir,
  ]);
  if (stopping) return;
  if (scaffold !== 0) return stop(scaffold);
  env.CONTENT_DIR = contentDir;
  env.CONTENT_CACHE_DIR = path.join(".data", "e2e-cache");

  const prepared = await run(tsx, ["scripts/prepare.ts"], { env });
  if (stopping) return;
  if (prepared !== 0) return stop(prepared);
  child = spawn("node", [...serverNodeArgs, "server.js"], { stdio: "inherit", env });
  child.once("exit", (code) => stop(code ?? 1));
}

await main();
