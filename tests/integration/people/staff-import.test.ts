import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { auditEvents, outboxMessages, userRoles, users } from "../../../db/schema";
import * as importRoute from "../../../app/people/routes/import";
import * as templateRoute from "../../../app/people/routes/import-template";
import { applyImport, previewImport } from "../../../app/people/staff-import.server";
import { cookieFor, uploadRequest, userId } from "../../support/admin";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { callRoute, request } from "../../support/route";

let handle: DbHandle;
let adminEmail: string;
let adminId: string;
let cookie: string;
beforeAll(async () => {
  handle = await createTestDb();
  adminEmail = await createUser(handle.db, { roles: ["learner", "admin"] });
  adminId = await userId(handle.db, adminEmail);
  cookie = await cookieFor(handle.db, adminEmail);
});
afterAll(async () => {
  await handle?.close();
});

const enc = (s: string) => new TextEncoder().encode(s);
let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;

async function count() {
  const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row!.n;
}

async function upload(name: string, content: string | Uint8Array) {
  return callRoute(importRoute.action, uploadRequest("/admin/import", { name, content }, cookie), handle.db);
}

async function confirm(importId: string, invite = false) {
  return callRoute(
    importRoute.action,
    request("/admin/import", { form: { intent: "confirm", importId, ...(invite ? { invite: "on" } : {}) }, cookie }),
    handle.db,
  );
}

function problems(result: { data: unknown }) {
  return (result.data as { problems: { row: number | null; code: string; params?: Record<string, unknown> }[] }).problems;
}

test("upload → preview (nothing written) → confirm applies; the same file again changes nothing", async () => {
  const tag = uniq();
  const csv = [
    "email,full name,staff number,org unit code,job title,roles",
    `lan.${tag}@thuvien.vn,Nguyễn Thị Lan,S-${tag}-1,LS-PV,Thủ thư,learner`,
    `Minh.${tag}@Thuvien.vn,Trần Văn Minh,S-${tag}-2,NA-SH,Chuyên viên số hóa,learner|trainer`,
  ].join("\r\n");
  const before = await count();
  const preview = await upload("staff.csv", csv);
  expect(preview.status).toBe(200);
  const p = (preview.data as { preview: { importId: string; summary: Record<string, number> } }).preview;
  expect(p.summary).toEqual({ new: 2, changed: 0, unchanged: 0 });
  expect(await count()).toBe(before);

  const applied = await confirm(p.importId, true);
  expect(applied.status).toBe(302);
  expect(applied.location).toBe("/admin/import?new=2&changed=0&unchanged=0&invited=2");
  expect(await count()).toBe(before + 2);
  const [minh] = await handle.db
    .select({ id: users.id, fullName: users.fullName, email: users.email })
    .from(users)
    .where(sql`lower(${users.email}) = ${`minh.${tag}@thuvien.vn`}`);
  expect(minh!.fullName).toBe("Trần Văn Minh".normalize("NFC"));
  const roles = await handle.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, minh!.id));
  expect(roles.map((r) => r.role).sort()).toEqual(["learner", "trainer"]);
  const invites = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.to, minh!.email));
  expect(invites).toHaveLength(1);
  expect(invites[0]!.kind).toBe("invite");
  const [audit] = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "staff.import")).orderBy(sql`id desc`).limit(1);
  expect(audit!.actorId).toBe(adminId);
  expect(audit!.details).toMatchObject({ new: 2, changed: 0, unchanged: 0, fileName: "staff.csv" });

  // The preview is used up: confirming twice applies once.
  expect((await confirm(p.importId)).status).toBe(409);

  const again = await upload("staff.csv", csv);
  const p2 = (again.data as { preview: { importId: string; summary: Record<string, number> } }).preview;
  expect(p2.summary).toEqual({ new: 0, changed: 0, unchanged: 2 });
  expect((await confirm(p2.importId)).location).toBe("/admin/import?new=0&changed=0&unchanged=2&invited=0");
  expect(await count()).toBe(before + 2);

  // A changed title and unit is an update, keyed by lower(email).
  const changed = csv.replace("Thủ thư", "Thủ thư chính").replace(",LS-PV,", ",LS-NV,");
  const p3 = (await upload("staff.csv", changed)).data as { preview: { importId: string; summary: Record<string, number> } };
  expect(p3.preview.summary).toEqual({ new: 0, changed: 1, unchanged: 1 });
  await confirm(p3.preview.importId);
  const [lan] = await handle.db.select({ jobTitle: users.jobTitle }).from(users).where(sql`lower(${users.email}) = ${`lan.${tag}@thuvien.vn`}`);
  expect(lan!.jobTitle).toBe("Thủ thư chính");
});

