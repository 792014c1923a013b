import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { certificates, competenceSelfAssessments, courses, orgUnits, userRoles, users } from "../../../db/schema";
import { createSession, generateSessionToken, SESSION_COOKIE } from "../../../app/platform/session.server";
import { competenceProfile, reachedLevels } from "../../../app/competences/profile.server";
import { framework } from "../../../app/competences/framework.server";
import * as profileRoute from "../../../app/competences/routes/profile";
import * as heatmapRoute from "../../../app/competences/routes/heatmap";
import * as exportRoute from "../../../app/competences/routes/heatmap-export";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { callRoute, request } from "../../support/route";

// A hand-built organisation whose heatmap is worked out by hand in the comments below.
let handle: DbHandle;
const unit: Record<string, string> = {};
const person: Record<string, string> = {};
const cookie: Record<string, string> = {};
const DAY = 86_400_000;
const days = (n: number) => new Date(Date.now() + n * DAY);

beforeAll(async () => {
  handle = await createTestDb();
  const { db } = handle;
  for (const [code, parent] of [["R", null], ["A", "R"], ["A1", "A"], ["B", "R"], ["X", null]] as const) {
    const [row] = await db.insert(orgUnits).values({ code, name: `Đơn vị ${code}`, nameEn: `Unit ${code}`, parentId: parent ? unit[parent] : null }).returning({ id: orgUnits.id });
    unit[code] = row!.id;
  }
  const people: [string, string, string, boolean?][] = [
    ["p1", "R", "Thủ thư"], ["p2", "R", "Thủ thư"],
    ["p3", "A", "Thủ thư"], ["p4", "A", "Thủ thư"], ["p5", "A", "Thủ thư"],
    ["p6", "A1", "Thủ thư"], ["p7", "A1", "Kỹ thuật viên"],
    ["p8", "B", "Thủ thư"], ["p9", "B", "Thủ thư", false],
    ["p10", "X", "Thủ thư"],
  ];
  for (const [name, code, jobTitle, active] of people) {
    const [row] = await db.insert(users).values({ email: `${name}@cmp.test`, fullName: `Người ${name}`, orgUnitId: unit[code], jobTitle, active: active ?? true }).returning({ id: users.id });
    person[name] = row!.id;
  }
  await syncFake(
    db,
    fakeCourse("cmp-c1", [{ slug: "l1", vi: "Bài 1" }], { competences: [{ id: "1.1", level: 2 }, { id: "4.2", level: 2 }], title: { vi: "Nền tảng", en: "Foundations" } }),
    fakeCourse("cmp-c2", [{ slug: "l1", vi: "Bài 1" }], { competences: [{ id: "1.1", level: 4 }, { id: "4.2", level: 4 }, { id: "6.1", level: 3 }], title: { vi: "Nâng cao", en: "Advanced" } }),
  );
  const course = async (slug: string) => (await db.select({ id: courses.id, competences: courses.competences }).from(courses).where(eq(courses.slug, slug)))[0]!;
  const c1 = await course("cmp-c1");
  const c2 = await course("cmp-c2");
  let n = 0;
  const cert = async (who: string, c: typeof c1, extra: { validUntil?: Date; revokedAt?: Date } = {}) => {
    n += 1;
    await db.insert(certificates).values({
      code: `CMPCERT${String(n).padStart(6, "0")}`,
      userId: person[who]!,
      courseId: c.id,
      cycle: 1,
      fullName: who,
      courseSlug: c === c1 ? "cmp-c1" : "cmp-c2",
      courseTitleVi: c === c1 ? "Nền tảng" : "Nâng cao",
      courseVersion: "v1",
      competences: c.competences,
      issuer: { nameVi: "Thư viện", nameEn: "Library", url: "http://localhost" },
      completedAt: days(-30),
      ...extra,
    });
  };
  await cert("p1", c1); // 1.1=2, 4.2=2, no expiry
  await cert("p3", c2, { validUntil: days(300) }); // 1.1=4, 4.2=4, 6.1=3
  await cert("p4", c2, { validUntil: days(-1) }); // expired: nothing
  await cert("p5", c2, { revokedAt: days(-2) }); // revoked: nothing from it…
  await cert("p5", c1); // …but this one shows 1.1=2
  await cert("p6", c2, { validUntil: days(10) }); // expiring in 10 days: still counts
  await cert("p7", c1);
  await cert("p9", c2); // inactive person: never counted
  await cert("p10", c1);
  await db.insert(competenceSelfAssessments).values([
    { userId: person.p1!, competenceId: "1.1", level: 5 },
    { userId: person.p1!, competenceId: "4.2", level: 1 },
    { userId: person.p2!, competenceId: "1.1", level: 3 },
    { userId: person.p3!, competenceId: "6.1", level: 2 },
    { userId: person.p6!, competenceId: "1.1", level: 8 },
  ]);
  const account = async (key: string, role: "admin" | "hr" | "learner", scope?: string) => {
    // Accounts belong to no unit, so they are not among the people counted.
    const [row] = await db.insert(users).values({ email: `${key}@cmp.test`, fullName: key }).returning({ id: users.id });
    const id = row!.id;
    person[key] = id;
    await db.insert(userRoles).values({ userId: id, role, scopeOrgUnitId: scope ? unit[scope] : null });
    const token = generateSessionToken();
    await createSession(db, token, id);
    cookie[key] = `${SESSION_COOKIE}=${token}`;
  };
  await account("admin", "admin");
  await account("hr", "hr");
  await account("scopedHr", "hr", "A");
  await account("learner", "learner");
}, 120_000);
afterAll(async () => handle?.close());

