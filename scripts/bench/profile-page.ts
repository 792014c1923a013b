// Profiles one page: `tsx scripts/bench/profile-page.ts [path]` starts the production server with
// --cpu-prof, drives the page as the demo learner, and prints where the server's CPU time went.
import { readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import path from "node:path";
import { load, signIn, startServer } from "./harness";

const PAGE = process.argv[2] ?? "/courses/ai-in-library-services/what-is-ai";
const dir = `/tmp/skillshelf-prof-${process.pid}`;

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] };

async function main() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await startServer({ port: Number(process.env.BENCH_PORT ?? 3290), nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  let r;
  try {
    // PROFILE_ANON=1 drives the page signed out (the floor is /login signed out).
    // PROFILE_AS=hr signs in as another demo account.
    const cookie = process.env.PROFILE_ANON ? "" : await signIn(server.url, `${process.env.PROFILE_AS ?? "learner"}@skillshelf.local`, "skillshelf-demo");
    await load(server, { path: PAGE, connections: 10, seconds: 2, headers: cookie ? { cookie } : {} });
    r = await load(server, { path: PAGE, connections: 10, seconds: Number(process.env.BENCH_SECONDS ?? 8), headers: cookie ? { cookie } : {} });
  } finally {
    await server.stop();
  }
  console.log(`${PAGE}: ${Math.round(r.rps)} req/s, ${r.cpuPerRequest.toFixed(2)} ms CPU/req, p99 ${r.p99} ms`);
  const files = readdirSync(dir).map((f) => path.join(dir, f));
  // The server's profile is the largest one (prepare.ts runs under tsx and writes its own).
  const file = files.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0]!;
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; endTime: number; startTime: number };
  // Only the measured run counts (not start-up, module loading or the warm-up): the samples of its last seconds.
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  const from = profile.endTime - (seconds - 0.5) * 1e6;
  const hits = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  for (const node of profile.nodes) node.hitCount = hits.get(node.id) ?? 0;
  const total = [...hits.values()].reduce((a, b) => a + b, 0);
  const byGroup = new Map<string, number>();
  const byFn = new Map<string, number>();
  // Inclusive time of the app's own functions (what a loader, the middleware or the render costs with all it calls).
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const inclusive = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (!frame.url.includes("build/server") && !frame.url.includes("server.js")) continue;
      const name = `${frame.functionName || "(anon)"}:${frame.lineNumber}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + node.hitCount);
    }
  }
  for (const node of profile.nodes) {
    const url = node.callFrame.url;
    const group = url.includes("node_modules")
      ? url.split("node_modules/").pop()!.split("/").slice(0, url.includes("node_modules/@") ? 2 : 1).join("/")
      : url.startsWith("node:") ? url : url ? path.relative(process.cwd(), url.replace("file://", "")) : `(${node.callFrame.functionName || "native"})`;
    byGroup.set(group, (byGroup.get(group) ?? 0) + node.hitCount);
    const fn = `${node.callFrame.functionName || "(anon)"} ${group}:${node.callFrame.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + node.hitCount);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join("\n");
  console.log("\nSelf time by module:\n" + top(byGroup, 25));
  console.log("\nSelf time by function:\n" + top(byFn, 40));
  console.log("\nTotal time of the app's own functions (with what they call):\n" + top(inclusive, 30));
}

await main();
