// Profiles one page: `tsx scripts/bench/profile-page.ts [path]` starts the production server with
// --cpu-prof, drives the page as the demo learner, and prints where the server's CPU time went.
import { readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import path from "node:path";
import { load, signIn, startServer } from "./harness";

const PAGE = process.argv[2] ?? "/courses/ai-in-library-services/what-is-ai";
const dir = "/tmp/skillshelf-prof";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] };

async function main() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await startServer({ port: 3290, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  let r;
  try {
    // PROFILE_ANON=1 drives the page signed out (the floor is /login signed out).
    const cookie = process.env.PROFILE_ANON ? "" : await signIn(server.url, "learner@skillshelf.local", "skillshelf-demo");
    await load(server, { path: PAGE, connections: 10, seconds: 2, headers: cookie ? { cookie } : {} });
    r = await load(server, { path: PAGE, connections: 10, seconds: Number(process.env.BENCH_SECONDS ?? 8), headers: cookie ? { cookie } : {} });
  } finally {
    await server.stop();
  }
  console.log(`${PAGE}: ${Math.round(r.rps)} req/s, ${r.cpuPerRequest.toFixed(2)} ms CPU/req, p99 ${r.p99} ms`);
  const files = readdirSync(dir).map((f) => path.join(dir, f));
  // The server's profile is the largest one (prepare.ts runs under tsx and writes its own).
  const file = files.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0]!;
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[] };
  const total = profile.samples.length;
  const byGroup = new Map<string, number>();
  const byFn = new Map<string, number>();
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
}

await main();
