import { todayInVietnam } from "../../../app/platform/days";
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import {
  assignments,
  certificates,
  courses,
  enrolments,
  learnerAssignments,
  lessonProgress,
  lessons,
  orgUnits,
  quizAttempts,
  userRoles,
  users,
} from "../../../db/schema";
import { recentWeeks, unitBarsSvg, weekLabel, weeklyChartSvg } from "../../../app/reports/charts.server";
import { matrixData } from "../../../app/reports/reports.server";

import { dbContext } from "../../../app/platform/context";
import { rootMiddleware } from "../../../app/platform/middleware.server";
import { createSession, generateSessionToken, SESSION_COOKIE } from "../../../app/platform/session.server";
import * as exportRoute from "../../../app/reports/routes/export";
import * as personRoute from "../../../app/reports/routes/person";
import * as unitRoute from "../../../app/reports/routes/unit";
import * as matrixRoute from "../../../app/reports/routes/reports";
import * as peopleRoute from "../../../app/reports/routes/people";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { callRoute, request } from "../../support/route";
import { type PackedCounts, unpackCounts } from "../../../app/reports/counts";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  await buildFixtures();
}, 120_000);
afterAll(async () => handle?.close());

// --- fixtures: a small organisation, built here, plus the same facts as plain JS for independent counting ---

type Fx = {
  units: { id: string; code: string; name: string; parentId: string | null }[];
  people: { id: string; unitId: string; name: string; active: boolean }[];
  courses: { id: string; slug: string; topic: string }[];
  la: { assignmentId: string; userId: string; cycle: number; courseId: string; dueOn: string; completedAt: Date | null; closedAt: Date | null }[];
  withdrawn: Set<string>;
  enrol: { userId: string; courseId: string; completedAt: Date | null }[];
};
const fx: Fx = { units: [], people: [], courses: [], la: [], withdrawn: new Set(), enrol: [] };
const today = todayInVietnam();
const dayOffset = (days: number) => new Date(new Date(`${today}T12:00:00+07:00`).getTime() + days * 86_400_000);
const dayString = (days: number) => todayInVietnam(dayOffset(days));
let cookies: Record<"admin" | "hr" | "scopedHr" | "learner" | "trainer", string>;
const uid = (name: string) => fx.people.find((p) => p.name === name)!.id;
const unitByCode = (code: string) => fx.units.find((u) => u.code === code)!;
const FORMULA_NAME = '=HYPERLINK("http://evil.example","bấm")';