describe("the profile: levels from certificates that count now", () => {
  test("an expiring certificate counts until its last moment; an expired or revoked one never", async () => {
    const { db } = handle;
    expect((await reachedLevels(db, person.p6!)).get("1.1")?.level).toBe(4);
    expect((await reachedLevels(db, person.p6!, days(11))).get("1.1")).toBeUndefined();
    expect((await reachedLevels(db, person.p4!)).size).toBe(0);
    const p5 = await reachedLevels(db, person.p5!);
    expect(p5.get("1.1")?.level).toBe(2);
    expect(p5.get("6.1")).toBeUndefined();
  });

  test("gap = self-assessed minus reached, with the courses that go above the level reached", async () => {
    const profile = await competenceProfile(handle.db, framework(), person.p1!);
    const byId = new Map(profile.map((e) => [e.competenceId, e]));
    expect(profile).toHaveLength(framework().competences.length);
    expect(byId.get("1.1")).toMatchObject({ self: 5, gap: 3, reached: { level: 2 } });
    expect(byId.get("1.1")!.suggestions.map((s) => [s.slug, s.level])).toEqual([["cmp-c2", 4]]);
    // Self-assessed below the certificates: no gap, nothing suggested.
    expect(byId.get("4.2")).toMatchObject({ self: 1, gap: 0, suggestions: [] });
    expect(byId.get("2.1")).toMatchObject({ self: null, gap: null, reached: null });
  });
});

