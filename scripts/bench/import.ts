// `npm run bench:import`: imports a 10,000-person staff CSV (preview, then confirm in one transaction), imports it
// again (0 changes), then a version where everyone changed unit, and searches the 10,000 staff. Runs on an
// in-memory PGlite, or on PostgreSQL when DATABASE_URL is set (in a database of its own, dropped afterwards).
import { sql } from "drizzle-orm";
import { openDb } from "../../db/client";
import { migrate } from "../../db/migrate";
import { seed } from "../../db/seed";
import { users } from "../../db/schema";
import { applyImport, previewImport } from "../../app/people/staff-import.server";
import { searchStaff } from "../../app/people/staff-admin.server";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"];
const MIDDLE = ["Thị", "Văn", "Đức", "Minh", "Thu", "Hải", "Ngọc"];
const GIVEN = ["Lan", "Hùng", "Vân", "Thắng", "Yến", "Việt", "Hà", "Đức", "Xuân", "Phương"];
const UNITS = ["TVQG-PV", "TVQG-BM", "TVQG-CNTT", "LS-PV", "LS-NV", "NA-PV", "NA-SH"];

function csv(units: string[], roles = "học viên") {
  const lines = ["email;họ và tên;mã cán bộ;mã đơn vị;chức danh;vai trò"];
  for (let i = 0; i < ROWS; i++) {
    const name = `${FAMILY[i % 10]} ${MIDDLE[i % 7]} ${GIVEN[(i * 7) % 10]}`;
    lines.push(`canbo${i}@thuvien.vn;${name};B-${String(i).padStart(6, "0")};${units[i % units.length]};Thủ thư;${roles}`);
  }
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

async function timed<T>(label: string, fn: () => Promise<T>) {
  const start = performance.now();
  const result = await fn();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(60)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
  return result;
}

async function main() {
  const url = process.env.DATABASE_URL;
  let cleanup = async () => {};
  let handle;
  if (url) {
    const { default: postgres } = await import("postgres");
    const name = `skillshelf_bench_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    handle = await openDb({ url: dbUrl.toString() });
    cleanup = async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
  } else {
    handle = await openDb({ dataDir: "memory://" });
  }
  try {
    await migrate(handle);
    await seed(handle.db);
    const db = handle.db;
    const [adminRow] = await db.select({ id: users.id }).from(users).where(sql`email = 'admin@skillshelf.local'`);
    const actor = adminRow!.id;
    console.log(`Staff import of ${ROWS.toLocaleString("en")} rows on ${url ? "PostgreSQL" : "PGlite (in memory)"}`);
    const file = csv(UNITS);
    const run = async (label: string, bytes: Uint8Array) => {
      const preview = await timed(`${label}: preview (parse, check, diff)`, () => previewImport(db, actor, bytes, "bench.csv"));
      if (!preview.ok) throw new Error(JSON.stringify(preview.problems.slice(0, 3)));
      const applied = await timed(`${label}: confirm (one transaction)`, () => applyImport(db, actor, preview.importId));
      if (!applied.ok) throw new Error("apply failed");
      console.log(`${"".padEnd(60)} new ${applied.summary.new}, changed ${applied.summary.changed}, unchanged ${applied.summary.unchanged}`);
      return applied.summary;
    };
    const total = performance.now();
    const first = await run("first import", file);
    const firstSeconds = (performance.now() - total) / 1000;
    const again = await run("same file again", file);
    await run("everyone moved unit", csv([...UNITS].reverse()));
    await run("everyone became a trainer too", csv([...UNITS].reverse(), "học viên|giảng viên"));
    await timed("search 'nguyen thi lan' (page 1, with count)", () => searchStaff(db, { q: "nguyen thi lan" }));
    await timed("list page 100 of all active staff", () => searchStaff(db, { page: 100 }));
    console.log(`\nfirst import, preview + confirm: ${firstSeconds.toFixed(2)} s (budget 10 s)`);
    if (first.new !== ROWS || again.changed !== 0 || again.new !== 0) throw new Error("unexpected counts");
    if (firstSeconds > 10) process.exitCode = 1;
  } finally {
    await handle.close();
    await cleanup();
  }
}

await main();