async function buildFixtures() {
  const { db } = handle;
  const unit = async (code: string, name: string, parent?: string) => {
    const parentId = parent ? unitByCode(parent).id : null;
    const [row] = await db.insert(orgUnits).values({ code, name, nameEn: `EN ${name}`, parentId }).returning({ id: orgUnits.id });
    fx.units.push({ id: row!.id, code, name, parentId });
  };
  await unit("R", "Thư viện Gốc");
  await unit("A", "Phòng Đọc A", "R");
  await unit("A1", "Tổ Số hóa A1", "A");
  await unit("B", "Phòng Nghiệp vụ B", "R");
  await unit("X", "<script>alert(1)</script> & Khác");

  const person = async (name: string, unitCode: string, active = true) => {
    const [row] = await db
      .insert(users)
      .values({ email: `${fx.people.length}.${Math.random().toString(36).slice(2, 8)}@rpt.test`, fullName: name, orgUnitId: unitByCode(unitCode).id, active, jobTitle: "Thủ thư" })
      .returning({ id: users.id });
    fx.people.push({ id: row!.id, unitId: unitByCode(unitCode).id, name, active });
    return row!.id;
  };
  const names: [string, string][] = [
    ["Nguyễn Văn An", "R"],
    ["Trần Thị Bình", "R"],
    ["Lê Hoàng Cường", "A"],
    ["Phạm Thị Dung", "A"],
    ["Hoàng Văn Em", "A"],
    ["Vũ Thị Giang", "A1"],
    [FORMULA_NAME, "A1"],
    ["Đặng Quốc Huy", "A1"],
    ["Bùi Thị Kim", "B"],
    ["Đỗ Văn Long", "B"],
    ["Hồ Thị Mai", "X"],
    ["Ngô Văn Nam", "X"],
  ];
  for (const [name, code] of names) await person(name, code);
  await person("Cựu Nhân Viên", "A", false);

  await syncFake(
    handle.db,
    fakeCourse("rpt-c1", [{ slug: "l1", vi: "Bài 1" }, { slug: "l2", vi: "Bài 2" }], { topic: "ai", title: { vi: "Khóa AI một", en: "AI one" } }),
    fakeCourse("rpt-c2", [{ slug: "l1", vi: "Bài 1" }], { topic: "data", title: { vi: "Khóa Dữ liệu", en: "Data" } }),
    fakeCourse("rpt-c3", [{ slug: "l1", vi: "Bài 1" }], { topic: "ai", title: { vi: "Khóa AI hai", en: "AI two" } }),
  );
  for (const slug of ["rpt-c1", "rpt-c2", "rpt-c3"]) {
    const [c] = await db.select({ id: courses.id, topic: courses.topic }).from(courses).where(eq(courses.slug, slug));
    fx.courses.push({ id: c!.id, slug, topic: c!.topic });
  }
  const course = (slug: string) => fx.courses.find((c) => c.slug === slug)!.id;

  const assignment = async (slug: string, unitCode: string, dueOn: string, withdrawn = false) => {
    const [row] = await db
      .insert(assignments)
      .values({ courseId: course(slug), orgUnitId: unitByCode(unitCode).id, dueOn, withdrawnAt: withdrawn ? new Date() : null })
      .returning({ id: assignments.id });
    if (withdrawn) fx.withdrawn.add(row!.id);
    return row!.id;
  };
  const asg1 = await assignment("rpt-c1", "R", dayString(-1));
  const asg2 = await assignment("rpt-c2", "A", dayString(10));
  const asg3 = await assignment("rpt-c1", "X", dayString(1));
  const asg4 = await assignment("rpt-c3", "B", dayString(-5), true);

  const la = async (assignmentId: string, name: string, slug: string, dueOn: string, extra: { cycle?: number; completedAt?: Date; closedAt?: Date } = {}) => {
    const row = { assignmentId, userId: uid(name), cycle: extra.cycle ?? 1, courseId: course(slug), dueOn, completedAt: extra.completedAt ?? null, closedAt: extra.closedAt ?? null };
    await db.insert(learnerAssignments).values(row);
    fx.la.push(row);
  };
  const enrol = async (name: string, slug: string, completedAt: Date | null = null) => {
    await db.insert(enrolments).values({ userId: uid(name), courseId: course(slug), completedAt, startedAt: dayOffset(-40) });
    fx.enrol.push({ userId: uid(name), courseId: course(slug), completedAt });
  };
  const due1 = dayString(-1);
  // asg1 (c1, R and below, due yesterday): completed, in progress (overdue), not started (overdue), recertification, left.
  await la(asg1, "Nguyễn Văn An", "rpt-c1", due1, { completedAt: dayOffset(-20) });
  await enrol("Nguyễn Văn An", "rpt-c1", dayOffset(-20));
  await la(asg1, "Trần Thị Bình", "rpt-c1", due1);
  await enrol("Trần Thị Bình", "rpt-c1");
  await la(asg1, "Lê Hoàng Cường", "rpt-c1", due1, { completedAt: dayOffset(-3) });
  await enrol("Lê Hoàng Cường", "rpt-c1", dayOffset(-3));
  await la(asg1, "Phạm Thị Dung", "rpt-c1", due1);
  await la(asg1, "Hoàng Văn Em", "rpt-c1", due1, { cycle: 1, completedAt: dayOffset(-400) });
  await la(asg1, "Hoàng Văn Em", "rpt-c1", dayString(20), { cycle: 2 });
  await enrol("Hoàng Văn Em", "rpt-c1", null);
  await la(asg1, "Vũ Thị Giang", "rpt-c1", due1, { completedAt: dayOffset(-60) });
  await enrol("Vũ Thị Giang", "rpt-c1", dayOffset(-60));
  await la(asg1, FORMULA_NAME, "rpt-c1", due1);
  await la(asg1, "Đặng Quốc Huy", "rpt-c1", due1, { closedAt: dayOffset(-2) });
  await la(asg1, "Bùi Thị Kim", "rpt-c1", due1);
  await enrol("Bùi Thị Kim", "rpt-c1");
  await la(asg1, "Đỗ Văn Long", "rpt-c1", due1, { completedAt: dayOffset(-1) });
  await enrol("Đỗ Văn Long", "rpt-c1", dayOffset(-1));
  await la(asg1, "Cựu Nhân Viên", "rpt-c1", due1);
  // asg2 (c2, A and below, due in 10 days)
  await la(asg2, "Lê Hoàng Cường", "rpt-c2", dayString(10));
  await la(asg2, "Phạm Thị Dung", "rpt-c2", dayString(10), { completedAt: dayOffset(-2) });
  await enrol("Phạm Thị Dung", "rpt-c2", dayOffset(-2));
  await la(asg2, "Vũ Thị Giang", "rpt-c2", dayString(10));
  await enrol("Vũ Thị Giang", "rpt-c2");
  // asg3 (c1, X, due tomorrow)
  await la(asg3, "Hồ Thị Mai", "rpt-c1", dayString(1));
  await la(asg3, "Ngô Văn Nam", "rpt-c1", dayString(1), { completedAt: dayOffset(-8) });
  // asg4 is withdrawn: its rows never count.
  await la(asg4, "Bùi Thị Kim", "rpt-c3", dayString(-5));
  // Voluntary enrolments (not assigned).
  await enrol("Trần Thị Bình", "rpt-c3", dayOffset(-9));
  await enrol("Đỗ Văn Long", "rpt-c3");
  await enrol("Ngô Văn Nam", "rpt-c2");

  // The person page's details for Lê Hoàng Cường: lessons, a quiz, certificates.
  const c1Lessons = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.courseId, course("rpt-c1"))).orderBy(lessons.position);
  await db.insert(lessonProgress).values([
    { userId: uid("Lê Hoàng Cường"), lessonId: c1Lessons[0]!.id, completedAt: dayOffset(-4) },
    { userId: uid("Lê Hoàng Cường"), lessonId: c1Lessons[1]!.id, completedAt: dayOffset(-3) },
  ]);
  const attempt = (attemptNo: number, percent: number, passed: boolean) => ({
    userId: uid("Lê Hoàng Cường"),
    courseId: course("rpt-c1"),
    lessonId: c1Lessons[1]!.id,
    quizId: "final",
    attemptNo,
    lang: "vi" as const,
    spec: {},
    publicQuiz: {},
    layout: {},
    seed: "s",
    graded: true,
    status: "submitted" as const,
    submittedAt: dayOffset(-3),
    percent,
    passed,
  });
  await db.insert(quizAttempts).values([attempt(1, 40, false), attempt(2, 85, true)]);
  const cert = (code: string, cycle: number, extra: { validUntil?: Date; revokedAt?: Date }) => ({
    code,
    userId: uid("Lê Hoàng Cường"),
    courseId: course("rpt-c1"),
    cycle,
    fullName: "Lê Hoàng Cường",
    courseSlug: "rpt-c1",
    courseTitleVi: "Khóa AI một",
    courseVersion: "v1",
    issuer: { nameVi: "Thư viện", nameEn: "Library", url: "http://localhost" },
    completedAt: dayOffset(-3),
    ...extra,
  });
  await db.insert(certificates).values([
    cert("CERTVALID0001", 1, { validUntil: dayOffset(300) }),
    cert("CERTEXPIRED01", 2, { validUntil: dayOffset(-1) }),
    cert("CERTREVOKED01", 3, { revokedAt: dayOffset(-1) }),
  ]);

  const account = async (name: string, role: "admin" | "hr" | "learner" | "trainer", scope?: string) => {
    const [row] = await db.insert(users).values({ email: `${role}.${Math.random().toString(36).slice(2, 8)}@rpt.test`, fullName: name, orgUnitId: unitByCode("R").id }).returning({ id: users.id });
    await db.insert(userRoles).values({ userId: row!.id, role, scopeOrgUnitId: scope ? unitByCode(scope).id : null });
    // Accounts are people of R too: count them in the fixtures.
    fx.people.push({ id: row!.id, unitId: unitByCode("R").id, name, active: true });
    const token = generateSessionToken();
    await createSession(db, token, row!.id);
    return `${SESSION_COOKIE}=${token}`;
  };
  cookies = {
    admin: await account("Quản Trị", "admin"),
    hr: await account("Nhân Sự Toàn Quyền", "hr"),
    scopedHr: await account("Nhân Sự Phòng A", "hr", "A"),
    learner: await account("Học Viên", "learner"),
    trainer: await account("Giảng Viên", "trainer"),
  };
}

