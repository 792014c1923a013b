// Two builds in turns: `tsx scripts/bench/turns.ts <other checkout> [path …]` starts this checkout's production
// build and another checkout's (each with its own build/ and content cache) on one database, then drives the floor
// (/login signed out) and each page on both servers in alternation, round after round, and prints the server CPU
// per request of each, so a neighbour's load moves both sides alike. BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS,
// BENCH_PORT (this checkout's server; the other one gets the next port), BENCH_AS (the demo account the pages are
// driven as, "learner" unless told: `BENCH_AS=hr` for /reports).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Server, load, root, signIn } from "./harness";

const other = path.resolve(process.argv[2] ?? "");
const pages = process.argv.slice(3).length ? process.argv.slice(3) : ["/courses/ai-in-library-services/what-is-ai", "/courses"];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3200);

// Each checkout's server starts with that checkout's own Node flags (none for one older than the file).
async function nodeArgsOf(cwd: string): Promise<string[]> {
  const file = path.join(cwd, "scripts/server-node-args.js");
  return existsSync(file) ? ((await import(pathToFileURL(file).href)) as { serverNodeArgs: string[] }).serverNodeArgs : [];
}

async function start(cwd: string, port: number, env: Record<string, string>): Promise<Server> {
  const proc = spawn("node", [...(await nodeArgsOf(cwd)), "server.js"], { cwd, env: { ...env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    proc.kill("SIGTERM");
    await new Promise((r) => proc.once("exit", r));
  };
  return { url, proc, env, stop, cleanup: async () => {}, restart: () => start(cwd, port, env) };
}

async function main() {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NODE_ENV: "production", LOG_LEVEL: "warn" };
  let drop = () => {};
  if (env.DATABASE_URL) {
    const base = new URL(env.DATABASE_URL);
    const admin = new URL(base);
    admin.pathname = "/postgres";
    const name = `skillshelf_turns_${Date.now().toString(36)}_${PORT}`;
    const psql = (statement: string) => spawnSync("psql", [admin.toString(), "-qc", statement], { stdio: "inherit" });
    psql(`create database "${name}"`);
    base.pathname = `/${name}`;
    env.DATABASE_URL = base.toString();
    drop = () => void psql(`drop database if exists "${name}" with (force)`);
  } else {
    throw new Error("turns.ts needs DATABASE_URL: two servers cannot share one embedded database");
  }
  try {
    if (spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/prepare.ts"], { cwd: root, env, stdio: "inherit" }).status !== 0) throw new Error("prepare failed");
    const servers = { this: await start(root, PORT, env), other: await start(other, PORT + 1, env) };
    try {
      const email = `${process.env.BENCH_AS ?? "learner"}@skillshelf.local`;
      const cookies = { this: await signIn(servers.this.url, email, "skillshelf-demo"), other: await signIn(servers.other.url, email, "skillshelf-demo") };
      const targets = [{ path: "/login", anon: true }, ...pages.map((p) => ({ path: p, anon: false }))];
      const cpu = new Map<string, number[]>();
      const p99 = new Map<string, number[]>();
      console.log(`load average before: ${loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which build goes first, so neither always runs on a warmer (or busier) machine.
        const order = round % 2 ? (["other", "this"] as const) : (["this", "other"] as const);
        for (const target of targets) {
          for (const side of order) {
            const headers: Record<string, string> = target.anon ? {} : { cookie: cookies[side] };
            await load(servers[side], { path: target.path, connections: CONNECTIONS, seconds: 1, headers });
            const r = await load(servers[side], { path: target.path, connections: CONNECTIONS, seconds: SECONDS, headers });
            const key = `${side} ${target.path}`;
            cpu.set(key, [...(cpu.get(key) ?? []), r.cpuPerRequest]);
            p99.set(key, [...(p99.get(key) ?? []), r.p99]);
            if (r.errors) console.log(`${key}: ${r.errors} errors`);
          }
        }
        console.log(`round ${round + 1}: ` + [...cpu].map(([k, v]) => `${k} ${v.at(-1)!.toFixed(2)}`).join(", "));
      }
      const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
      console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
      console.log("\nmedian CPU ms/request (and p99 ms) over the rounds, and the page's ratio to the floor of the same build:");
      for (const side of ["this", "other"] as const) {
        const floor = median(cpu.get(`${side} /login`)!);
        for (const target of targets) {
          const key = `${side} ${target.path}`;
          const c = median(cpu.get(key)!);
          console.log(`${side.padEnd(5)} ${target.path.padEnd(45)} ${c.toFixed(2)} ms (p99 ${median(p99.get(key)!)} ms)  floor/page ${Math.round((floor / c) * 100)} %`);
        }
      }
    } finally {
      await Promise.all([servers.this.stop(), servers.other.stop()]);
    }
  } finally {
    drop();
  }
}

await main();
