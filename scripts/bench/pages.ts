// `npm run bench`: drives the production build on the embedded database (or DATABASE_URL) with
// autocannon and prints, per page, requests/s, latency and the server's CPU per request next to
// the framework's floor (the anonymous sign-in page: no database work), measured in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { buildContent } from "../../app/content/build.server";
import { load, peakRssMiB, root, signIn, startServer, table } from "./harness";
import { FLOOR_ROUTE, LEARNER_ROUTES, routeBundle } from "./bundles";
import { firstContent } from "./first-content";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LESSON = "/courses/ai-in-library-services/what-is-ai";

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

/** The bytes a browser receives for a URL when it accepts gzip (as sent: precompressed assets, compressed HTML). */
function wire(url: string, headers: Record<string, string> = {}): Promise<{ bytes: number; body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip", ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = String(res.headers["content-encoding"] ?? "identity");
          resolve({ bytes: raw.length, body: encoding === "gzip" ? gunzipSync(raw) : raw, encoding });
        });
      })
      .on("error", reject);
  });
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

/** Lite mode's lesson page as sent: the HTML (Save-Data: on) and the stylesheets it links, gzip. */
async function liteWeight(url: string, cookie: string) {
  const page = await wire(url + LESSON, { cookie, "save-data": "on" });
  const html = page.body.toString("utf8");
  let css = 0;
  for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) css += (await wire(url + m[1])).bytes;
  return { htmlKB: page.bytes / 1024, cssKB: css / 1024, scripts: (html.match(/<script/g) ?? []).length };
}

async function main() {
  const build = await contentBuildTimes();
  const server = await startServer({ port: 3200 });
  try {
    const cookie = await signIn(server.url, "learner@skillshelf.local", "skillshelf-demo");
    const hr = await signIn(server.url, "hr@skillshelf.local", "skillshelf-demo");
    const headers = { cookie };
    const targets = [
      { name: "floor (/login, no DB)", path: "/login", headers: {} },
      { name: "catalogue", path: "/courses", headers },
      { name: "course page", path: "/courses/ai-in-library-services", headers },
      { name: "lesson page", path: LESSON, headers },
      { name: "reports (HR, demo data)", path: "/reports", headers: { cookie: hr } },
    ];
    const rows = [];
    let floor = 0;
    let floorCpu = 0;
    for (const target of targets) {
      await load(server, { path: target.path, connections: 10, seconds: 2, headers: target.headers }); // warm-up
      const r = await load(server, { path: target.path, connections: CONNECTIONS, seconds: SECONDS, headers: target.headers });
      if (!floor) floor = r.rps;
      if (!floorCpu) floorCpu = r.cpuPerRequest;
      rows.push({
        page: target.name,
        "req/s": Math.round(r.rps),
        "p50 ms": r.p50,
        "p99 ms": r.p99,
        "CPU ms/req": r.cpuPerRequest,
        "vs floor": `${Math.round((r.rps / floor) * 100)}%`,
        // Throughput the server's own CPU allows, next to the floor's: steadier than req/s when others load the machine.
        "CPU vs floor": `${Math.round((floorCpu / r.cpuPerRequest) * 100)}%`,
        errors: r.errors,
      });
    }
    const p99at10 = await load(server, { path: LESSON, connections: 10, seconds: SECONDS, headers });
    const weight = await pageWeight(server.url, cookie);
    const lite = await liteWeight(server.url, cookie);
    const slow = await firstContent({ url: server.url + LESSON, cookie, selector: ".lesson-body", runs: Number(process.env.BENCH_RUNS ?? 3) });
    console.log(`\nPages at ${CONNECTIONS} connections, ${SECONDS}s each (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}):`);
    table(rows);
    console.log(`\nLesson page at 10 connections: ${Math.round(p99at10.rps)} req/s, p50 ${p99at10.p50} ms, p99 ${p99at10.p99} ms (target < 60 ms)`);
    console.log(
      `Lesson page weight: HTML ${weight.htmlGzipKB.toFixed(1)} KB + JS ${weight.jsGzipKB.toFixed(1)} KB (${weight.scripts} files) = ${(weight.htmlGzipKB + weight.jsGzipKB).toFixed(1)} KB gzip (target ≤ 150 KB)`,
    );
    console.log(
      `content:build: cold ${(build.cold / 1000).toFixed(2)} s for ${build.files} files (target < 20 s), unchanged ${(build.warm / 1000).toFixed(2)} s with ${build.warmCompiled} recompiled (target < 2 s)`,
    );
    console.log(
      `Lite lesson page (Save-Data: on): HTML ${lite.htmlKB.toFixed(1)} KB + CSS ${lite.cssKB.toFixed(1)} KB = ${(lite.htmlKB + lite.cssKB).toFixed(1)} KB gzip, ${lite.scripts} scripts (target ≤ 15 KB, none)`,
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
    console.log(`\nLesson page on 1.5 Mbps / 150 ms RTT with a 4× slower CPU, cold cache (Chromium, median of runs):`);
    table(
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