// --- the rules, counted independently in plain JS over the fixtures ---

type Filters = { unit?: string; course?: string; topic?: string; status?: string; from?: string; to?: string };

function subtree(unitId: string) {
  const ids = new Set([unitId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of fx.units) if (u.parentId && ids.has(u.parentId) && !ids.has(u.id)) grew = ids.add(u.id) !== null;
  }
  return ids;
}

function expectedPairs(filters: Filters = {}) {
  const out: { userId: string; unitId: string; courseId: string; assigned: boolean; status: string; overdue: boolean; dueOn: string | null; completedAt: Date | null }[] = [];
  for (const p of fx.people.filter((x) => x.active)) {
    for (const c of fx.courses) {
      if (filters.course && c.id !== filters.course) continue;
      if (filters.topic && c.topic !== filters.topic) continue;
      const rows = fx.la.filter((r) => r.userId === p.id && r.courseId === c.id && !fx.withdrawn.has(r.assignmentId));
      const open = rows.filter((r) => !rows.some((o) => o.assignmentId === r.assignmentId && o.cycle > r.cycle)).filter((r) => !r.closedAt);
      const e = fx.enrol.find((x) => x.userId === p.id && x.courseId === c.id);
      if (open.length === 0 && !e) continue;
      const assigned = open.length > 0;
      const completedAt = assigned
        ? open.every((r) => r.completedAt)
          ? new Date(Math.max(...open.map((r) => r.completedAt!.getTime())))
          : null
        : (e!.completedAt ?? null);
      const notDone = open.filter((r) => !r.completedAt).map((r) => r.dueOn).sort();
      const dueOn = assigned ? (notDone[0] ?? open.map((r) => r.dueOn).sort()[0]!) : null;
      const status = completedAt ? "completed" : assigned && !e ? "not_started" : "in_progress";
      const overdue = assigned && !completedAt && dueOn! < today;
      if (completedAt && filters.from && todayInVietnam(completedAt) < filters.from) continue;
      if (completedAt && filters.to && todayInVietnam(completedAt) > filters.to) continue;
      if (filters.status === "assigned" && !assigned) continue;
      if (filters.status === "overdue" && !overdue) continue;
      if (filters.status && !["assigned", "overdue"].includes(filters.status) && status !== filters.status) continue;
      out.push({ userId: p.id, unitId: p.unitId, courseId: c.id, assigned, status, overdue, dueOn, completedAt });
    }
  }
  return out;
}