describe("self-assessment", () => {
  const post = (form: Record<string, string | string[]>, who = "learner") =>
    callRoute(profileRoute.action as never, request("/learning/competences", { form, cookie: cookie[who] }), handle.db);
  const mine = async () =>
    (await handle.db.select().from(competenceSelfAssessments).where(eq(competenceSelfAssessments.userId, person.learner!))).map((r) => [r.competenceId, r.level]).sort();

  test("saves a domain: levels set, 'not assessed' clears, untouched groups stay", async () => {
    const result = await post({ domain: "1", c1_1: "none", c1_2: "4", c1_3: "2" });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/learning/competences?saved=1#domain-1");
    expect(await mine()).toEqual([["1.2", 4], ["1.3", 2]]);
    await post({ domain: "6", c6_1: "7" });
    expect(await mine()).toEqual([["1.2", 4], ["1.3", 2], ["6.1", 7]]);
  });

  test("levels outside 1–8, unknown or foreign competences, a bad domain: 400 and nothing changed", async () => {
    const before = await mine();
    const bad: Record<string, string | string[]>[] = [
      { domain: "1", c1_1: "9" },
      { domain: "1", c1_1: "0" },
      { domain: "1", c1_1: "-1" },
      { domain: "1", c1_1: "2.5" },
      { domain: "1", c1_1: "abc" },
      { domain: "1", c1_1: ["2", "3"] },
      { domain: "1", c1_2: "3", c4_1: "3" },
      { domain: "1", c9_9: "3" },
      { domain: "1", "c1.1": "3" },
      { domain: "7", c1_1: "3" },
      { domain: ["1", "2"], c1_1: "3" },
      { c1_1: "3" },
    ];
    for (const form of bad) {
      const result = await post(form);
      expect(result.status, JSON.stringify(form)).toBe(400);
    }
    expect(await mine()).toEqual(before);
  });

  test("signed out: sent to sign in", async () => {
    const result = await callRoute(profileRoute.action as never, request("/learning/competences", { form: { domain: "1", c1_1: "3" } }), handle.db);
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/login/);
  });

  test("the page shows the learner's own profile only", async () => {
    const result = await callRoute(profileRoute.loader as never, request("/learning/competences", { cookie: cookie.learner }), handle.db);
    expect(result.status).toBe(200);
    const data = result.data as { domains: { competences: { id: string; self: number | null; reached: unknown }[] }[] };
    const all = data.domains.flatMap((d) => d.competences);
    expect(all.find((c) => c.id === "1.2")?.self).toBe(4);
    expect(all.every((c) => c.reached === null)).toBe(true);
  });
});

type HeatData = {
  rows: { code: string; people: number; evidence: number; shares: Record<string, number | null> }[];
  total: { people: number; evidence: number; shares: Record<string, number | null> };
  filters: { jobTitle?: string };
  jobTitles: string[];
};

