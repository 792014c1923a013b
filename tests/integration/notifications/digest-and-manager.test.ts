import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import type { Db, DbHandle } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import { certificates, courses, learnerAssignments, outboxMessages, programmes, userRoles, users } from "../../../db/schema";
import { syncProgrammes } from "../../../app/programmes/sync.server";
import { startProgramme } from "../../../app/programmes/programmes.server";
import { createAssignment } from "../../../app/training/assignments.server";
import { AssignmentSchema } from "../../../app/training/schemas";
import { completeLesson, findLesson, recordLessonVisit } from "../../../app/learning/progress.server";
import { isoWeek, runWeeklyDigest } from "../../../app/notifications/digest.server";
import { saveEmailChoices } from "../../../app/notifications/preferences.server";
import { hrVisibleUnits } from "../../../app/platform/org-scope.server";
import { navFor } from "../../../app/platform/permissions";
import * as reportsRoute from "../../../app/reports/routes/reports";
import * as unitRoute from "../../../app/reports/routes/unit";
import * as personRoute from "../../../app/reports/routes/person";
import * as exportRoute from "../../../app/reports/routes/export";
import * as programmeReportRoute from "../../../app/reports/routes/programme";
import * as assignmentsRoute from "../../../app/training/routes/assignments";
import * as assignmentNewRoute from "../../../app/training/routes/assignment-new";
import * as registerRoute from "../../../app/certificates/routes/register";
import * as registerCertificateRoute from "../../../app/certificates/routes/register-certificate";
import * as staffRoute from "../../../app/people/routes/staff";
import * as personAdminRoute from "../../../app/people/routes/person";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { cookieFor } from "../../support/admin";
import { callRoute, request } from "../../support/route";

let handle: DbHandle;
let db: Db;
let units: Map<string, string>;
let counter = 0;
let programmeId: string;
const APP = "https://skillshelf.example.vn";
type Person = { id: string; email: string };
const people = {} as Record<"lsLate" | "naLate" | "lsDone" | "hrAll" | "hrLs" | "managerNa" | "managerOff", Person>;

async function person(unit: string, fullName: string, roles: ("hr" | "manager" | "learner")[] = ["learner"], locale: "vi" | "en" = "vi") {
  counter += 1;
  const [row] = await db
    .insert(users)
    .values({ email: `g${counter}@digest.test`, fullName, jobTitle: `Nhóm ${counter}`, orgUnitId: units.get(unit)!, locale })
    .returning({ id: users.id, email: users.email });
  await db.insert(userRoles).values(roles.map((role) => ({ userId: row!.id, role })));
  return row!;
}