function countsOf(pairs: ReturnType<typeof expectedPairs>) {
  return {
    assigned: pairs.filter((p) => p.assigned).length,
    completed: pairs.filter((p) => p.status === "completed").length,
    inProgress: pairs.filter((p) => p.status === "in_progress").length,
    notStarted: pairs.filter((p) => p.status === "not_started").length,
    overdue: pairs.filter((p) => p.overdue).length,
    counted: pairs.length,
  };
}

// --- calling the routes ---

type MatrixData = {
  courses: { id: string; title: string }[];
  rows: { id: string; code: string; name: string; depth: number; cells: Record<string, ReturnType<typeof countsOf>>; total: ReturnType<typeof countsOf> }[];
  totals: { total: ReturnType<typeof countsOf>; cells: Record<string, ReturnType<typeof countsOf>> };
  weeklyTotal: number;
  weeklyChart: { key: string; svg?: string } | null;
  barsChart: { key: string; svg?: string } | null;
};

/** The matrix page's data, its packed counts read back as objects. */
async function matrix(who: keyof typeof cookies, filters: Filters = {}) {
  const search = new URLSearchParams(filters as Record<string, string>).toString();
  const result = await callRoute(matrixRoute.loader, request(`/reports?${search}`, { cookie: cookies[who] }), handle.db);
  if (result.status !== 200) return result;
  type Packed = { cells: Record<string, PackedCounts>; total: PackedCounts };
  const unpack = <R extends Packed>(row: R) => ({
    ...row,
    cells: Object.fromEntries(Object.entries(row.cells).map(([id, c]) => [id, unpackCounts(c)])),
    total: unpackCounts(row.total),
  });
  const data = result.data as { rows: Packed[]; totals: Packed };
  return { ...result, data: { ...data, rows: data.rows.map(unpack), totals: unpack(data.totals) } };
}

