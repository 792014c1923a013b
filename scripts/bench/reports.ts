// `npm run bench:reports`: seeds a national-scale organisation (10,000 staff in 200 org units, 20 courses with
// 300 lessons, ~2 million lesson_progress rows, enrolments, assignments and learner_assignments) with set-based
// SQL, then measures the org unit × course matrix and a unit drill-down (warm; median and p95), prints which
// indexes their plans use (EXPLAIN ANALYZE), and streams the 10,000-person CSV and XLSX exports while sampling
// RSS. Runs on PGlite (in memory), and on PostgreSQL too when DATABASE_URL is set (in a database of its own,
// `skillshelf_bench_reports`, dropped at the end).
// The competence heatmap is timed twice, today's query (competence_reach) and the one before it
// (scripts/bench/heatmap-before.ts), in the same run on the same data, with their ratio.
//   BENCH_PEOPLE (10000), BENCH_PGLITE_PEOPLE (same), BENCH_RUNS (15), BENCH_ONLY=postgres|pglite, BENCH_KEEP=1,
//   BENCH_ONLY_HEATMAP=1 (seed, then time only the heatmap: no other query, plan or export)
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { type DbHandle, openDb } from "../../db/client";
import { migrate } from "../../db/migrate";
import { csvStream } from "../../app/platform/csv.server";
import { type ExportTable, unitTable, xlsxStream } from "../../app/reports/export.server";
import {
  buildMatrix,
  pairQuery,
  reportUnitIds,
  resolveReport,
  UNIT_PAGE_SIZE,
  unitPeopleCount,
  unitPeoplePage,
  drillUnitIds,
  type ReportContext,
} from "../../app/reports/views.server";
import { matrixSql, peopleSql, pairsOfSql, withReportSettings } from "../../app/reports/reports.server";
import { rowsOf } from "../../app/platform/org-scope.server";
import { seed } from "./reports-seed";
import { buildHeatmap, heatmapSql, type HeatmapSqlRow, heatmapUnitIds, rollUp } from "../../app/competences/heatmap.server";
import { buildHeatmapBefore, heatmapSqlBefore } from "./heatmap-before";
import { getI18n } from "../../app/i18n/i18n.server";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ONLY_HEATMAP = Boolean(process.env.BENCH_ONLY_HEATMAP);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);

type Row = Record<string, string | number>;
const results: Row[] = [];
const plans: Row[] = [];
const exportsRows: Row[] = [];
const ratios: Row[] = [];

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(label: string, database: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  const { median, p95 } = stats(samples);
  results.push({ database, query: label, "median ms": median.toFixed(1), "p95 ms": p95.toFixed(1), runs: RUNS });
}

/** Two ways of running a query, in turns so that load on the machine falls on both alike. */
async function inTurns(database: string, runs: [label: string, fn: () => Promise<unknown>][]) {
  for (let i = 0; i < 3; i++) for (const [, fn] of runs) await fn();
  const samples = runs.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, [, fn]] of runs.entries()) {
      const t = performance.now();
      await fn();
      samples[k]!.push(performance.now() - t);
    }
  }
  return runs.map(([label], k) => {
    const s = stats(samples[k]!);
    results.push({ database, query: label, "median ms": s.median.toFixed(1), "p95 ms": s.p95.toFixed(1), runs: RUNS });
    return s;
  });
}

/** Today's query and the one before it, with their ratio. */
async function compare(label: string, database: string, now: () => Promise<unknown>, before: () => Promise<unknown>) {
  const [after, old] = await inTurns(database, [
    [label, now],
    [`${label} — before competence_reach`, before],
  ]);
  ratios.push({
    database,
    query: label,
    "before median / p95 ms": `${old!.median.toFixed(1)} / ${old!.p95.toFixed(1)}`,
    "now median / p95 ms": `${after!.median.toFixed(1)} / ${after!.p95.toFixed(1)}`,
    "median ratio": `${(old!.median / after!.median).toFixed(1)}×`,
    "p95 ratio": `${(old!.p95 / after!.p95).toFixed(1)}×`,
  });
}

/** A heatmap's numbers in a fixed order (the cells' key order follows the query's row order). */
const numbersOf = (h: Awaited<ReturnType<typeof buildHeatmap>>) =>
  JSON.stringify([...h.rows, h.total].map((r) => [r.people, r.evidence, Object.entries(r.cells).filter(([, n]) => n > 0).sort()]));

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

function scans(node: PlanNode, out: Set<string>) {
  if (node["Index Name"]) out.add(`${node["Node Type"]} ${node["Index Name"]}`);
  else if (node["Relation Name"]) out.add(`${node["Node Type"]} ${node["Relation Name"]}`);
  for (const child of node.Plans ?? []) scans(child, out);
  return out;
}

