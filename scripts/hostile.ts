// `npm run hostile`: the hostile corpus (tests/support/hostile-corpus.ts) over HTTP against the production build,
// on a fresh database of its own (PGlite, or DATABASE_URL): every route with an action in app/routes.ts gets every
// malformed body as each seeded role, plus the hostile URLs and one endless 100 MB POST to /login. Prints how many
// answers were ≥ 500 (must be 0) and the server's peak memory; exits 1 otherwise. Needs `npm run build` first.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { peakRssMiB, root, signIn, startServer } from "./bench/harness";
import { HOSTILE_URLS, hostileBodies } from "../tests/support/hostile-corpus";
import routes from "../app/routes";

type Entry = { path?: string; index?: boolean; file: string; children?: Entry[] };
// A POST reaches an index route's action only with ?index (else it goes to the parent layout).
const flatten = (entries: Entry[], prefix = ""): { path: string; file: string }[] =>
  entries.flatMap((e) => {
    const p = e.path ? `${prefix}/${e.path}` : prefix || "/";
    return [{ path: e.index ? `${p}?index` : p, file: e.file }, ...flatten(e.children ?? [], p === "/" ? "" : p)];
  });
const SAMPLE = { course: "x", lesson: "x", quiz: "x", code: "ABCD-EFGH-JKLM", token: "x", list: "1", file: "x.json" };
const fill = (pattern: string) => pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => SAMPLE[name as keyof typeof SAMPLE] ?? "00000000-0000-4000-8000-000000000000");

/** A 100 MB body that is produced only as fast as the server reads it. */
function endless(limitBytes: number) {
  const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= limitBytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

async function main() {
  if (!existsSync(path.join(root, "build/server/index.js"))) throw new Error("no production build: run `npm run build` first");
  const server = await startServer({ port: Number(process.env.HOSTILE_PORT ?? 3421) });
  const failures: string[] = [];
  let total = 0;
  const statuses = new Map<number, number>();
  const count = (status: number, what: string) => {
    total += 1;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 500) failures.push(`${status} ${what}`);
  };
  try {
    const cookies: Record<string, string | undefined> = { signedOut: undefined };
    for (const role of ["learner", "trainer", "hr", "admin"]) cookies[role] = await signIn(server.url, `${role}@skillshelf.local`, "skillshelf-demo");
    // The route modules are not loaded here (they need the build's aliases and assets): their source says.
    const withActions = flatten(routes as Entry[]).filter((r) =>
      /export (async )?function action\b|export const action\b/.test(readFileSync(path.join(root, "app", r.file), "utf8")),
    );
    withActions.sort((a, b) => Number(a.path === "/logout") - Number(b.path === "/logout"));
    const started = performance.now();
    for (const [role, cookie] of Object.entries(cookies)) {
      for (const route of withActions) {
        for (const body of hostileBodies()) {
          const headers: Record<string, string> = { origin: server.url };
          if (body.contentType) headers["content-type"] = body.contentType;
          if (cookie) headers.cookie = cookie;
          const res = await fetch(server.url + fill(route.path), { method: "POST", headers, body: body.body as BodyInit | undefined, redirect: "manual" });
          await res.arrayBuffer();
          count(res.status, `${role} POST ${route.path} (${body.name})`);
        }
      }
      for (const url of HOSTILE_URLS) {
        const res = await fetch(server.url + url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
        await res.arrayBuffer();
        count(res.status, `${role} GET ${url}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const rssBefore = peakRssMiB(server.proc.pid!);
    const bigStart = performance.now();
    const big = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: endless(100 * 1024 * 1024),
      duplex: "half",
    } as RequestInit).catch((error: Error & { cause?: { code?: string } }) => ({ status: 0, error: error.cause?.code ?? error.message }));
    const bigMs = performance.now() - bigStart;
    const rssAfter = peakRssMiB(server.proc.pid!);
    console.log(`hostile corpus: ${hostileBodies().length} bodies × ${withActions.length} actions × ${Object.keys(cookies).length} roles + ${HOSTILE_URLS.length} URLs per role`);
    console.log(`requests: ${total} in ${seconds.toFixed(1)} s; statuses: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(", ")}`);
    // The server answers 413 and closes the connection while the client is still sending: the client reads the
    // 413, or (a race in the kernel) sees the connection reset. Either way nothing was buffered.
    const seen = big.status || `connection closed (${"error" in big ? big.error : ""})`;
    console.log(`100 MB POST /login: ${seen} in ${Math.round(bigMs)} ms; server peak RSS ${Math.round(rssBefore)} MiB before, ${Math.round(rssAfter)} MiB after`);
    console.log(`responses ≥ 500: ${failures.length}`);
    for (const failure of failures.slice(0, 30)) console.log(`  ${failure}`);
    if (failures.length > 0 || (big.status !== 413 && big.status !== 0) || rssAfter - rssBefore > 100) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