/** Like callRoute, but keeps the body as bytes (XLSX). */
async function download(path: string, who: keyof typeof cookies) {
  const req = request(path, { cookie: cookies[who] });
  const context = new RouterContextProvider();
  context.set(dbContext, handle.db);
  const url = new URL(req.url);
  let response: Response;
  try {
    response = (await rootMiddleware({ request: req, context, params: {}, url, pattern: url.pathname } as never, async () =>
      (await exportRoute.loader({ request: req, context, params: {}, url } as never)) as Response,
    )) as Response;
  } catch (thrown) {
    const init = (thrown as { init?: ResponseInit }).init;
    return { status: init?.status ?? 500, bytes: Buffer.alloc(0), headers: new Headers() };
  }
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function readXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const onlyOurCourses = (m: MatrixData) => m.courses.filter((c) => fx.courses.some((f) => f.id === c.id));

describe("the matrix", () => {
  test("counts match an independent count, unit by unit (with descendants) and course by course", async () => {
    const result = await matrix("admin");
    expect(result.status).toBe(200);
    const data = result.data as MatrixData;
    expect(onlyOurCourses(data).map((c) => c.id).sort()).toEqual(fx.courses.map((c) => c.id).sort());
    const pairs = expectedPairs();
    for (const unit of fx.units) {
      const row = data.rows.find((r) => r.id === unit.id)!;
      const members = subtree(unit.id);
      for (const course of fx.courses) {
        expect(row.cells[course.id], `${unit.code} × ${course.slug}`).toEqual(countsOf(pairs.filter((p) => members.has(p.unitId) && p.courseId === course.id)));
      }
    }
    const r = data.rows.find((x) => x.code === "R")!;
    expect(r.depth).toBe(0);
    expect(data.rows.find((x) => x.code === "A1")!.depth).toBe(2);
    // Spot checks of the rules: R × c1 has the overdue not-started formula person, the recertifying person in progress.
    const c1 = fx.courses[0]!.id;
    expect(r.cells[c1]).toMatchObject({ assigned: 9, completed: 4, notStarted: 2, inProgress: 3, overdue: 4 });
    // The grand total is the sum of the top-level rows.
    const tops = data.rows.filter((x) => x.depth === 0);
    expect(data.totals.total.counted).toBe(tops.reduce((n, x) => n + x.total.counted, 0));
    expect(data.weeklyTotal).toBe(
      data.rows.filter((x) => x.depth === 0).reduce((n, x) => n + x.total.completed, 0),
    );
  });

  test("in parts (a large organisation on PostgreSQL) the matrix is the same as in one query", async () => {
    const courseIds = fx.courses.map((c) => c.id);
    for (const q of [
      { unitIds: null, courseIds, today },
      { unitIds: [unitByCode("A").id, unitByCode("A1").id], courseIds, status: "overdue" as const, today },
      { unitIds: null, courseIds, from: dayString(-30), to: today, today },
    ]) {
      const one = await matrixData(handle.db, q, { large: false });
      const split = await matrixData(handle.db, q, { large: true });
      const key = (c: { unitId: string; courseId: string }) => `${c.unitId}/${c.courseId}`;
      expect(split.cells.sort((x, y) => key(x).localeCompare(key(y)))).toEqual(one.cells.sort((x, y) => key(x).localeCompare(key(y))));
      expect(split.weekly).toEqual(one.weekly);
      expect(one.cells.length).toBeGreaterThan(0);
    }
  });

  test("filters: unit with descendants, course, topic, status and a date range", async () => {
    const a = unitByCode("A");
    const byUnit = (await matrix("hr", { unit: a.id })).data as MatrixData;
    expect(byUnit.rows.map((r) => r.code)).toEqual(["A", "A1"]);
    expect(byUnit.totals.total).toEqual(countsOf(expectedPairs().filter((p) => subtree(a.id).has(p.unitId))));

    const c2 = fx.courses[1]!;
    const byCourse = (await matrix("hr", { course: c2.id })).data as MatrixData;
    expect(byCourse.courses.map((c) => c.id)).toEqual([c2.id]);

    const byTopic = (await matrix("hr", { topic: "ai" })).data as MatrixData;
    expect(onlyOurCourses(byTopic).map((c) => c.id).sort()).toEqual(fx.courses.filter((c) => c.topic === "ai").map((c) => c.id).sort());

    for (const status of ["assigned", "overdue", "completed", "in_progress", "not_started"]) {
      const data = (await matrix("hr", { status })).data as MatrixData;
      for (const course of fx.courses) {
        const row = data.rows.find((r) => r.code === "R")!;
        expect(row.cells[course.id], `${status} ${course.slug}`).toEqual(
          countsOf(expectedPairs({ status }).filter((p) => subtree(unitByCode("R").id).has(p.unitId) && p.courseId === course.id)),
        );
      }
    }

    const range = { from: dayString(-10), to: dayString(-2) };
    const byRange = (await matrix("hr", range)).data as MatrixData;
    const expectedRange = expectedPairs(range);
    expect(expectedRange.filter((p) => p.status === "completed").length).toBeGreaterThan(0);
    for (const unit of fx.units) {
      const row = byRange.rows.find((r) => r.id === unit.id)!;
      for (const course of fx.courses) {
        expect(row.cells[course.id]).toEqual(countsOf(expectedRange.filter((p) => subtree(unit.id).has(p.unitId) && p.courseId === course.id)));
      }
    }
  });

  test("bad filters answer 400 with a message; learners and trainers get 403 everywhere", async () => {
    const cases: [Filters, string][] = [
      [{ from: "2026-13-01" }, "hrReports.errors.date"],
      [{ to: "yesterday" }, "hrReports.errors.date"],
      [{ from: "2026-05-02", to: "2026-05-01" }, "hrReports.errors.range"],
      [{ unit: "00000000-0000-4000-8000-000000000000" }, "hrReports.errors.unit"],
      [{ unit: "not-a-uuid" }, "hrReports.errors.unit"],
      [{ course: "00000000-0000-4000-8000-000000000000" }, "hrReports.errors.course"],
      [{ topic: "astrology" }, "hrReports.errors.topic"],
      [{ status: "lost" }, "hrReports.errors.status"],
    ];
    for (const [filters, message] of cases) {
      const result = await matrix("hr", filters);
      expect(result.status, JSON.stringify(filters)).toBe(400);
      expect(result.data).toMatchObject({ message });
    }
    expect((await download("/reports/export.csv?from=2026-02-30", "hr")).status).toBe(400);

    const person = uid("Lê Hoàng Cường");
    for (const who of ["learner", "trainer"] as const) {
      expect((await matrix(who)).status).toBe(403);
      expect((await callRoute(unitRoute.loader, request(`/reports/units/${unitByCode("A").id}`, { cookie: cookies[who] }), handle.db, { unitId: unitByCode("A").id })).status).toBe(403);
      expect((await callRoute(personRoute.loader, request(`/reports/people/${person}`, { cookie: cookies[who] }), handle.db, { userId: person })).status).toBe(403);
      expect((await download("/reports/export.csv", who)).status).toBe(403);
      expect((await download(`/reports/export.xlsx?view=person&id=${person}`, who)).status).toBe(403);
    }
  });
});

describe("drill-down", () => {
  test("a unit's people with, per course, status, due date and completion; a person's courses, lessons, quiz and certificates", async () => {
    const a = unitByCode("A");
    const result = await callRoute(unitRoute.loader, request(`/reports/units/${a.id}`, { cookie: cookies.hr }), handle.db, { unitId: a.id });
    expect(result.status).toBe(200);
    const data = result.data as { total: number; people: { id: string; fullName: string; pairs: Record<string, { status: string; overdue: boolean; dueOn: string | null; completedAt: string | null }> }[] };
    const members = fx.people.filter((p) => p.active && subtree(a.id).has(p.unitId));
    expect(data.total).toBe(members.length);
    expect(data.people.map((p) => p.id).sort()).toEqual(members.map((p) => p.id).sort());
    for (const pair of expectedPairs().filter((p) => subtree(a.id).has(p.unitId))) {
      const got = data.people.find((p) => p.id === pair.userId)!.pairs[pair.courseId];
      expect(got).toEqual({ status: pair.status, overdue: pair.overdue, dueOn: pair.dueOn, completedAt: pair.completedAt?.toISOString() ?? null });
    }
    const own = await callRoute(unitRoute.loader, request(`/reports/units/${a.id}?descendants=0&status=overdue`, { cookie: cookies.hr }), handle.db, { unitId: a.id });
    const overdueHere = new Set(expectedPairs({ status: "overdue" }).filter((p) => p.unitId === a.id).map((p) => p.userId));
    expect((own.data as typeof data).people.map((p) => p.id).sort()).toEqual([...overdueHere].sort());

    const personId = uid("Lê Hoàng Cường");
    const person = await callRoute(personRoute.loader, request(`/reports/people/${personId}`, { cookie: cookies.hr }), handle.db, { userId: personId });
    expect(person.status).toBe(200);
    const p = person.data as {
      courses: { id: string; status: string; lessonsDone: number; lessons: unknown[]; quizzes: { best: number; passed: boolean; attempts: number }[] }[];
      certificates: { code: string; status: string }[];
    };
    const c1 = p.courses.find((c) => c.id === fx.courses[0]!.id)!;
    expect(c1).toMatchObject({ status: "completed", lessonsDone: 2 });
    expect(c1.lessons).toHaveLength(2);
    expect(c1.quizzes).toEqual([expect.objectContaining({ best: 85, passed: true, attempts: 2 })]);
    expect(p.courses.find((c) => c.id === fx.courses[1]!.id)).toMatchObject({ status: "not_started" });
    expect(Object.fromEntries(p.certificates.map((c) => [c.code, c.status]))).toEqual({
      CERTVALID0001: "valid",
      CERTEXPIRED01: "expired",
      CERTREVOKED01: "revoked",
    });
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await callRoute(personRoute.loader, request(`/reports/people/${missing}`, { cookie: cookies.hr }), handle.db, { userId: missing })).status).toBe(404);
    expect((await callRoute(unitRoute.loader, request(`/reports/units/nope`, { cookie: cookies.hr }), handle.db, { unitId: "nope" })).status).toBe(404);
  });
});

