import { sql } from "drizzle-orm";
import { DEMO_COLLEAGUES } from "../../../db/seed-competences";
import { expect, test } from "vitest";
import { openDb } from "../../../db/client";
import { migrate } from "../../../db/migrate";
import { DEMO_USERS, seed } from "../../../db/seed";
import { orgUnits, users } from "../../../db/schema";
import { createTestDb } from "../../support/db";

test("migrations apply cleanly to an empty database and again as a no-op", async () => {
  const handle = await createTestDb();
  try {
    await migrate(handle);
    const tables = await handle.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    const names = (tables as unknown as { rows?: { table_name: string }[] }).rows ?? (tables as unknown as { table_name: string }[]);
    expect(names.map((r) => r.table_name)).toEqual(expect.arrayContaining(["users", "user_roles", "org_units", "sessions", "rate_limits"]));
  } finally {
    await handle.close();
  }
});

test("a brand-new embedded (PGlite) database migrates from nothing", async () => {
  const handle = await openDb({ dataDir: "memory://" });
  try {
    await migrate(handle);
    await seed(handle.db);
    const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(row!.n).toBe(DEMO_USERS.length + DEMO_COLLEAGUES.length);
  } finally {
    await handle.close();
  }
});

test("seeding twice changes nothing and keeps Vietnamese names exactly", async () => {
  const handle = await createTestDb();
  try {
    await seed(handle.db);
    await seed(handle.db);
    const people = await handle.db.select({ fullName: users.fullName, email: users.email }).from(users);
    // The demo accounts and their colleagues (the heatmap's demo data), each once.
    expect(people).toHaveLength(DEMO_USERS.length + DEMO_COLLEAGUES.length);
    expect(people.map((p) => p.fullName).sort()).toEqual([...DEMO_USERS.map((u) => u.fullName), ...DEMO_COLLEAGUES.map((c) => c.name)].sort());
    expect(people.find((p) => p.email === "learner@skillshelf.local")?.fullName).toBe("Nguyễn Thị Hồng Vân");
    const [units] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(orgUnits);
    expect(units!.n).toBe(10);
  } finally {
    await handle.close();
  }
});

test("emails are unique whatever their case", async () => {
  const handle = await createTestDb();
  try {
    await handle.db.insert(users).values({ email: "Lan@ThuVien.vn", fullName: "Lê Thị Lan" });
    await expect(handle.db.insert(users).values({ email: "lan@thuvien.vn", fullName: "Lan" })).rejects.toThrow();
  } finally {
    await handle.close();
  }
});