test("Vietnamese headers, a BOM, semicolons and NFD names are accepted; names are stored NFC", async () => {
  const tag = uniq();
  const nfd = "Phạm Thị Thu Hà".normalize("NFD");
  const csv = `\uFEFFHọ và tên;Email;Mã đơn vị;Vai trò;Chức danh\n${nfd};ha.${tag}@thuvien.vn;ls-nv;học viên;"Thủ thư; biên mục"\n;;;;\n;;;;\n`;
  const preview = await upload("ha.csv", csv);
  expect(preview.status).toBe(200);
  const p = (preview.data as { preview: { importId: string; summary: Record<string, number> } }).preview;
  expect(p.summary.new).toBe(1);
  await confirm(p.importId);
  const [row] = await handle.db.select().from(users).where(sql`lower(${users.email}) = ${`ha.${tag}@thuvien.vn`}`);
  expect(row!.fullName).toBe("Phạm Thị Thu Hà".normalize("NFC"));
  expect(row!.jobTitle).toBe("Thủ thư; biên mục");
  expect(row!.searchText).toContain("pham thi thu ha");
});

test("one bad row: every problem is listed with its row, and nothing is written", async () => {
  const tag = uniq();
  const csv = [
    "email,full name,org unit code,roles",
    `ok1.${tag}@thuvien.vn,Người Một,LS-PV,learner`,
    `ok2.${tag}@thuvien.vn,Người Hai,LS-PV,learner`,
    `bad.${tag}@thuvien.vn,Người Ba,HN-07,learner`,
    `not-an-email,Người Bốn,LS-PV,learner`,
    `OK1.${tag}@thuvien.vn,Người Năm,LS-PV,learner`,
    `six.${tag}@thuvien.vn,Người Sáu,LS-PV,superuser`,
    `seven.${tag}@thuvien.vn,,LS-PV,`,
  ].join("\n");
  const before = await count();
  const result = await upload("bad.csv", csv);
  expect(result.status).toBe(400);
  expect(problems(result)).toEqual([
    { row: 4, code: "unknownUnit", params: { value: "HN-07" } },
    { row: 5, code: "emailInvalid", params: { value: "not-an-email" } },
    { row: 6, code: "duplicateEmail", params: { value: `OK1.${tag}@thuvien.vn`, first: 2 } },
    { row: 7, code: "unknownRole", params: { value: "superuser" } },
    { row: 8, code: "nameMissing" },
  ]);
  expect(await count()).toBe(before);
});