describe("an HR user limited to a subtree", () => {
  // The asker's own name is in the file's header ("exported by"), wherever they sit.
  const outside = () => fx.people.filter((p) => !subtree(unitByCode("A").id).has(p.unitId) && p.name !== "Nhân Sự Phòng A").map((p) => p.name);
  const outsideUnits = () => fx.units.filter((u) => !subtree(unitByCode("A").id).has(u.id));

  test("sees only their subtree in the pages; other units and people answer 404", async () => {
    const data = (await matrix("scopedHr")).data as MatrixData;
    expect(data.rows.map((r) => r.code)).toEqual(["A", "A1"]);
    const a = unitByCode("A");
    expect(data.totals.total).toEqual(countsOf(expectedPairs().filter((p) => subtree(a.id).has(p.unitId))));
    const text = JSON.stringify(data);
    for (const name of outside()) expect(text).not.toContain(name);
    for (const u of outsideUnits()) expect(text).not.toContain(u.name);

    expect((await matrix("scopedHr", { unit: unitByCode("B").id })).status).toBe(400);
    const b = unitByCode("B").id;
    expect((await callRoute(unitRoute.loader, request(`/reports/units/${b}`, { cookie: cookies.scopedHr }), handle.db, { unitId: b })).status).toBe(404);
    const kim = uid("Bùi Thị Kim");
    expect((await callRoute(personRoute.loader, request(`/reports/people/${kim}`, { cookie: cookies.scopedHr }), handle.db, { userId: kim })).status).toBe(404);
    expect((await download(`/reports/export.csv?view=person&id=${kim}`, "scopedHr")).status).toBe(404);
    expect((await download(`/reports/export.xlsx?view=unit&id=${b}`, "scopedHr")).status).toBe(404);
  });

  test("sees only their subtree in the CSV and XLSX exports", async () => {
    const r = unitByCode("R").id;
    const a = unitByCode("A").id;
    for (const path of ["/reports/export.csv", "/reports/export.xlsx", `/reports/export.csv?view=unit&id=${a}`, `/reports/export.xlsx?view=unit&id=${a}`]) {
      const file = await download(path, "scopedHr");
      expect(file.status, path).toBe(200);
      const text = path.includes("xlsx") ? JSON.stringify(await readXlsx(file.bytes)) : file.bytes.toString("utf8");
      for (const name of outside()) expect(text, `${path} ${name}`).not.toContain(name.replace(/"/g, '""'));
      for (const u of outsideUnits()) expect(text, path).not.toContain(u.name);
      expect(text).toContain("Phòng Đọc A");
    }
    expect((await download(`/reports/export.csv?view=unit&id=${r}`, "scopedHr")).status).toBe(404);
  });
});

describe("exports", () => {
  test("CSV: UTF-8 with a BOM, filters and who exported in the header, formulas neutralised", async () => {
    const a1 = unitByCode("A1");
    const file = await download(`/reports/export.csv?view=unit&id=${a1.id}&status=not_started`, "hr");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(file.headers.get("content-disposition")).toMatch(new RegExp(`completion-unit-${today}\\.csv`));
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.toString("utf8");
    expect(text).toContain("Tổ Số hóa A1");
    expect(text).toContain("Nhân Sự Toàn Quyền");
    expect(text).toContain("Chưa bắt đầu");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);

    const matrixCsv = (await download("/reports/export.csv?topic=ai", "hr")).bytes.toString("utf8");
    expect(matrixCsv).toContain("Thư viện Gốc");
    expect(matrixCsv).toContain("Trí tuệ nhân tạo");
    expect(matrixCsv).not.toContain("Khóa Dữ liệu");
  });

  test("XLSX round-trips Vietnamese names; every view exports", async () => {
    const a = unitByCode("A");
    const file = await download(`/reports/export.xlsx?view=unit&id=${a.id}`, "hr");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/completion-unit-.*\.xlsx/);
    const rows = await readXlsx(file.bytes);
    const flat = rows.flat().map(String);
    for (const name of ["Phạm Thị Dung", "Vũ Thị Giang", "Đặng Quốc Huy", FORMULA_NAME]) expect(flat).toContain(name);
    expect(flat.some((c) => c.startsWith("Nhân Sự Toàn Quyền <"))).toBe(true);
    const header = rows.find((r) => r.includes("Họ và tên"))!;
    const dung = rows.find((r) => r.includes("Phạm Thị Dung"))!;
    const c2 = header.findIndex((h) => String(h).startsWith("Khóa Dữ liệu"));
    expect(dung[c2]).toBe("Đã hoàn thành");

    const person = await download(`/reports/export.xlsx?view=person&id=${uid("Lê Hoàng Cường")}`, "hr");
    const personRows = (await readXlsx(person.bytes)).flat().map(String);
    expect(personRows).toContain("Lê Hoàng Cường");
    expect(personRows).toContain("CERTREVOKED01");
    const matrixFile = await download("/reports/export.xlsx", "admin");
    expect((await readXlsx(matrixFile.bytes)).flat().map(String)).toContain("Phòng Nghiệp vụ B");
  });
});

