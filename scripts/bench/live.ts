// `npm run bench:live`: 300 simulated participants, each on two connections (an event stream and a keep-alive
// connection for votes), and one presenter, against the production build. Every participant joins as a guest,
// votes within a 10 s window (a fifth of them change their vote once), then the trainer locks voting. Prints:
// whether every acknowledged vote is counted exactly once (the presenter's final tally, the CSV export and each
// participant's own page), the p50/p95 time from a vote's acknowledgement to the presenter receiving a tally that
// includes it, and the server's peak RSS and CPU. Runs once on one instance, then (with DATABASE_URL) on two
// instances sharing PostgreSQL: presenter on instance 1, every participant on instance 2.
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import os from "node:os";
import zlib from "node:zlib";
import { serverNodeArgs } from "../server-node-args.js";
import { cpuMs, peakRssMiB, root, signIn, startServer } from "./harness";

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 300);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const OPTIONS = 4;
const PORT = Number(process.env.BENCH_PORT ?? 3412);

type Json = Record<string, unknown>;

/** A form post; a keep-alive socket the server closed while idle (as browsers do) is retried once on a new one. */
async function post(base: string, path: string, form: Record<string, string>, cookie: string, agent?: http.Agent) {
  try {
    return await postOnce(base, path, form, cookie, agent);
  } catch (error) {
    if ((error as { code?: string }).code !== "ECONNRESET") throw error;
    return postOnce(base, path, form, cookie, agent);
  }
}

function postOnce(base: string, path: string, form: Record<string, string>, cookie: string, agent?: http.Agent) {
  const body = new URLSearchParams(form).toString();
  const url = new URL(path, base);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), origin: url.origin, cookie, accept: "application/json" },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function get(base: string, path: string, cookie: string, agent?: http.Agent) {
  try {
    return await getOnce(base, path, cookie, agent);
  } catch (error) {
    if ((error as { code?: string }).code !== "ECONNRESET") throw error;
    return getOnce(base, path, cookie, agent);
  }
}

function getOnce(base: string, path: string, cookie: string, agent?: http.Agent) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get(new URL(path, base), { agent, headers: { cookie } }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      })
      .on("error", reject);
  });
}

