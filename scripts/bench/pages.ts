// `npm run bench`: drives the production build on the embedded database (or DATABASE_URL) with
// autocannon and prints, per page, requests/s, latency and the server's CPU per request next to
// the framework's floor (the anonymous sign-in page: no database work), measured just before and just after each page
// so that a neighbour's build slowing the machine down moves both sides of the ratio.
// BENCH_PORT picks the server's port; BENCH_PAGES_ONLY=1 skips the content build and the Chromium timings.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { buildContent } from "../../app/content/build.server";
import { type LoadResult, type Server, load, peakRssMiB, root, signIn, startServer, table } from "./harness";
import { FLOOR_ROUTE, LEARNER_ROUTES, routeBundle } from "./bundles";
import { firstContent } from "./first-content";
import { liteWeight, wire } from "./lite-weight";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LESSON = "/courses/ai-in-library-services/what-is-ai";
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const PAGES_ONLY = process.env.BENCH_PAGES_ONLY === "1";

const loadAverage = () => loadavg().map((l) => l.toFixed(1)).join(" / ");

async function contentBuildTimes() {
  const cacheDir = mkdtempSync(path.join(tmpdir(), "skillshelf-bench-"));
  try {
    const cold = await buildContent({ contentRoot: path.join(root, "content"), cacheDir });
    const warm = await buildContent({ contentRoot: path.join(root, "content"), cacheDir });
    return { cold: cold.durationMs, warm: warm.durationMs, files: cold.compiled.length, warmCompiled: warm.compiled.length };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function pageWeight(url: string, cookie: string) {
  const page = await wire(url + LESSON, { cookie });
  const html = page.body.toString("utf8");
  const scripts = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  let js = 0;
  const lang = /<html lang="(\w+)"/.exec(html)?.[1] ?? "vi";
  const seen = new Set<string>();
  const queue = [...scripts];
  while (queue.length) {
    const src = queue.shift()!;
    if (seen.has(src)) continue;
    seen.add(src);
    const asset = await wire(url + src);
    js += asset.bytes; // as sent: files under 1 KB go uncompressed
    // The entry imports the page language's messages at start (app/entry.client.tsx): count that chunk too.
    for (const m of asset.body.toString("utf8").matchAll(/import\([`"']\.\/([^`"']+\.js)[`"']\)/g)) {
      if (m[1]!.startsWith(`${lang}-`)) queue.push(`/assets/${m[1]}`);
    }
  }
  return { htmlGzipKB: page.bytes / 1024, jsGzipKB: js / 1024, scripts: seen.size };
}

type Target = { name: string; path: string; headers: Record<string, string> };

/**
 * Each page between two runs of the floor: its ratio is to the mean of the floor measured right before and right
 * after it (req/s and CPU per request), so that load from neighbours moves both sides alike.
 */
async function measure(server: Server, floor: Target, pages: Target[], connections: number) {
  const run = async (target: Target) => {
    await load(server, { path: target.path, connections: Math.min(connections, 10), seconds: 2, headers: target.headers }); // warm-up
    return load(server, { path: target.path, connections, seconds: SECONDS, headers: target.headers });
  };
  const floors = [await run(floor)];
  const rows = [];
  const row = (name: string, r: Awaited<ReturnType<typeof run>>, rps: number, cpu: number) => ({
    page: name,
    "req/s": Math.round(r.rps),
    "p50 ms": r.p50,
    "p99 ms": r.p99,
    "CPU ms/req": r.cpuPerRequest,
    "vs floor": `${Math.round((r.rps / rps) * 100)}%`,
    // Throughput the server's own CPU allows, next to the floor's: steadier than req/s when others load the machine.
    "CPU vs floor": `${Math.round((cpu / r.cpuPerRequest) * 100)}%`,
    errors: r.errors,
  });
  const results = new Map<string, LoadResult>();
  for (const page of pages) {
    const r = await run(page);
    const after = await run(floor);
    const before = floors.at(-1)!;
    floors.push(after);
    results.set(page.path, r);
    rows.push(row(page.name, r, (before.rps + after.rps) / 2, (before.cpuPerRequest + after.cpuPerRequest) / 2));
  }
  const mean = (f: (r: LoadResult) => number) => floors.reduce((a, r) => a + f(r), 0) / floors.length;
  const spread = (f: (r: LoadResult) => number) => `${Math.min(...floors.map(f)).toFixed(2)}–${Math.max(...floors.map(f)).toFixed(2)}`;
  const floorRow = { ...row(`${floor.name}, mean of ${floors.length}`, floors[0]!, 1, 1), "req/s": Math.round(mean((r) => r.rps)) };
  Object.assign(floorRow, {
    "p50 ms": mean((r) => r.p50),
    "p99 ms": mean((r) => r.p99),
    "CPU ms/req": mean((r) => r.cpuPerRequest),
    "vs floor": "100%",
    "CPU vs floor": "100%",
    errors: floors.reduce((a, r) => a + r.errors, 0),
  });
  return { rows: [floorRow, ...rows], results, floorCpuSpread: spread((r) => r.cpuPerRequest) };
}

async function main() {
  const build = PAGES_ONLY ? null : await contentBuildTimes();
  const server = await startServer({ port: PORT });
  try {
    const cookie = await signIn(server.url, "learner@skillshelf.local", "skillshelf-demo");
    const hr = await signIn(server.url, "hr@skillshelf.local", "skillshelf-demo");
    const headers = { cookie };
    const floor = { name: "floor (/login, no DB)", path: "/login", headers: {} };
    const pages = [
      { name: "catalogue", path: "/courses", headers },
      { name: "course page", path: "/courses/ai-in-library-services", headers },
      { name: "lesson page", path: LESSON, headers },
      { name: "reports (HR, demo data)", path: "/reports", headers: { cookie: hr } },
    ];
    const loadBefore = loadAverage();
    const wide = await measure(server, floor, pages, CONNECTIONS);
    const narrow = await measure(server, floor, pages, 10);
    const loadAfter = loadAverage();
    const p99at10 = narrow.results.get(LESSON)!;
    const weight = await pageWeight(server.url, cookie);
    const lite = await liteWeight(server.url, LESSON, { cookie });
    const liteBr = await liteWeight(server.url, LESSON, { cookie }, "br, gzip");
    const slow = PAGES_ONLY ? [] : await firstContent({ url: server.url + LESSON, cookie, selector: ".lesson-body", runs: Number(process.env.BENCH_RUNS ?? 3) });
    const db = process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite";
    console.log(`\nLoad average (1 / 5 / 15 min): ${loadBefore} before, ${loadAfter} after (2 cores: above 2, neighbours share the CPU)`);
    console.log(`\nPages at ${CONNECTIONS} connections, ${SECONDS}s each (${db}); each page against the floor measured around it:`);
    table(wide.rows);
    console.log(`(floor CPU ms/req across its runs: ${wide.floorCpuSpread})`);
    console.log(`\nPages at 10 connections, ${SECONDS}s each (${db}):`);
    table(narrow.rows);
    console.log(`(floor CPU ms/req across its runs: ${narrow.floorCpuSpread})`);
    console.log(`\nLesson page at 10 connections: ${Math.round(p99at10.rps)} req/s, p50 ${p99at10.p50} ms, p99 ${p99at10.p99} ms (target < 60 ms)`);
    console.log(
      `Lesson page weight: HTML ${weight.htmlGzipKB.toFixed(1)} KB + JS ${weight.jsGzipKB.toFixed(1)} KB (${weight.scripts} files) = ${(weight.htmlGzipKB + weight.jsGzipKB).toFixed(1)} KB gzip (target ≤ 150 KB)`,
    );
    if (build) console.log(
      `content:build: cold ${(build.cold / 1000).toFixed(2)} s for ${build.files} files (target < 20 s), unchanged ${(build.warm / 1000).toFixed(2)} s with ${build.warmCompiled} recompiled (target < 2 s)`,
    );
    console.log(
      `Lite lesson page (Save-Data: on): HTML ${lite.htmlKB.toFixed(1)} KB + CSS ${lite.cssKB.toFixed(1)} KB = ${(lite.htmlKB + lite.cssKB).toFixed(1)} KB gzip, ${lite.scripts} scripts (target ≤ 15 KB, none); ` +
        `as Chromium receives it (Accept-Encoding: br, gzip): HTML ${liteBr.htmlKB.toFixed(1)} KB + CSS ${liteBr.cssKB.toFixed(1)} KB = ${(liteBr.htmlKB + liteBr.cssKB).toFixed(1)} KB`,
    );
    const floorJs = routeBundle(FLOOR_ROUTE);
    console.log(`\nJavaScript per page on a first visit, gzip as sent (vi messages included; build output):`);
    table(
      [FLOOR_ROUTE, ...LEARNER_ROUTES].map((id) => {
        const b = routeBundle(id);
        return { route: id, files: b.files.length, "JS KB": b.gzipBytes / 1024, zod: b.zod ? "yes" : "no" };
      }),
    );
    console.log(`(the sign-in page, ${(floorJs.gzipBytes / 1024).toFixed(1)} KB, validates on the client: it is not a learner page)`);
    if (slow.length) console.log(`\nLesson page on 1.5 Mbps / 150 ms RTT with a 4× slower CPU, cold cache (Chromium, median of runs):`);
    if (slow.length) table(
      slow.map((s) => ({
        mode: s.mode,
        "first paint ms": Number.isNaN(s.fcpMs) ? "—" : Math.round(s.fcpMs),
        "lesson text painted ms": Number.isNaN(s.visibleMs) ? "—" : Math.round(s.visibleMs),
        "text visible (Playwright) ms": s.seenMs,
        "sent KB": s.transferKB,
      })),
    );
    console.log(`Server peak RSS: ${peakRssMiB(server.proc.pid!).toFixed(0)} MiB`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