describe("charts", () => {
  test("the weekly chart shows the recent weeks up to this one, zeros between, Mondays in the reader's language", () => {
    const weeks = recentWeeks([{ week: "2025-12-29", completions: 3 }, { week: "2026-01-12", completions: 1 }], "2026-01-15", 4);
    expect(weeks).toEqual([
      { week: "2025-12-22", completions: 0 },
      { week: "2025-12-29", completions: 3 },
      { week: "2026-01-05", completions: 0 },
      { week: "2026-01-12", completions: 1 },
    ]);
    // A Sunday belongs to the week that started the Monday before.
    expect(recentWeeks([], "2026-01-18", 1)).toEqual([{ week: "2026-01-12", completions: 0 }]);
    expect(weekLabel("2026-11-02", "vi")).toBe("2 thg 11");
    expect(weekLabel("2026-11-02", "en")).toBe("2 Nov");
  });


  test("SVG from Vega escapes names typed by admins and carries no script or style attributes", async () => {
    const svg = (await unitBarsSvg([{ name: "<script>alert(1)</script>", percent: 40 }, { name: 'A & B "quoted"', percent: 70 }], { x: "%", y: "Đơn vị" }))!;
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("A &amp; B");
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toMatch(/\son\w+=/);
    const weeks = recentWeeks([{ week: "2026-01-05", completions: 2 }, { week: "2026-01-19", completions: 1 }], "2026-01-22", 4);
    const weekly = (await weeklyChartSvg(weeks.map((w) => ({ ...w, label: weekLabel(w.week, "vi") })), { x: "Tuần", y: "Lượt" }))!;
    expect(weekly).toMatch(/^<svg/);
    // Dates on the axis in the reader's language, not ISO.
    expect(weekly).toContain("5 thg 1");
    expect(weekly).not.toContain("2026-01-05");
    // A client-side navigation's data request carries the SVG; a document's data does not (its render has it).
    const data = (await callRoute(matrixRoute.loader, request("/reports.data", { cookie: cookies.admin }), handle.db)).data as MatrixData;
    expect(data.barsChart?.svg).toContain("&lt;script&gt;alert(1)");
    expect(data.barsChart?.svg).not.toContain("<script>");
    const page = (await matrix("admin")).data as MatrixData;
    expect(page.barsChart).toEqual({ key: "reports-bars" });
  });
});

