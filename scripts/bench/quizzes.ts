// `npm run bench:quizzes`: distinct learners submit graded attempts of the AI course's final quiz
// over 50 (then 10) connections, on PGlite and, when DATABASE_URL is set, on PostgreSQL. Prints
// submits/s, latency and server CPU per submit, then checks the database: every acknowledged
// submit is exactly one submitted attempt (nothing lost, nothing doubled).
import { spawnSync } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { openDb } from "../../db/client";
import { cpuMs, peakRssMiB, root, startServer, table } from "./harness";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LESSON = "/courses/ai-in-library-services/ethics-privacy-copyright";

async function run(label: string, env: Record<string, string>, port: number) {
  const server = await startServer({ port, env });
  // Seeding needs the database to itself (PGlite): pause the server, seed, start again.
  await server.stop({ keepData: true });
  const seeded = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/bench/seed-quiz-takers.ts", process.env.BENCH_TAKERS ?? "15000"], {
    cwd: root,
    env: { ...process.env, ...server.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  const { takers } = JSON.parse(seeded.stdout) as { takers: { cookie: string; attemptId: string }[] };
  const live = await server.restart();
  let next = 0;
  const acknowledged = new Set<string>();
  const rows = [];
  for (const connections of [50, 10]) {
    const before = cpuMs(live.proc.pid!);
    const result = await autocannon({
      url: live.url + LESSON,
      connections,
      duration: SECONDS,
      requests: [
        {
          method: "POST",
          setupRequest: (req, context) => {
            const taker = takers[next++ % takers.length]!;
            (context as { attemptId?: string }).attemptId = taker.attemptId;
            return {
              ...req,
              headers: { ...req.headers, cookie: taker.cookie, "content-type": "application/x-www-form-urlencoded" },
              body: new URLSearchParams({
                intent: "quiz-submit",
                quizId: "final",
                attemptId: taker.attemptId,
                confirm: "1",
                "q:q1": "a",
                "q:q2": "true",
              }).toString(),
            };
          },
          onResponse: (status, _body, context) => {
            if (status === 302) acknowledged.add((context as { attemptId: string }).attemptId);
          },
        },
      ],
    });
    const cpu = cpuMs(live.proc.pid!) - before;
    rows.push({
      database: label,
      connections,
      "submits/s": Math.round(result.requests.average),
      "p50 ms": result.latency.p50,
      "p99 ms": result.latency.p99,
      "CPU ms/submit": cpu / result.requests.total,
      errors: result.errors + result.timeouts,
    });
  }
  const rss = peakRssMiB(live.proc.pid!);
  await live.stop({ keepData: true });
  if (next > takers.length) console.warn(`note: ${next - takers.length} submits reused attempts (idempotent replays)`);
  const handle = await openDb(live.env.DATABASE_URL ? { url: live.env.DATABASE_URL } : { dataDir: path.join(live.env.DATA_DIR!, "pglite") });
  const result = await handle.db.execute(sql`select id from quiz_attempts where status = 'submitted'`);
  const ids = new Set(((result as unknown as { rows?: { id: string }[] }).rows ?? (result as unknown as { id: string }[])).map((r) => r.id));
  await handle.close();
  await live.cleanup();
  const issued = Math.min(next, takers.length);
  const lost = [...acknowledged].filter((id) => !ids.has(id)).length;
  return { rows, rss, acknowledged: acknowledged.size, submitted: ids.size, issued, lost };
}

async function main() {
  const results = [await run("PGlite", { DATABASE_URL: "" }, 3210)];
  if (process.env.DATABASE_URL) results.push(await run("PostgreSQL", { DATABASE_URL: process.env.DATABASE_URL }, 3211));
  console.log(`\nQuiz submissions (graded final quiz, distinct learners, ${SECONDS}s per run):`);
  table(results.flatMap((r) => r.rows));
  for (const [i, r] of results.entries()) {
    const label = i === 0 ? "PGlite" : "PostgreSQL";
    // Requests still in flight when a run ends may or may not have reached the server, so the
    // database holds between "acknowledged" and "issued" submitted attempts, one row each.
    const ok = r.lost === 0 && r.submitted >= r.acknowledged && r.submitted <= r.issued;
    console.log(
      `${label}: ${r.acknowledged} submits acknowledged (${r.issued} attempts sent); ${r.submitted} submitted attempts in the database, ${r.lost} acknowledged ones missing — ${ok ? "nothing lost, nothing doubled" : "MISMATCH"}; peak RSS ${r.rss.toFixed(0)} MiB`,
    );
    if (!ok) process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