async function explain(handle: DbHandle, label: string, database: string, query: ReturnType<typeof sql>) {
  // With the settings the app runs report queries with (work_mem, JIT off).
  const rows = await withReportSettings(handle.db, async (tx) =>
    rowsOf<Record<string, unknown>>(await tx.execute(sql`explain (analyze, format json) ${query}`)),
  );
  const raw = rows[0]!["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode; "Execution Time": number }[];
  // BENCH_PLANS=1 prints every plan whole (JSON), for tuning.
  if (process.env.BENCH_PLANS) console.error(`\n${database} ${label}:\n${JSON.stringify(plan, null, 1)}`);
  plans.push({ database, query: label, "execution ms": plan[0]!["Execution Time"].toFixed(1), "scans and indexes": [...scans(plan[0]!.Plan, new Set())].sort().join("; ") });
}

/** Reads a whole export stream, sampling RSS every 10 ms. */
async function measureExport(label: string, database: string, make: () => ExportTable, stream: (t: ExportTable) => ReadableStream<Uint8Array>) {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  let bytes = 0;
  let rows = 0;
  const table = make();
  const counted: ExportTable = {
    ...table,
    rows: (async function* () {
      for await (const row of table.rows) {
        rows++;
        yield row;
      }
    })(),
  };
  const reader = stream(counted).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  clearInterval(timer);
  const after = process.memoryUsage().rss;
  const mib = (n: number) => (n / 1024 / 1024).toFixed(0);
  exportsRows.push({
    database,
    export: label,
    rows,
    "MiB written": (bytes / 1024 / 1024).toFixed(1),
    seconds: ((performance.now() - started) / 1000).toFixed(2),
    "RSS before MiB": mib(before),
    "RSS peak MiB": mib(peak),
    "RSS after MiB": mib(after),
  });
}

async function run(database: string, handle: DbHandle, people: number) {
  console.error(`[${database}] seeding ${people} staff…`);
  const seeded = await seed(handle, people);
  console.error(`[${database}] seeded in ${seeded.seconds.toFixed(1)} s: ${JSON.stringify(seeded.sizes)}`);
  const { db } = handle;
  const [admin] = rowsOf<{ id: string }>(await db.execute(sql`insert into users (email, full_name) values ('bench-admin@bench.test', 'Quản trị') returning id`));
  const asker = { id: admin!.id, roles: ["admin"] as const };
  const resolved = await resolveReport(db, asker, {});
  if (!resolved.ok) throw new Error(resolved.message);
  const ctx = resolved.ctx;
  const province = ctx.rows.find((r) => r.unit.code === "BN-1")!.unit.id;
  const overdue = await resolveReport(db, asker, { status: "overdue", unit: province });
  if (!overdue.ok) throw new Error(overdue.message);

  const now = new Date();
  const heatmaps = [
    { label: "competence heatmap: 200 units × 24 competences, from valid certificates, level 2", q: { level: 2, source: "certified", now } },
    { label: "competence heatmap: self-assessed, level 4", q: { level: 4, source: "self", now } },
  ] as const;
  for (const { label, q } of heatmaps) {
    await compare(label, database, () => buildHeatmap(db, ctx, q), () => buildHeatmapBefore(db, ctx, q));
  }
  if (handle.driver === "postgres") {
    // What the self-assessed view's max_parallel_workers_per_gather = 0 saves: the same query with parallel workers allowed.
    const self = heatmaps[1].q;
    const query = heatmapSql({ ...self, unitIds: heatmapUnitIds(ctx) });
    await inTurns(database, [
      [`${heatmaps[1].label} — parallel workers off (as the app runs it)`, () => buildHeatmap(db, ctx, self)],
      [`${heatmaps[1].label} — parallel workers allowed`, async () => rollUp(ctx, await withReportSettings(db, async (tx) => rowsOf<HeatmapSqlRow>(await tx.execute(query))))],
    ]);
  }
  // Both queries give the same numbers on this data (tests/integration/competences/heatmap-reference.test.ts checks it on random data).
  for (const { q } of heatmaps) {
    const [a, b] = [await buildHeatmap(db, ctx, q), await buildHeatmapBefore(db, ctx, q)];
    if (numbersOf(a) !== numbersOf(b)) throw new Error(`heatmap ${q.source}: today's query and the one before differ`);
  }
  for (const { q } of heatmaps) {
    const unitIds = heatmapUnitIds(ctx);
    const note = q.source === "self" && handle.driver === "postgres" ? " (here with parallel workers allowed)" : "";
    await explain(handle, `heatmap ${q.source}${note}`, database, heatmapSql({ ...q, unitIds }));
    await explain(handle, `heatmap ${q.source} — before`, database, heatmapSqlBefore({ ...q, unitIds }));
  }
  if (ONLY_HEATMAP) return seeded;

  await time("matrix: 200 units × 20 courses (with the weekly chart)", database, () => buildMatrix(db, ctx));
  await time("matrix filtered: one province, overdue", database, () => buildMatrix(db, overdue.ctx));
  await time("drill-down: a province with its departments, page 1 (count + 100 people)", database, () =>
    Promise.all([unitPeopleCount(db, ctx, drillUnitIds(ctx, province, true)), unitPeoplePage(db, ctx, province, { descendants: true, limit: UNIT_PAGE_SIZE })]),
  );
  await time("drill-down: the whole network (10,000 people), page 1", database, () =>
    unitPeoplePage(db, ctx, ctx.rows[0]!.unit.id, { descendants: true, limit: UNIT_PAGE_SIZE }),
  );
  await time("resolve filters and scope", database, () => resolveReport(db, asker, { unit: province }));

  const q = pairQuery(ctx, reportUnitIds(ctx));
  await explain(handle, "matrix (cells and weekly completions)", database, matrixSql(q));
  const provinceQ = pairQuery(ctx, drillUnitIds(ctx, province, true));
  await explain(handle, "drill-down people page", database, peopleSql(provinceQ, { limit: UNIT_PAGE_SIZE }));
  const page = await unitPeoplePage(db, ctx, province, { descendants: true, limit: UNIT_PAGE_SIZE });
  await explain(handle, "drill-down pairs of 100 people", database, pairsOfSql({ ...provinceQ, userIds: page.people.map((p) => p.id) }));

  const who = { fullName: "Quản trị", email: "bench-admin@bench.test" };
  const lang = { t: getI18n("vi").t, locale: "vi" as const };
  const root = ctx.rows[0]!.unit.id;
  const exportTable = () => unitTable(db, ctx as ReportContext, root, true, who, lang);
  // Twice each: the first run also loads modules and grows the heap once; the second shows the steady state.
  for (const round of ["1st", "2nd"]) {
    await measureExport(`CSV, every person (${round})`, database, exportTable, (t) =>
      csvStream(
        (async function* () {
          yield [t.title];
          yield t.columns;
          yield* t.rows;
        })(),
      ),
    );
    await measureExport(`XLSX, every person (${round})`, database, exportTable, xlsxStream);
  }
  return seeded;
}

function print(title: string, rows: Row[]) {
  if (rows.length === 0) return;
  console.log(`\n${title}`);
  const keys = Object.keys(rows[0]!);
  console.log(`| ${keys.join(" | ")} |`);
  console.log(`| ${keys.map(() => "---").join(" | ")} |`);
  for (const row of rows) console.log(`| ${keys.map((k) => String(row[k])).join(" | ")} |`);
}

const only = process.env.BENCH_ONLY;
const seeds: Row[] = [];
if (process.env.DATABASE_URL && only !== "pglite") {
  const base = new URL(process.env.DATABASE_URL);
  const adminUrl = new URL(base);
  adminUrl.pathname = "/postgres";
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  // BENCH_DATABASE: another name, so that two benches on one server do not drop each other's database.
  const name = process.env.BENCH_DATABASE ?? "skillshelf_bench_reports";
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  base.pathname = `/${name}`;
  // No read cache: the figures are the queries' own (decision 0011).
  const handle = await openDb({ url: base.toString(), poolSize: 4, readCache: false });
  try {
    await migrate(handle);
    const seeded = await run("PostgreSQL", handle, PEOPLE);
    seeds.push({ database: "PostgreSQL", "seed s": seeded.seconds.toFixed(1), ...seeded.sizes });
  } finally {
    await handle.close();
    // BENCH_KEEP=1 keeps the seeded database for EXPLAIN sessions of your own.
    if (!process.env.BENCH_KEEP) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
if (only !== "postgres") {
  const people = Number(process.env.BENCH_PGLITE_PEOPLE ?? PEOPLE);
  const handle = await openDb({ dataDir: "memory://" });
  try {
    await migrate(handle);
    const seeded = await run(`PGlite (${people.toLocaleString("en")} staff)`, handle, people);
    seeds.push({ database: "PGlite", "seed s": seeded.seconds.toFixed(1), ...seeded.sizes });
  } finally {
    await handle.close();
  }
}
print("Seeded", seeds);
print("Queries (warm)", results);
print("Competence heatmap: before competence_reach and now (same run, same data)", ratios);
console.log(`\nload average (1, 5, 15 min) at the end: ${loadavg().map((n) => n.toFixed(2)).join(", ")} on ${cpus().length} cores`);
print("Plans (EXPLAIN ANALYZE): scans and indexes used", plans);
print("Exports (RSS of this process, sampled every 10 ms while streaming)", exportsRows);