describe("finding a person", () => {
  type Found = { people: { id: string; fullName: string; email: string; unit: string; active: boolean }[]; more: number | null };
  const find = (who: keyof typeof cookies, q: string) =>
    callRoute(peopleRoute.loader, request(`/reports/people?${new URLSearchParams({ q })}`, { cookie: cookies[who] }), handle.db);

  test("by name without accents, by email and by staff number; only in the asker's scope", async () => {
    const { db } = handle;
    await db.update(users).set({ staffNumber: "RPT-0042" }).where(eq(users.id, uid("Vũ Thị Giang")));
    const names = async (who: keyof typeof cookies, q: string) => ((await find(who, q)).data as Found).people.map((p) => p.fullName);
    expect(await names("hr", "vu thi giang")).toEqual(["Vũ Thị Giang"]);
    expect(await names("hr", "rpt-0042")).toEqual(["Vũ Thị Giang"]);
    const [giang] = await db.select({ email: users.email }).from(users).where(eq(users.id, uid("Vũ Thị Giang")));
    expect(await names("hr", giang!.email.toUpperCase())).toEqual(["Vũ Thị Giang"]);
    // HR scoped to A finds people of A and A1, never those of R, B or X.
    expect(await names("scopedHr", "van")).toEqual(["Hoàng Văn Em"]);
    expect(await names("hr", "van")).toEqual(expect.arrayContaining(["Nguyễn Văn An", "Hoàng Văn Em", "Đỗ Văn Long", "Ngô Văn Nam"]));
    expect(await names("scopedHr", "nguyen van an")).toEqual([]);
    // The unit is named with its parent, so that units with the same name can be told apart.
    const em = ((await find("scopedHr", "hoang van em")).data as Found).people[0]!;
    expect(em.unit).toBe("Phòng Đọc A, Thư viện Gốc (A)");
    // People who left are found, after the active ones, and marked.
    const left = ((await find("hr", "cuu nhan vien")).data as Found).people;
    expect(left.map((p) => [p.fullName, p.active])).toEqual([["Cựu Nhân Viên", false]]);
    // LIKE wildcards are literal.
    expect(await names("hr", "%")).toEqual([]);
  });

  test("an empty query lists nobody; a query over 100 characters is a 400; learners and trainers get 403", async () => {
    expect(((await find("hr", "   ")).data as Found).people).toEqual([]);
    expect((await find("hr", "a".repeat(101))).status).toBe(400);
    expect((await find("learner", "an")).status).toBe(403);
    expect((await find("trainer", "an")).status).toBe(403);
  });
});

describe("the matrix at a glance", () => {
  test("summary cells by default, every figure on request; days typed day/month/year", async () => {
    const summary = (await matrix("hr")).data as MatrixData & { detailed: boolean };
    expect(summary.detailed).toBe(false);
    const all = (await callRoute(matrixRoute.loader, request("/reports?figures=all", { cookie: cookies.hr }), handle.db)).data as { detailed: boolean };
    expect(all.detailed).toBe(true);
    const typed = await matrix("hr", { from: "1/1/2020", to: "31/12/2099" } as Filters);
    expect(typed.status).toBe(200);
    expect((typed.data as { search: string }).search).toBe("from=2020-01-01&to=2099-12-31");
    expect((await matrix("hr", { from: "31/02/2026" } as Filters)).status).toBe(400);
  });
});

describe("chart SVG", () => {
  test("compacted: no class names, roles or float noise, one font on the root; the picture and its escaped text stay", async () => {
    const svg = (await unitBarsSvg([{ name: 'A & B "quoted"', percent: 33.333333 }], { x: "%", y: "Đơn vị" }))!;
    expect(svg).toMatch(/^<svg aria-hidden="true" focusable="false" font-family="[^"]+" /);
    expect(svg).not.toMatch(/\s(?:class|role|pointer-events)=/);
    expect(svg).not.toMatch(/\d\.\d{3,}/);
    expect(svg.match(/font-family=/g)).toHaveLength(1);
    expect(svg).toContain("A &amp; B");
    expect(svg).toMatch(/<path d="M0,\d[^"]*" fill="#0f6b5c"\/>/);
  });
});