describe("the heatmap", () => {
  const get = (query: string, who = "admin") => callRoute(heatmapRoute.loader as never, request(`/reports/competences${query}`, { cookie: cookie[who] }), handle.db);
  const heat = async (query: string, who = "admin") => {
    const result = await get(query, who);
    expect(result.status, JSON.stringify(result.data)).toBe(200);
    const data = result.data as HeatData;
    return { data, row: (code: string) => data.rows.find((r) => r.code === code)! };
  };

  test("from certificates at level 2 (the default), every unit rolled up with its sub-units", async () => {
    const { data, row } = await heat("");
    expect(data.rows.map((r) => r.code)).toEqual(["R", "A", "A1", "B", "X"]);
    // R: p1 yes, p2 no. A: p3 yes, p4 expired, p5 yes (c1). A1: p6, p7 yes. B: p8 no (p9 inactive). X: p10 yes.
    expect(row("A1")).toMatchObject({ people: 2, evidence: 2, shares: { "1.1": 100 } });
    expect(row("A")).toMatchObject({ people: 5, evidence: 4, shares: { "1.1": 80, "6.1": 40 } });
    expect(row("B")).toMatchObject({ people: 1, evidence: 0, shares: { "1.1": 0 } });
    expect(row("R")).toMatchObject({ people: 8, evidence: 5, shares: { "1.1": 62.5 } });
    expect(row("X").shares["1.1"]).toBe(100);
    expect(data.total.people).toBe(9);
    expect(data.total.shares["1.1"]).toBeCloseTo((100 * 6) / 9, 6);
  });

  test("a higher level, a job title and a domain narrow it", async () => {
    const level4 = await heat("?level=4");
    expect(level4.row("A").shares["1.1"]).toBe(40);
    expect(level4.row("R").shares["1.1"]).toBe(25);
    const job = await heat(`?jobTitle=${encodeURIComponent("Kỹ thuật viên")}`);
    expect(job.data.total.people).toBe(1);
    expect(job.row("A1")).toMatchObject({ people: 1, shares: { "1.1": 100 } });
    const domain = await heat("?domain=6");
    expect(Object.keys(domain.row("A").shares).sort()).toEqual(["6.1", "6.2", "6.3"]);
  });

  test("a job title matches trimmed and in any case, stored or asked with spaces (the programme drill-down's rule)", async () => {
    // Staff imports keep what was typed: p7's title stored with a trailing space is still "Kỹ thuật viên".
    await handle.db.update(users).set({ jobTitle: "Kỹ thuật viên " }).where(eq(users.id, person.p7!));
    try {
      for (const asked of ["Kỹ thuật viên", " kỹ thuật VIÊN  ", "Kỹ thuật viên "]) {
        const job = await heat(`?jobTitle=${encodeURIComponent(asked)}`);
        expect(job.data.total.people, asked).toBe(1);
        expect(job.row("A1")).toMatchObject({ people: 1, shares: { "1.1": 100 } });
        // The filter shows the title as listed, chosen.
        expect(job.data.filters.jobTitle).toBe("Kỹ thuật viên");
      }
      expect((await heat("")).data.jobTitles).toEqual(["Kỹ thuật viên", "Thủ thư"]);
    } finally {
      await handle.db.update(users).set({ jobTitle: "Kỹ thuật viên" }).where(eq(users.id, person.p7!));
    }
  });

  test("the self-assessed view", async () => {
    const { data, row } = await heat("?view=self&level=3");
    // Self-assessed: p1, p2 (R), p3 (A), p6 (A1). 1.1 at ≥ 3: p1 (5), p2 (3) in R, p6 (8) in A1.
    expect(row("A1").shares["1.1"]).toBe(50);
    expect(row("A").shares["1.1"]).toBe(20);
    expect(row("R")).toMatchObject({ evidence: 4, shares: { "1.1": 37.5 } });
    expect(data.total.shares["1.1"]).toBeCloseTo((100 * 3) / 9, 6);
  });

  test("HR scoped to a unit sees its subtree only; other units are 404", async () => {
    const { data } = await heat("", "scopedHr");
    expect(data.rows.map((r) => r.code)).toEqual(["A", "A1"]);
    expect(data.total.people).toBe(5);
    expect((await heat(`?unit=${unit.A1}`, "scopedHr")).data.rows.map((r) => r.code)).toEqual(["A1"]);
    for (const other of [unit.B, unit.R, unit.X, "00000000-0000-4000-8000-000000000000"]) {
      expect((await get(`?unit=${other}`, "scopedHr")).status).toBe(404);
      const file = await callRoute(exportRoute.loader as never, request(`/reports/competences/export.csv?unit=${other}`, { cookie: cookie.scopedHr }), handle.db);
      expect(file.status).toBe(404);
    }
    expect((await get(`?unit=${unit.B}`, "hr")).status).toBe(200);
  });

  test("bad filters are 400; a learner is 403", async () => {
    for (const query of ["?level=9", "?level=0", "?level=abc", "?level=2.5", "?view=all", "?domain=9", "?unit=not-a-uuid", "?jobTitle=Unknown"]) {
      expect((await get(query)).status, query).toBe(400);
    }
    expect((await get("", "learner")).status).toBe(403);
  });

  test("CSV and XLSX exports hold the same numbers", async () => {
    const csv = await callRoute(exportRoute.loader as never, request("/reports/competences/export.csv?level=2", { cookie: cookie.admin }), handle.db);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/competences-certified-level2-\d{4}-\d{2}-\d{2}\.csv/);
    const text = String(csv.data);
    expect(text).toMatch(/^A,Đơn vị A,1,5,1\.1,"[^"]+",4,80$/m);
    expect(text).toMatch(/^R,Đơn vị R,0,8,1\.1,"[^"]+",5,62\.5$/m);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsxBytes("/reports/competences/export.xlsx?view=self&level=3"));
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(["A1", "Đơn vị A1", 2, 2, "1.1", expect.any(String), 1, 50]);
  });
});

/** The XLSX body through the middleware, as bytes. */
async function xlsxBytes(path: string) {
  const { RouterContextProvider } = await import("react-router");
  const { dbContext } = await import("../../../app/platform/context");
  const { rootMiddleware } = await import("../../../app/platform/middleware.server");
  const req = request(path, { cookie: cookie.admin });
  const context = new RouterContextProvider();
  context.set(dbContext, handle.db);
  const url = new URL(req.url);
  const response = (await rootMiddleware({ request: req, context, params: {}, url, pattern: url.pathname } as never, async () =>
    (await exportRoute.loader({ request: req, context, params: {}, url } as never)) as Response,
  )) as Response;
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer;
}
