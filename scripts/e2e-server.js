// Starts the built app for the end-to-end tests on a database of its own: a fresh PostgreSQL
// database when DATABASE_URL is set, else a fresh PGlite directory. Dropped/removed on exit.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const env = { ...process.env, NODE_ENV: "production", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };
const stamp = `${Date.now().toString(36)}_${process.pid}`;
let cleanup = async () => {};

if (process.env.DATABASE_URL) {
  const base = new URL(process.env.DATABASE_URL);
  const name = `skillshelf_e2e_${stamp}`;
  const adminUrl = new URL(base);
  adminUrl.pathname = "/postgres";
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  base.pathname = `/${name}`;
  env.DATABASE_URL = base.toString();
  cleanup = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
  };
} else {
  const dir = path.join(".data", `e2e-${stamp}`);
  env.DATA_DIR = dir;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

// The real courses plus a small fixture course whose graded quiz allows retakes without waiting.
const contentDir = path.join(".data", `e2e-content-${stamp}`);
cpSync("content", contentDir, { recursive: true });
cpSync("tests/fixtures/e2e-course", path.join(contentDir, "courses", "e2e-quiz-course"), { recursive: true });
cpSync("tests/fixtures/e2e-fallback-course", path.join(contentDir, "courses", "e2e-fallback-course"), { recursive: true });
// A one-lesson course with an expiry, completed by the certificate journey (no other spec touches it).
cpSync("tests/fixtures/e2e-cert-course", path.join(contentDir, "courses", "e2e-cert-course"), { recursive: true });
// A one-course programme, completed by the programme certificate journey (programmes.spec.ts; no other spec touches it).
cpSync("tests/fixtures/e2e-programme-course", path.join(contentDir, "courses", "e2e-programme-course"), { recursive: true });
cpSync("tests/fixtures/e2e-programmes", path.join(contentDir, "programmes"), { recursive: true });
// A draft course made the way a trainer makes one: with the scaffold command.
const scaffold = spawnSync(
  path.join("node_modules", ".bin", "tsx"),
  ["scripts/content-new.ts", "e2e-draft-course", "--title-vi", "Khóa nháp của giảng viên", "--title-en", "Trainer's draft course",
    "--topic", "ai", "--owner", "trainer@skillshelf.local", "--content-dir", contentDir],
  { stdio: "inherit" },
);
if (scaffold.status !== 0) process.exit(scaffold.status ?? 1);
env.CONTENT_DIR = contentDir;
env.CONTENT_CACHE_DIR = path.join(".data", "e2e-cache");
const removeDb = cleanup;
cleanup = async () => {
  await removeDb();
  rmSync(contentDir, { recursive: true, force: true });
};

const prepare = spawnSync(path.join("node_modules", ".bin", "tsx"), ["scripts/prepare.ts"], { stdio: "inherit", env });
if (prepare.status !== 0) {
  await cleanup();
  process.exit(prepare.status ?? 1);
}
const server = spawn("node", ["server.js"], { stdio: "inherit", env });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await cleanup();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", async (code) => {
  if (!stopping) {
    await cleanup();
    process.exit(code ?? 1);
  }
});