const digestsTo = async (email: string) =>
  db.select().from(outboxMessages).where(eq(outboxMessages.to, email)).then((rows) => rows.filter((r) => r.kind === "digest"));

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  units = await seedOrg(db);
  await syncFake(db, fakeCourse("digest-course", [{ slug: "one", vi: "Bài một" }], { validForMonths: 1 }));
  const courseId = (await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "digest-course")))[0]!.id;
  people.lsLate = await person("LS-PV", "Lò Văn Trễ");
  people.naLate = await person("NA-SH", "Hồ Thị Muộn");
  people.lsDone = await person("LS-NV", "Đinh Hoàn Thành");
  people.hrAll = await person("TVQG", "Nhân Sự Toàn Quốc", ["hr"], "en");
  people.hrLs = await person("TVQG", "Nhân Sự Lạng Sơn", ["hr"]);
  await db.update(userRoles).set({ scopeOrgUnitId: units.get("LS")! }).where(eq(userRoles.userId, people.hrLs.id));
  people.managerNa = await person("NA", "Quản Lý Nghệ An", ["learner", "manager"]);
  people.managerOff = await person("LS", "Quản Lý Tắt Email", ["manager"]);
  await saveEmailChoices(db, people.managerOff.id, []);
  // A programme of that one course: Lò Văn Trễ is also late with it, Đinh Hoàn Thành completes it with the course.
  await syncProgrammes(db, [{
    slug: "digest-programme", file: "content/programmes/digest-programme.yaml", hash: "h", published: true, optional: { pick: 0 },
    title: { vi: "Lộ trình số tuần", en: "Weekly digital path" }, description: { vi: "Lộ trình", en: "Path" },
    courses: [{ slug: "digest-course", optional: false, after: [] }],
  }]);
  programmeId = (await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.slug, "digest-programme")))[0]!.id;
  const [admin] = await db.insert(users).values({ email: "admin@digest.test", fullName: "Quản trị" }).returning({ id: users.id });
  const assign = async (p: Person, subject: string) => {
    const [row] = await db.select({ jobTitle: users.jobTitle }).from(users).where(eq(users.id, p.id));
    const outcome = await createAssignment(db, { id: admin!.id, roles: ["admin"] }, AssignmentSchema.parse({ courseId: subject, jobTitle: row!.jobTitle, dueOn: "2030-04-20" }), new Date("2030-04-01T00:00:00Z"));
    if (!outcome.ok) throw new Error("assignment");
  };
  for (const p of [people.lsLate, people.naLate]) await assign(p, courseId);
  await assign(people.lsLate, `programme:${programmeId}`);
  await startProgramme(db, people.lsDone.id, programmeId);
  // Both became overdue during the week of Monday 2030-04-22 (Vietnam).
  await db.update(learnerAssignments).set({ overdueAt: new Date("2030-04-23T03:00:00Z") });
  const lesson = (await findLesson(db, "digest-course", "one"))!;
  await recordLessonVisit(db, people.lsDone.id, lesson);
  await completeLesson(db, people.lsDone.id, lesson);
  await db.update(certificates).set({ completedAt: new Date("2030-04-24T03:00:00Z"), validUntil: new Date("2030-05-10T03:00:00Z") });
});
afterAll(async () => handle?.close());

describe("the weekly digest", () => {
  it("weeks are ISO weeks of Vietnam's calendar", () => {
    expect(isoWeek("2030-04-29")).toEqual({ monday: "2030-04-29", key: "2030-W18" });
    expect(isoWeek("2030-05-05")).toEqual({ monday: "2030-04-29", key: "2030-W18" });
    expect(isoWeek("2027-01-01").key).toBe("2026-W53");
  });

  it("goes once per week per recipient across two instances and re-runs, within each one's scope, in their language", async () => {
    const now = new Date("2030-04-29T02:00:00Z");
    const runs = await Promise.all([
      runWeeklyDigest(db, { now, instance: "a", smtpUrl: null, appUrl: APP }),
      runWeeklyDigest(db, { now, instance: "b", smtpUrl: null, appUrl: APP }),
    ]);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    expect((await runWeeklyDigest(db, { now: new Date("2030-05-02T02:00:00Z"), instance: "c", smtpUrl: null, appUrl: APP })).ran).toBe(false);
    await runWeeklyDigest(db, { now, instance: "d", smtpUrl: null, appUrl: APP, force: true });

    const all = await digestsTo(people.hrAll.email);
    expect(all).toHaveLength(1);
    expect(all[0]!.subject).toContain("weekly digest");
    for (const name of ["Lò Văn Trễ", "Hồ Thị Muộn", "Đinh Hoàn Thành"]) expect(all[0]!.text).toContain(name);
    // In English, programmes counted and named beside courses: overdue, completed, and its certificate expiring.
    expect(all[0]!.text).toContain("Became overdue (3; programmes: 1):");
    expect(all[0]!.text).toContain("  - Lò Văn Trễ: the programme “Weekly digital path” (due 20 April 2030)");
    expect(all[0]!.text).toContain("Completions (2; programmes: 1):");
    expect(all[0]!.text).toContain("  - Đinh Hoàn Thành: the programme “Weekly digital path” (24 April 2030)");
    expect(all[0]!.text).toContain("Certificates expiring in the next 30 days (2; programmes: 1):");
    expect(all[0]!.text).toContain("  - Đinh Hoàn Thành: the programme “Weekly digital path” (expires 10 May 2030)");
    expect(all[0]!.text).toContain(`${APP}/reports`);

    const ls = await digestsTo(people.hrLs.email);
    expect(ls).toHaveLength(1);
    expect(ls[0]!.text).toContain("Lò Văn Trễ");
    expect(ls[0]!.text).toContain("Đinh Hoàn Thành");
    expect(ls[0]!.text).not.toContain("Hồ Thị Muộn");
    expect(ls[0]!.text).toContain("Trở nên quá hạn (2; chương trình: 1):");
    expect(ls[0]!.text).toContain("  - Lò Văn Trễ: chương trình “Lộ trình số tuần” (hạn 20 tháng 4, 2030)");

    const na = await digestsTo(people.managerNa.email);
    expect(na).toHaveLength(1);
    expect(na[0]!.subject).toContain("Bản tin tuần");
    expect(na[0]!.text).toContain("Hồ Thị Muộn");
    expect(na[0]!.text).not.toContain("Lò Văn Trễ");
    expect(na[0]!.text).not.toContain("Đinh Hoàn Thành");
    expect(na[0]!.text).toContain("Trở nên quá hạn (1; chương trình: 0):");

    expect(await digestsTo(people.managerOff.email)).toHaveLength(0);
    expect(await digestsTo(people.lsLate.email)).toHaveLength(0);

    await runWeeklyDigest(db, { now: new Date("2030-05-06T02:00:00Z"), instance: "e", smtpUrl: null, appUrl: APP });
    expect(await digestsTo(people.hrAll.email)).toHaveLength(2);
    const keys = await db.select({ key: outboxMessages.dedupeKey }).from(outboxMessages).where(like(outboxMessages.dedupeKey, `digest:%:${people.hrAll.id}`));
    expect(keys.map((k) => k.key).sort()).toEqual([`digest:2030-W18:${people.hrAll.id}`, `digest:2030-W19:${people.hrAll.id}`]);
  });
});