/** An event stream: calls onState for each "state" event with the time it arrived. */
function stream(base: string, path: string, cookie: string, onState: (data: Json, at: number) => void) {
  return new Promise<http.ClientRequest>((resolve, reject) => {
    const req = http.get(new URL(path, base), { agent: false, headers: { cookie, accept: "text/event-stream", "accept-encoding": "gzip" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${path}: ${res.statusCode}`));
      if (res.headers["content-encoding"]) return reject(new Error("event stream was compressed"));
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        const at = Date.now();
        buffer += chunk;
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === "state" && data) onState(JSON.parse(data) as Json, at);
        }
      });
      resolve(req);
    });
    req.on("error", reject);
  });
}

/** Bytes on the wire of one response, as a browser that accepts Brotli and gzip is sent it (not decompressed). */
function wireBytes(base: string, path: string, cookie: string) {
  return new Promise<{ bytes: number; body: string; encoding: string }>((resolve, reject) => {
    http
      .get(new URL(path, base), { agent: false, headers: { cookie, "accept-encoding": "br, gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = String(res.headers["content-encoding"] ?? "identity");
          const body = encoding === "br" ? zlib.brotliDecompressSync(raw) : encoding === "gzip" ? zlib.gunzipSync(raw) : raw;
          resolve({ bytes: raw.length, body: body.toString("utf8"), encoding });
        });
      })
      .on("error", reject);
  });
}

/**
 * The participant page's weight over the wire: the page and what it loads, with JavaScript (its scripts too) and
 * without (the page, its style sheets and icon). Returns KB (1,000 bytes) and how each file was encoded.
 */
async function pageWeight(base: string, path: string, cookie: string) {
  const page = await wireBytes(base, path, cookie);
  const refs = (pattern: RegExp) => [...page.body.matchAll(pattern)].map((m) => m[1]!.replace(/&amp;/g, "&"));
  const styles = refs(/<link[^>]*rel="(?:stylesheet|icon)"[^>]*href="([^"]+)"/g).concat(refs(/<link[^>]*href="([^"]+)"[^>]*rel="(?:stylesheet|icon)"/g));
  const scripts = refs(/<script[^>]*src="([^"]+)"/g).concat(refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g));
  const fetchAll = (urls: string[]) => Promise.all([...new Set(urls)].map((u) => wireBytes(base, u, cookie)));
  const [css, js] = await Promise.all([fetchAll(styles), fetchAll(scripts)]);
  const sum = (files: { bytes: number }[]) => files.reduce((n, f) => n + f.bytes, 0);
  const withoutJs = page.bytes + sum(css);
  const encodings = [page, ...css, ...js].map((f) => f.encoding);
  return { withJs: (withoutJs + sum(js)) / 1000, withoutJs: withoutJs / 1000, files: 1 + css.length + js.length, encodings: [...new Set(encodings)].join("+") };
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function startSecond(env: Record<string, string>, port: number): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn("node", [...serverNodeArgs, "server.js"], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, proc };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("second instance did not start");
}

async function run(label: string, presenterUrl: string, voterUrl: string, pids: number[]) {
  const trainer = await signIn(presenterUrl, "trainer@skillshelf.local", "skillshelf-demo");
  const created = await post(presenterUrl, "/trainer/live", { intent: "create", title: `Bench ${label}`, allowGuests: "on" }, trainer);
  const id = /\/trainer\/live\/([0-9a-f-]{36})/.exec(String(created.headers.location))?.[1];
  if (!id) throw new Error(`create failed: ${created.status}`);
  await post(presenterUrl, `/trainer/live/${id}`, { intent: "add", kind: "poll", prompt: "Bench poll", options: "A\nB\nC\nD" }, trainer);
  await post(presenterUrl, `/trainer/live/${id}`, { intent: "start" }, trainer);
  const page = await get(presenterUrl, `/trainer/live/${id}`, trainer);
  const code = /tracking-widest">([A-Z0-9]{6})</.exec(page.body)?.[1];
  if (!code) throw new Error("no code on the trainer's page");

  const presenter: { at: number; computedAt: number; voters: number; counts: number[] }[] = [];
  const presenterReq = await stream(presenterUrl, `/trainer/live/${id}/events`, trainer, (data, at) => {
    const results = (data.current as { results: { voters: number; counts: number[] } } | null)?.results;
    if (results) presenter.push({ at, computedAt: data.computedAt as number, voters: results.voters, counts: results.counts });
  });

  // Join: one guest cookie each, one keep-alive connection each for its posts.
  const people = [];
  for (let i = 0; i < PARTICIPANTS; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, PARTICIPANTS - i) }, async (_, j) => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        const joined = await post(voterUrl, `/live/${code}/api`, { intent: "join", nickname: `Người ${i + j}` }, "", agent);
        const cookie = String(joined.headers["set-cookie"]?.[0] ?? "").split(";")[0]!;
        if (joined.status !== 200 || !cookie) throw new Error(`join failed: ${joined.status} ${joined.body}`);
        return { agent, cookie, states: 0, final: -1, acks: [] as number[] };
      }),
    );
    people.push(...batch);
  }
  const first = await get(voterUrl, `/live/${code}`, people[0]!.cookie, people[0]!.agent);
  const activity = /name="activity" value="([0-9a-f-]{36})"/.exec(first.body)?.[1];
  if (!activity) throw new Error("no activity on the participant's page");
  const weight = await pageWeight(voterUrl, `/live/${code}`, people[0]!.cookie);
  const streams = await Promise.all(people.map((p) => stream(voterUrl, `/live/${code}/events`, p.cookie, () => void (p.states += 1))));
  while (people.some((p) => p.states === 0)) await new Promise((r) => setTimeout(r, 50));

  const loadBefore = os.loadavg()[0]!;
  const cpuBefore = pids.map(cpuMs);
  const started = Date.now();
  const failures: string[] = [];
  await Promise.all(
    people.map(async (p, i) => {
      const votes = i % 5 === 0 ? 2 : 1;
      for (let v = 0; v < votes; v++) {
        await new Promise((r) => setTimeout(r, Math.random() * (WINDOW_MS / votes)));
        const choice = Math.floor(Math.random() * OPTIONS);
        const res = await post(voterUrl, `/live/${code}/api`, { intent: "answer", activity, choice: String(choice) }, p.cookie, p.agent);
        if (res.status !== 200) {
          failures.push(`${res.status} ${res.body.slice(0, 80)}`);
          continue;
        }
        p.final = choice;
        p.acks.push((JSON.parse(res.body) as { at: number }).at);
      }
    }),
  );
  const votingMs = Date.now() - started;
  const cpuAfter = pids.map(cpuMs);
  // Each person's own page, while voting is open (the answer form shows the stored choice; a locked poll shows none).
  let ownPagesRight = 0;
  for (const p of people.filter((q) => q.final >= 0)) {
    const own = await get(voterUrl, `/live/${code}`, p.cookie, p.agent);
    const inputs = own.body.match(/<input[^>]*name="choice"[^>]*>/g) ?? [];
    const checked = inputs.filter((tag) => tag.includes('checked=""')).map((tag) => /value="(\d+)"/.exec(tag)?.[1]);
    if (checked.length === 1 && checked[0] === String(p.final)) ownPagesRight += 1;
  }
  // The trainer locks voting: one more update, computed after every acknowledgement.
  await post(presenterUrl, `/trainer/live/${id}`, { intent: "lock", activity, back: "present" }, trainer);
  const lockedAt = Date.now();
  while (Date.now() - lockedAt < 5000 && (presenter.at(-1)?.computedAt ?? 0) <= lockedAt) await new Promise((r) => setTimeout(r, 50));

  // Exactly once: the final tally (from the rows), the export (from the rows), and each person's own page.
  const voted = people.filter((p) => p.final >= 0);
  const expected = Array.from({ length: OPTIONS }, (_, c) => voted.filter((p) => p.final === c).length);
  const last = presenter.at(-1)!;
  const csv = await get(presenterUrl, `/trainer/live/${id}/export.csv`, trainer);
  const csvCounts = ["A", "B", "C", "D"].map((o) => Number(new RegExp(`,${o},(\\d+),`).exec(csv.body)?.[1] ?? NaN));
  const latencies = voted.flatMap((p) =>
    p.acks.map((ack) => {
      const seen = presenter.find((e) => e.computedAt >= ack);
      return seen ? seen.at - ack : NaN;
    }),
  );
  const observed = latencies.filter((l) => !Number.isNaN(l));
  const acked = voted.reduce((n, p) => n + p.acks.length, 0);
  const exact = last.voters === voted.length && JSON.stringify(last.counts) === JSON.stringify(expected) && JSON.stringify(csvCounts) === JSON.stringify(expected) && ownPagesRight === voted.length && observed.length === latencies.length;

  presenterReq.destroy();
  for (const s of streams) s.destroy();
  for (const p of people) p.agent.destroy();
  return {
    label,
    participants: PARTICIPANTS,
    connections: PARTICIPANTS * 2 + 1,
    "votes acknowledged": acked,
    "votes refused": failures.length,
    "voters counted (tally/export/own page)": `${last.voters}/${csvCounts.reduce((a, b) => a + b, 0)}/${ownPagesRight} of ${voted.length}`,
    "counted exactly once": exact ? "yes" : "NO",
    "voting window (s)": (votingMs / 1000).toFixed(1),
    "presenter updates": presenter.length,
    "ack→presenter p50 (ms)": percentile(observed, 50),
    "ack→presenter p95 (ms)": percentile(observed, 95),
    "ack→presenter max (ms)": Math.max(...observed),
    "acks not seen": latencies.length - observed.length,
    "participant page KB with JS / without": `${weight.withJs.toFixed(1)} / ${weight.withoutJs.toFixed(1)} (${weight.files} files, ${weight.encodings})`,
    "machine load average (1 min) before / after": `${loadBefore.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)} (${os.cpus().length} cores)`,
    "server CPU (s) per instance": cpuAfter.map((c, i) => ((c - cpuBefore[i]!) / 1000).toFixed(2)).join(" / "),
    "peak RSS (MiB) per instance": pids.map((pid) => peakRssMiB(pid).toFixed(0)).join(" / "),
    failures: failures.slice(0, 3).join("; "),
  };
}

async function main() {
  const results = [];
  if (process.env.BENCH_URL) {
    // Against a server that is already running (its process id in BENCH_PID), e.g. to read its own logs.
    const r = await run("given server", process.env.BENCH_URL, process.env.BENCH_URL, [Number(process.env.BENCH_PID)]);
    for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(40)} ${v}`);
    return;
  }
  const one = await startServer({ port: PORT });
  try {
    results.push(await run(`one instance (${one.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, one.url, one.url, [one.proc.pid!]));
  } finally {
    if (!process.env.DATABASE_URL) await one.stop();
  }
  if (process.env.DATABASE_URL) {
    // The second instance shares the first one's database: presenter on 1, every participant on 2.
    const two = await startSecond(one.env, PORT + 1);
    try {
      results.push(await run("two instances (PostgreSQL)", one.url, two.url, [one.proc.pid!, two.proc.pid!]));
    } finally {
      two.proc.kill("SIGTERM");
      await one.stop();
    }
  } else {
    console.log("(set DATABASE_URL to also run two instances sharing PostgreSQL)");
  }
  for (const r of results) {
    console.log(`\n${r.label}`);
    for (const [k, v] of Object.entries(r)) if (k !== "label" && v !== "") console.log(`  ${k.padEnd(40)} ${v}`);
  }
  if (results.some((r) => r["counted exactly once"] !== "yes")) process.exitCode = 1;
}

await main();
