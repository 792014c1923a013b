// Shared pieces of the benchmark scripts: start the production server on a fresh database of its
// own, read its CPU time and peak memory from /proc, and drive it with autocannon.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { serverNodeArgs } from "../server-node-args.js";

export const root = path.resolve(import.meta.dirname, "../..");
const TICKS_PER_SECOND = 100; // Linux USER_HZ

export type Server = {
  url: string;
  proc: ChildProcess;
  /** The environment the server runs with (its own DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  /** Stops the server; its database is removed unless keepData is set. */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
  /** Starts the server again on the same database. */
  restart: () => Promise<Server>;
  cleanup: () => Promise<void>;
};

/**
 * Prepares a database of the benchmark's own (a fresh PGlite folder, or a fresh database on the
 * DATABASE_URL server), migrates, seeds and builds content, then starts the production server.
 */
export async function startServer(options: { port: number; env?: Record<string, string>; nodeArgs?: string[] }): Promise<Server> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    PORT: String(options.port),
    LOG_LEVEL: "warn",
    ...options.env,
  };
  let cleanup = async () => {};
  if (env.DATABASE_URL) {
    const base = new URL(env.DATABASE_URL);
    const name = `skillshelf_bench_${Date.now().toString(36)}_${options.port}`;
    const admin = new URL(base);
    admin.pathname = "/postgres";
    const psql = (statement: string) => spawnSync("psql", [admin.toString(), "-qc", statement], { stdio: "inherit" });
    psql(`create database "${name}"`);
    base.pathname = `/${name}`;
    env.DATABASE_URL = base.toString();
    cleanup = async () => void psql(`drop database if exists "${name}" with (force)`);
  } else {
    const dir = path.join(root, ".data", `bench-${process.pid}-${options.port}`);
    rmSync(dir, { recursive: true, force: true });
    env.DATA_DIR = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const prep = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/prepare.ts"], { cwd: root, env, stdio: "inherit" });
  if (prep.status !== 0) throw new Error("prepare failed");
  return launch(env, cleanup, options.nodeArgs ?? []);
}

async function launch(env: Record<string, string>, cleanup: () => Promise<void>, nodeArgs: string[]): Promise<Server> {
  const proc = spawn("node", [...serverNodeArgs, ...nodeArgs, "server.js"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    proc,
    env,
    cleanup,
    restart: () => launch(env, cleanup, nodeArgs),
    stop: async (options = {}) => {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
      if (!options.keepData) await cleanup();
    },
  };
}

/** CPU milliseconds (user + system) the process has used so far. */
export function cpuMs(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Peak resident memory (VmHWM) of the process, in MiB. */
export function peakRssMiB(pid: number) {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
  return line ? Number(line.replace(/\D+/g, "")) / 1024 : NaN;
}

export async function signIn(url: string, email: string, password: string) {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return cookie;
}

export type LoadResult = { path: string; connections: number; rps: number; p50: number; p99: number; cpuPerRequest: number; requests: number; errors: number };

export async function load(
  server: Server,
  options: { path?: string; connections: number; seconds: number; headers?: Record<string, string>; requests?: autocannon.Request[] },
): Promise<LoadResult> {
  const before = cpuMs(server.proc.pid!);
  const result = await autocannon({
    url: server.url + (options.path ?? "/"),
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
    requests: options.requests,
  });
  const cpu = cpuMs(server.proc.pid!) - before;
  const requests = result.requests.total;
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    path: options.path ?? "(scripted)",
    connections: options.connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuPerRequest: requests ? cpu / requests : NaN,
    requests,
    errors,
  };
}

export function table(rows: Record<string, string | number>[]) {
  const keys = Object.keys(rows[0] ?? {});
  const fmt = (v: string | number) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => fmt(r[k]!).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(line(keys));
  for (const row of rows) console.log(line(keys.map((k) => fmt(row[k]!))));
}