describe("the manager scope", () => {
  it("sees their unit and its sub-units, the reports in the nav, nothing of HR's actions", async () => {
    const visible = await hrVisibleUnits(db, { id: people.managerNa.id, roles: ["learner", "manager"] });
    expect(new Set(visible)).toEqual(new Set([units.get("NA"), units.get("NA-PV"), units.get("NA-SH")]));
    expect(navFor({ roles: ["learner", "manager"] }).map((n) => n.key)).toContain("reports");
    expect(navFor({ roles: ["learner", "manager"] }).map((n) => n.key)).not.toContain("admin");
  });

  it("reads their unit's reports and answers 404 on other units and people, 403 on admin and HR actions", async () => {
    const cookie = await cookieFor(db, people.managerNa.email);
    const get = (mod: { loader: unknown }, path: string, params: Record<string, string> = {}) =>
      callRoute(mod.loader as never, request(path, { cookie }), db, params);
    const post = (mod: { action: unknown }, path: string, form: Record<string, string>, params: Record<string, string> = {}) =>
      callRoute(mod.action as never, request(path, { form, cookie }), db, params);

    const home = await get(reportsRoute, "/reports");
    expect(home.status).toBe(200);
    expect((home.data as { hrActions: boolean }).hrActions).toBe(false);
    expect(JSON.stringify(home.data)).not.toContain("Lạng Sơn");
    expect((await get(unitRoute, `/reports/units/${units.get("NA-SH")}`, { unitId: units.get("NA-SH")! })).status).toBe(200);
    expect((await get(personRoute, `/reports/people/${people.naLate.id}`, { userId: people.naLate.id })).status).toBe(200);
    expect((await get(exportRoute, "/reports/export.csv?view=matrix")).status).toBe(200);

    expect((await get(unitRoute, `/reports/units/${units.get("LS")}`, { unitId: units.get("LS")! })).status).toBe(404);
    expect((await get(personRoute, `/reports/people/${people.lsLate.id}`, { userId: people.lsLate.id })).status).toBe(404);

    expect((await get(assignmentsRoute, "/reports/assignments")).status).toBe(403);
    expect((await post(assignmentNewRoute, "/reports/assignments/new", { intent: "save" })).status).toBe(403);
    expect((await get(registerRoute, "/reports/certificates")).status).toBe(403);
    const [cert] = await db.select({ code: certificates.code }).from(certificates);
    const revoke = await post(registerCertificateRoute, `/reports/certificates/${cert!.code}`, { intent: "revoke", reason: "thử" }, { code: cert!.code });
    expect(revoke.status).toBe(403);
    expect((await db.select({ revokedAt: certificates.revokedAt }).from(certificates))[0]!.revokedAt).toBeNull();
    expect((await get(staffRoute, "/admin")).status).toBe(403);
    expect((await post(personAdminRoute, `/admin/staff/${people.naLate.id}`, { fullName: "Đổi tên" }, { id: people.naLate.id })).status).toBe(403);
  });

  it("an admin grants and revokes it on the person's page", async () => {
    const admin = await person("TVQG", "Quản Trị Trang", ["learner"]);
    await db.insert(userRoles).values({ userId: admin.id, role: "admin" });
    const cookie = await cookieFor(db, admin.email);
    const target = await person("LS-NV", "Người Được Giao Quyền");
    const save = (roles: string[]) =>
      callRoute(
        personAdminRoute.action as never,
        request(`/admin/staff/${target.id}`, {
          form: { fullName: "Người Được Giao Quyền", email: target.email, orgUnitId: units.get("LS-NV")!, roles, active: "on", locale: "vi" },
          cookie,
        }),
        db,
        { id: target.id },
      );
    expect((await save(["learner", "manager"])).status).toBe(302);
    const roles = async () => (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, target.id))).map((r) => r.role).sort();
    expect(await roles()).toEqual(["learner", "manager"]);
    expect(new Set(await hrVisibleUnits(db, { id: target.id, roles: ["learner", "manager"] }))).toEqual(new Set([units.get("LS-NV")]));
    expect((await save(["learner"])).status).toBe(302);
    expect(await roles()).toEqual(["learner"]);
  });
});