test("bad files get their own message and write nothing", async () => {
  const before = await count();
  const cases: [string, string | Uint8Array, string][] = [
    ["empty.csv", "", "empty"],
    ["header.csv", "email,full name,org unit code\n", "noRows"],
    ["sheet.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0, 1, 2, 3]), "notCsv"],
    // "Nguyễn Văn Đức" saved as Windows-1258/1252: bytes that are not valid UTF-8.
    ["cp1258.csv", new Uint8Array([...enc("email,full name,org unit code\nduc@thuvien.vn,Nguy"), 0xea, 0xd2, ...enc("n V"), 0xe2, ...enc("n "), 0xd0, ...enc("\xfac,LS-PV\n".replace("\xfa", "u"))]), "encoding"],
    ["nocols.csv", "email,name\nx@thuvien.vn,X\n", "missingColumn"],
    ["quote.csv", 'email,full name,org unit code\n"broken@thuvien.vn,X,LS-PV\n', "malformed"],
  ];
  for (const [name, content, code] of cases) {
    const result = await upload(name, content);
    expect(result.status, name).toBe(400);
    expect(problems(result)[0]!.code, name).toBe(code);
  }
  expect(await count()).toBe(before);
});

test("a file over 5 MB is refused with 413 before it is read whole", async () => {
  const big = new Uint8Array(6 * 1024 * 1024).fill(0x41);
  const result = await upload("big.csv", big);
  expect(result.status).toBe(413);
  expect(JSON.stringify(result.data)).toContain("staffAdmin.import.errors.tooLarge");
  // A declared length over the limit is refused without reading the body at all.
  const declared = await callRoute(
    importRoute.action,
    new Request("http://localhost:3000/admin/import", {
      method: "POST",
      headers: { origin: "http://localhost:3000", host: "localhost:3000", cookie, "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) },
      body: "--x--",
    }),
    handle.db,
  );
  expect(declared.status).toBe(413);
});

test("formula-like cells are kept as plain text", async () => {
  const tag = uniq();
  const csv = `email,full name,org unit code,job title\nf.${tag}@thuvien.vn,Người Công Thức,LS-PV,"=HYPERLINK(""http://evil"",""x"")"\n`;
  const p = (await upload("f.csv", csv)).data as { preview: { importId: string } };
  await confirm(p.preview.importId);
  const [row] = await handle.db.select({ jobTitle: users.jobTitle }).from(users).where(sql`lower(${users.email}) = ${`f.${tag}@thuvien.vn`}`);
  expect(row!.jobTitle).toBe('=HYPERLINK("http://evil","x")');
});

test("all or nothing: a conflict found at confirm time rolls back every row", async () => {
  const tag = uniq();
  const csv = `email,full name,org unit code,staff number\na.${tag}@thuvien.vn,A,LS-PV,N-${tag}-1\nb.${tag}@thuvien.vn,B,LS-PV,N-${tag}-2\n`;
  const preview = await previewImport(handle.db, adminId, enc(csv), "x.csv");
  if (!preview.ok) throw new Error("expected a preview");
  // Between preview and confirm someone else takes B's staff number.
  const other = await createUser(handle.db);
  await handle.db.update(users).set({ staffNumber: `N-${tag}-2` }).where(sql`lower(${users.email}) = ${other}`);
  const before = await count();
  const result = await applyImport(handle.db, adminId, preview.importId);
  expect(result.ok).toBe(false);
  expect(result).toMatchObject({ problems: [{ row: 3, code: "staffNumberTaken" }] });
  expect(await count()).toBe(before);
  const [a] = await handle.db.select().from(users).where(sql`lower(${users.email}) = ${`a.${tag}@thuvien.vn`}`);
  expect(a).toBeUndefined();
});

test("another admin cannot confirm someone's preview; an admin cannot import away their own admin role", async () => {
  const tag = uniq();
  const preview = await previewImport(handle.db, adminId, enc(`email,full name,org unit code\nz.${tag}@thuvien.vn,Z,LS-PV\n`), null);
  if (!preview.ok) throw new Error("expected a preview");
  const other = await createUser(handle.db, { roles: ["admin"] });
  const otherCookie = await cookieFor(handle.db, other);
  const stolen = await callRoute(importRoute.action, request("/admin/import", { form: { intent: "confirm", importId: preview.importId }, cookie: otherCookie }), handle.db);
  expect(stolen.status).toBe(409);
  const own = await upload("me.csv", `email,full name,org unit code,roles\n${adminEmail},Me,LS-PV,learner\n`);
  expect(problems(own)).toEqual([{ row: 2, code: "ownAdmin" }]);
});

test("non-admins get 403 from the import page and its actions", async () => {
  const hr = await cookieFor(handle.db, await createUser(handle.db, { roles: ["learner", "hr"] }));
  expect((await callRoute(importRoute.loader, request("/admin/import", { cookie: hr }), handle.db)).status).toBe(403);
  const res = await callRoute(importRoute.action, uploadRequest("/admin/import", { name: "a.csv", content: "email" }, hr), handle.db);
  expect(res.status).toBe(403);
});

test("roles in the file replace a person's roles (an empty cell keeps them); each change is audited", async () => {
  const email = await createUser(handle.db, { roles: ["learner", "hr"] });
  const id = await userId(handle.db, email);
  const p1 = (await upload("r.csv", `email,full name,org unit code,roles\n${email},Nguyễn Thị Hồng Vân,LS-PV,giảng viên|learner\n`)).data as {
    preview: { importId: string; summary: Record<string, number> };
  };
  expect(p1.preview.summary.changed).toBe(1);
  await confirm(p1.preview.importId);
  const roles = async () => (await handle.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, id))).map((r) => r.role).sort();
  expect(await roles()).toEqual(["learner", "trainer"]);
  const [audit] = await handle.db.select().from(auditEvents).where(sql`${auditEvents.action} = 'user.roles' and ${auditEvents.targetId} = ${id}`);
  expect(audit!.details).toMatchObject({ from: ["hr", "learner"], to: ["learner", "trainer"], via: "import" });
  const p2 = (await upload("r.csv", `email,full name,org unit code,roles\n${email},Nguyễn Thị Hồng Vân,LS-PV,\n`)).data as {
    preview: { summary: Record<string, number> };
  };
  expect(p2.preview.summary).toEqual({ new: 0, changed: 0, unchanged: 1 });
});

test("the template downloads in the admin's language and the import reads it as it is: two new people, no problems", async () => {
  for (const [lang, header] of [
    ["vi", "email,họ và tên,mã cán bộ,mã đơn vị,chức danh,vai trò"],
    ["en", "email,full name,staff number,org unit code,job title,roles"],
  ] as const) {
    await handle.db.update(users).set({ locale: lang }).where(eq(users.id, adminId));
    const res = await callRoute(templateRoute.loader, request("/admin/import/template.csv", { cookie }), handle.db);
    expect(res.status).toBe(200);
    const body = res.data as string;
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // (The body starts with a byte-order mark for Excel; reading it as text drops it.)
    expect(body.startsWith(header), body.slice(0, 80)).toBe(true);
    const preview = await previewImport(handle.db, adminId, enc(body), "template.csv");
    expect(preview.ok, JSON.stringify(preview)).toBe(true);
    if (preview.ok) expect(preview.summary).toMatchObject({ new: 2, changed: 0 });
  }
  await handle.db.update(users).set({ locale: "vi" }).where(eq(users.id, adminId));
  const learner = await cookieFor(handle.db, await createUser(handle.db));
  expect((await callRoute(templateRoute.loader, request("/admin/import/template.csv", { cookie: learner }), handle.db)).status).toBe(403);
});