describe("the programme drill-down", () => {
  type Page = { people: { fullName: string; state: string; assigned: boolean; courses: Record<string, string> }[]; counts: { counted: number; completed: number }; jobTitles: string[] };
  const open = async (who: Person, query = "", slug = "digest-programme") =>
    callRoute(programmeReportRoute.loader as never, request(`/reports/programmes/${slug}${query}`, { cookie: await cookieFor(db, who.email) }), db, { slug });
  // Sorted here: name order is the database's collation (Đ after L in C, not in Vietnamese).
  const names = (result: { data: unknown }) => (result.data as Page).people.map((p) => p.fullName).sort();
  const download = async (who: Person, query: string, ext = "csv") =>
    callRoute(exportRoute.loader as never, request(`/reports/export.${ext}?view=programme&id=${programmeId}${query}`, { cookie: await cookieFor(db, who.email) }), db);

  it("lists who follows it with each course's state, filtered by unit (± sub-units) and job title, within the asker's scope", async () => {
    const all = await open(people.hrAll);
    expect(all.status).toBe(200);
    const page = all.data as Page;
    expect(names(all)).toEqual(["Lò Văn Trễ", "Đinh Hoàn Thành"].sort());
    expect(page.counts).toMatchObject({ counted: 2, completed: 1 });
    const courseId = (await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "digest-course")))[0]!.id;
    const row = (name: string) => page.people.find((p) => p.fullName === name);
    expect(row("Đinh Hoàn Thành")).toMatchObject({ state: "completed", assigned: false, courses: { [courseId]: "done" } });
    expect(row("Lò Văn Trễ")).toMatchObject({ state: "following", assigned: true, courses: {} });

    expect(names(await open(people.hrAll, `?unit=${units.get("LS-PV")}`))).toEqual(["Lò Văn Trễ"]);
    expect(names(await open(people.hrAll, `?unit=${units.get("LS")}`))).toEqual(["Lò Văn Trễ", "Đinh Hoàn Thành"].sort());
    expect(names(await open(people.hrAll, `?unit=${units.get("LS")}&descendants=0`))).toEqual([]);
    const [late] = await db.select({ jobTitle: users.jobTitle }).from(users).where(eq(users.id, people.lsLate.id));
    expect(names(await open(people.hrAll, `?jobTitle=${encodeURIComponent(` ${late!.jobTitle!.toUpperCase()} `)}`))).toEqual(["Lò Văn Trễ"]);

    // Scoped HR and a manager see their own units only; a unit outside is not found.
    expect(names(await open(people.hrLs))).toEqual(["Lò Văn Trễ", "Đinh Hoàn Thành"].sort());
    expect((await open(people.hrLs, `?unit=${units.get("NA")}`)).status).toBe(404);
    const manager = await open(people.managerNa);
    expect(manager.status).toBe(200);
    expect(names(manager)).toEqual([]);
    expect((manager.data as Page).jobTitles).not.toContain(late!.jobTitle);
    expect((await open(people.managerNa, `?unit=${units.get("LS-PV")}`)).status).toBe(404);
    expect((await open(people.lsLate)).status).toBe(403);
  });

  it("answers 404 for an unknown programme, 400 for bad filters, never a 500", async () => {
    expect((await open(people.hrAll, "", "no-such-programme")).status).toBe(404);
    for (const query of ["?unit=nope", "?descendants=2", "?page=0", `?jobTitle=${"x".repeat(201)}`, "?jobTitle=Nobody%20has%20this", "?unit=%00"]) {
      expect((await open(people.hrAll, query)).status, query).toBe(400);
    }
    expect((await open(people.hrAll, "?unit=00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const unknown = await callRoute(exportRoute.loader as never, request("/reports/export.csv?view=programme&id=00000000-0000-4000-8000-000000000000", { cookie: await cookieFor(db, people.hrAll.email) }), db);
    expect(unknown.status).toBe(404);
  });

  it("exports as CSV and XLSX with the page's filters and scope; the matrix export has the programmes by unit", async () => {
    const csv = await download(people.hrAll, "");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/programme-digest-programme-\d{4}-\d{2}-\d{2}\.csv/);
    const text = String(csv.data);
    expect(text).toContain("Weekly digital path");
    expect(text).toMatch(/Đinh Hoàn Thành.*Self-started.*Completed/);
    expect(text).toMatch(/Lò Văn Trễ.*Assigned.*In progress.*2030-04-20.*Not started/);
    const filtered = String((await download(people.hrAll, `&unit=${units.get("LS-NV")}`)).data);
    expect(filtered).toContain("Đinh Hoàn Thành");
    expect(filtered).not.toContain("Lò Văn Trễ");
    expect((await download(people.managerNa, `&unit=${units.get("LS")}`)).status).toBe(404);
    expect(String((await download(people.managerNa, "")).data)).not.toContain("Lò Văn Trễ");
    expect((await download(people.hrAll, "&descendants=x")).status).toBe(400);
    const xlsx = await download(people.hrAll, "", "xlsx");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");

    const matrix = String((await callRoute(exportRoute.loader as never, request("/reports/export.csv?view=matrix", { cookie: await cookieFor(db, people.hrAll.email) }), db)).data);
    expect(matrix).toContain("Following,Completed,Overdue,% completed");
    expect(matrix).toMatch(/LS,[^\n]*,0,Weekly digital path,2,1,0,50/);
    // The unit file has a column per programme: each person's state in it.
    const unit = String((await callRoute(exportRoute.loader as never, request(`/reports/export.csv?view=unit&id=${units.get("LS")}`, { cookie: await cookieFor(db, people.hrAll.email) }), db)).data);
    expect(unit).toContain("Programme: Weekly digital path");
    expect(unit).toMatch(/Đinh Hoàn Thành[^\n]*,Completed\r?\n/);
    expect(unit).toMatch(/Lò Văn Trễ[^\n]*,In progress\r?\n/);
  });
});
