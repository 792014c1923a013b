import { and, eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { auditEvents, orgUnits, outboxMessages, sessions, userTokens, users } from "../../../db/schema";
import * as adminRoute from "../../../app/people/routes/admin";
import * as staffRoute from "../../../app/people/routes/staff";
import * as personRoute from "../../../app/people/routes/person";
import * as unitsRoute from "../../../app/people/routes/units";
import * as importRoute from "../../../app/people/routes/import";
import * as outboxRoute from "../../../app/people/routes/outbox";
import * as outboxMessageRoute from "../../../app/people/routes/outbox-message";
import * as auditRoute from "../../../app/people/routes/audit";
import * as forgotRoute from "../../../app/accounts/routes/password-forgot";
import * as setRoute from "../../../app/accounts/routes/password-set";
import * as learningRoute from "../../../app/learning/routes/my-learning";
import { login } from "../../../app/platform/auth.server";
import { sendMail } from "../../../app/platform/mail.server";
import { createUserToken, sendInvitation, setPasswordWithToken } from "../../../app/accounts/user-tokens.server";
import { searchStaff } from "../../../app/people/staff-admin.server";
import { cookieFor, userId } from "../../support/admin";
import { createTestDb } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { callRoute, cookieFrom, request } from "../../support/route";

let handle: DbHandle;
let admin: string;
let adminId: string;
beforeAll(async () => {
  handle = await createTestDb();
  const email = await createUser(handle.db, { roles: ["learner", "admin"], fullName: "Hoàng Quản Trị" });
  adminId = await userId(handle.db, email);
  admin = await cookieFor(handle.db, email);
});
afterAll(async () => {
  await handle?.close();
});

async function unitId(code: string) {
  const [row] = await handle.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, code));
  return row!.id;
}

const tokenFromText = (text: string) => /\/password\/set\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;

async function lastMailTo(email: string) {
  const [row] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.to, email)).orderBy(sql`created_at desc`).limit(1);
  return row!;
}

test("non-admins get 403 from every admin loader and action; visitors are sent to sign-in", async () => {
  const others = [
    await cookieFor(handle.db, await createUser(handle.db, { roles: ["learner"] })),
    await cookieFor(handle.db, await createUser(handle.db, { roles: ["learner", "hr"] })),
    await cookieFor(handle.db, await createUser(handle.db, { roles: ["learner", "trainer"] })),
  ];
  const id = adminId;
  const loaders: [unknown, string, Record<string, string>][] = [
    [adminRoute.loader, "/admin", {}],
    [staffRoute.loader, "/admin", {}],
    [personRoute.loader, `/admin/staff/${id}`, { id }],
    [unitsRoute.loader, "/admin/units", {}],
    [importRoute.loader, "/admin/import", {}],
    [outboxRoute.loader, "/admin/outbox", {}],
    [outboxMessageRoute.loader, `/admin/outbox/${id}`, { id }],
    [auditRoute.loader, "/admin/audit", {}],
  ];
  const actions: [unknown, string, Record<string, string>, Record<string, string>][] = [
    [personRoute.action, `/admin/staff/${id}`, { id }, { intent: "revoke-sessions" }],
    [personRoute.action, `/admin/staff/${id}`, { id }, { fullName: "X", email: "x@x.vn", active: "" }],
    [personRoute.action, "/admin/staff/new", { id: "new" }, { fullName: "X", email: "x@x.vn", active: "on" }],
    [unitsRoute.action, "/admin/units", {}, { intent: "create", code: "X1", name: "X" }],
    [importRoute.action, "/admin/import", {}, { intent: "confirm", importId: id }],
  ];
  for (const cookie of others) {
    for (const [fn, path, params] of loaders) {
      expect((await callRoute(fn as never, request(path, { cookie }), handle.db, params)).status, path).toBe(403);
    }
    for (const [fn, path, params, form] of actions) {
      expect((await callRoute(fn as never, request(path, { form, cookie }), handle.db, params)).status, path).toBe(403);
    }
  }
  expect((await callRoute(staffRoute.loader, request("/admin"), handle.db)).status).toBe(302);
  expect((await callRoute(auditRoute.loader, request("/admin/audit"), handle.db)).status).toBe(302);
});

test("staff search ignores diacritics and case, and a unit filter includes its sub-units", async () => {
  await createUser(handle.db, { fullName: "Nguyễn Thị Thanh Xuân", orgUnit: "NA-PV" });
  await createUser(handle.db, { fullName: "Đặng Văn Đức", orgUnit: "LS-NV" });
  const names = async (q: Parameters<typeof searchStaff>[1]) => (await searchStaff(handle.db, q)).rows.map((r) => r.fullName);
  expect(await names({ q: "nguyen thi thanh" })).toEqual(["Nguyễn Thị Thanh Xuân"]);
  expect(await names({ q: "NGUYỄN xuan" })).toEqual(["Nguyễn Thị Thanh Xuân"]);
  expect(await names({ q: "dang van duc" })).toEqual(["Đặng Văn Đức"]);
  expect(await names({ q: "xuan", unit: await unitId("NA") })).toEqual(["Nguyễn Thị Thanh Xuân"]);
  expect(await names({ q: "xuan", unit: await unitId("LS") })).toEqual([]);
  expect(await names({ q: "100%_" })).toEqual([]);
  const byRole = await searchStaff(handle.db, { role: "admin" });
  expect(byRole.rows.map((r) => r.id)).toContain(adminId);
  // Through the route, with the query string.
  const page = await callRoute(staffRoute.loader, request("/admin?q=dang%20duc&status=active", { cookie: admin }), handle.db);
  expect(page.status).toBe(200);
  expect((page.data as { total: number }).total).toBe(1);
});

test("deactivating a person ends their sessions at once, blocks sign-in, keeps them in the list; audited", async () => {
  const email = await createUser(handle.db, { fullName: "Lý Thường Kiệt" });
  const id = await userId(handle.db, email);
  const cookie = await cookieFor(handle.db, email);
  expect((await callRoute(learningRoute.loader, request("/learning", { cookie }), handle.db)).status).toBe(200);
  const form = { fullName: "Lý Thường Kiệt", email, orgUnitId: await unitId("LS-PV"), roles: ["learner"], locale: "vi" };
  const res = await callRoute(personRoute.action, request(`/admin/staff/${id}`, { form, cookie: admin }), handle.db, { id });
  expect(res.status).toBe(302);
  expect(await handle.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
  expect((await callRoute(learningRoute.loader, request("/learning", { cookie }), handle.db)).status).toBe(302);
  const signIn = await login(handle.db, { email, password: TEST_PASSWORD, ip: "10.9.9.9" });
  expect(signIn.ok).toBe(false);
  const [row] = await handle.db.select({ active: users.active }).from(users).where(eq(users.id, id));
  expect(row!.active).toBe(false);
  const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.deactivate"), eq(auditEvents.targetId, id)));
  expect(audit!.actorId).toBe(adminId);
  expect((await searchStaff(handle.db, { q: "ly thuong kiet", status: "inactive" })).total).toBe(1);
});

test("an admin cannot remove their own admin role nor deactivate themselves", async () => {
  const [me] = await handle.db.select().from(users).where(eq(users.id, adminId));
  const base = { fullName: me!.fullName, email: me!.email, locale: "vi", active: "on" };
  const noAdmin = await callRoute(personRoute.action, request(`/admin/staff/${adminId}`, { form: { ...base, roles: ["learner"] }, cookie: admin }), handle.db, { id: adminId });
  expect(noAdmin.status).toBe(400);
  expect(JSON.stringify(noAdmin.data)).toContain("staffAdmin.person.ownAdmin");
  const inactive = await callRoute(
    personRoute.action,
    request(`/admin/staff/${adminId}`, { form: { ...base, roles: ["learner", "admin"], active: "" }, cookie: admin }),
    handle.db,
    { id: adminId },
  );
  expect(inactive.status).toBe(400);
  expect(JSON.stringify(inactive.data)).toContain("staffAdmin.person.ownActive");
});

test("role changes are audited with before and after; an HR scope is kept on the hr role", async () => {
  const email = await createUser(handle.db);
  const id = await userId(handle.db, email);
  const form = { fullName: "Người Nhân Sự", email, roles: ["learner", "hr"], hrScopeId: await unitId("NA"), locale: "en", active: "on" };
  const res = await callRoute(personRoute.action, request(`/admin/staff/${id}`, { form, cookie: admin }), handle.db, { id });
  expect(res.location).toBe(`/admin/staff/${id}?saved=1`);
  const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.roles"), eq(auditEvents.targetId, id)));
  expect(audit!.details).toMatchObject({ from: ["learner"], to: ["hr", "learner"] });
  const page = await callRoute(personRoute.loader, request(`/admin/staff/${id}`, { cookie: admin }), handle.db, { id });
  expect((page.data as { person: { hrScopeId: string } }).person.hrScopeId).toBe(await unitId("NA"));
  // The audit page describes it in words.
  const log = await callRoute(auditRoute.loader, request("/admin/audit?action=user.roles", { cookie: admin }), handle.db);
  expect((log.data as { rows: { action: string }[] }).rows.every((r) => r.action === "user.roles")).toBe(true);
});

test("org units: create, rename, re-code, move (not under itself), refuse deactivating while people remain", async () => {
  const post = (form: Record<string, string>) => callRoute(unitsRoute.action, request("/admin/units", { form, cookie: admin }), handle.db);
  expect((await post({ intent: "create", code: "hn", name: "Thư viện Hà Nội", nameEn: "Hanoi Library" })).status).toBe(302);
  const hn = await unitId("HN");
  expect((await post({ intent: "create", code: "HN-07", name: "Phòng Đọc", parentId: hn })).status).toBe(302);
  const hn07 = await unitId("HN-07");
  expect(JSON.stringify((await post({ intent: "create", code: "HN-07", name: "Trùng" })).data)).toContain("staffAdmin.units.codeTaken");
  const loop = await post({ intent: "update", id: hn, code: "HN", name: "Thư viện Hà Nội", parentId: hn07 });
  expect(loop.status).toBe(400);
  expect(JSON.stringify(loop.data)).toContain("staffAdmin.units.moveIntoItself");
  expect((await post({ intent: "update", id: hn07, code: "HN-DOC", name: "Phòng Đọc sách", nameEn: "Reading Room", parentId: hn })).status).toBe(302);
  expect((await post({ intent: "update", id: hn07, code: "HN-DOC", name: "Phòng Đọc sách", nameEn: "Reading Room", parentId: await unitId("LS") })).status).toBe(302);
  const [moved] = await handle.db.select().from(orgUnits).where(eq(orgUnits.id, hn07));
  expect(moved).toMatchObject({ code: "HN-DOC", name: "Phòng Đọc sách", nameEn: "Reading Room", parentId: await unitId("LS") });
  const member = await createUser(handle.db);
  await handle.db.update(users).set({ orgUnitId: hn07 }).where(eq(users.id, await userId(handle.db, member)));
  const refused = await post({ intent: "deactivate", id: hn07 });
  expect(refused.status).toBe(409);
  expect(JSON.stringify(refused.data)).toContain("staffAdmin.units.hasPeople");
  const parent = await post({ intent: "deactivate", id: await unitId("LS") });
  expect(JSON.stringify(parent.data)).toMatch(/staffAdmin\.units\.has(People|SubUnits)/);
  expect((await post({ intent: "deactivate", id: hn })).status).toBe(302);
  const actions = (await handle.db.select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetType, "org_unit"))).map((r) => r.a);
  expect(actions).toEqual(expect.arrayContaining(["org_unit.create", "org_unit.update", "org_unit.move", "org_unit.deactivate"]));
});

test("a new person gets an invitation: one-time link, single use, expires; signs them in", async () => {
  const email = `moi.${Date.now()}@thuvien.vn`;
  const form = { fullName: "Võ Thị Sáu", email, orgUnitId: await unitId("LS-PV"), roles: ["learner"], locale: "vi", active: "on", invite: "on" };
  const created = await callRoute(personRoute.action, request("/admin/staff/new", { form, cookie: admin }), handle.db, { id: "new" });
  expect(created.status).toBe(302);
  const mail = await lastMailTo(email);
  expect(mail.kind).toBe("invite");
  expect(mail.subject).toBe("Mời bạn tham gia Skillshelf");
  const token = tokenFromText(mail.text);
  const [stored] = await handle.db.select().from(userTokens).where(eq(userTokens.userId, await userId(handle.db, email)));
  expect(stored!.id).toMatch(/^[0-9a-f]{64}$/);
  expect(stored!.id).not.toContain(token);

  const page = await callRoute(setRoute.loader, request(`/password/set/${token}`), handle.db, { token });
  expect(page.data).toMatchObject({ valid: true, purpose: "invite", fullName: "Võ Thị Sáu" });
  const short = await callRoute(setRoute.action, request(`/password/set/${token}`, { form: { newPassword: "short", confirmPassword: "short" } }), handle.db, { token });
  expect(short.status).toBe(400);
  const set = await callRoute(
    setRoute.action,
    request(`/password/set/${token}`, { form: { newPassword: "mật khẩu đủ dài", confirmPassword: "mật khẩu đủ dài" } }),
    handle.db,
    { token },
  );
  expect(set.status).toBe(302);
  expect(set.location).toBe("/learning");
  expect((await callRoute(learningRoute.loader, request("/learning", { cookie: cookieFrom(set) }), handle.db)).status).toBe(200);
  // Single use.
  const again = await callRoute(setRoute.action, request(`/password/set/${token}`, { form: { newPassword: "another password", confirmPassword: "another password" } }), handle.db, { token });
  expect(again.status).toBe(410);
  expect((await callRoute(setRoute.loader, request(`/password/set/${token}`), handle.db, { token })).status).toBe(410);
  expect((await login(handle.db, { email, password: "mật khẩu đủ dài", ip: "10.8.0.1" })).ok).toBe(true);

  // Expired links do nothing.
  const id = await userId(handle.db, email);
  const old = await createUserToken(handle.db, { userId: id, purpose: "invite", createdBy: adminId, now: new Date(Date.now() - 8 * 24 * 3600 * 1000) });
  expect(await setPasswordWithToken(handle.db, old, "yet another password")).toBeNull();
  expect(await setPasswordWithToken(handle.db, "not-a-token", "yet another password")).toBeNull();
});

test("two submits of one link at once set the password once", async () => {
  const email = await createUser(handle.db);
  const token = await createUserToken(handle.db, { userId: await userId(handle.db, email), purpose: "reset", createdBy: null });
  const results = await Promise.all([setPasswordWithToken(handle.db, token, "first password!"), setPasswordWithToken(handle.db, token, "second password")]);
  expect(results.filter(Boolean)).toHaveLength(1);
});

test("password reset: same answer for known and unknown addresses, ends the person's other sessions", async () => {
  const email = await createUser(handle.db);
  const id = await userId(handle.db, email);
  const other = await cookieFor(handle.db, email);
  const ask = (address: string, ip: string) =>
    callRoute(forgotRoute.action, request("/password/forgot", { form: { email: address }, headers: { "x-skillshelf-client-ip": ip } }), handle.db);
  const known = await ask(email, "10.7.0.1");
  const unknown = await ask(`nobody.${Date.now()}@thuvien.vn`, "10.7.0.2");
  expect(known.status).toBe(200);
  expect(unknown.status).toBe(200);
  expect(JSON.stringify(known.data)).toBe(JSON.stringify(unknown.data));
  const mail = await lastMailTo(email);
  expect(mail.kind).toBe("reset");
  const token = tokenFromText(mail.text);
  const res = await callRoute(setRoute.action, request(`/password/set/${token}`, { form: { newPassword: "a brand new one", confirmPassword: "a brand new one" } }), handle.db, { token });
  expect(res.status).toBe(302);
  expect((await callRoute(learningRoute.loader, request("/learning", { cookie: other }), handle.db)).status).toBe(302);
  const live = await handle.db.select().from(sessions).where(eq(sessions.userId, id));
  expect(live).toHaveLength(1);
  const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.password_reset"), eq(auditEvents.targetId, id)));
  expect(audit).toBeDefined();
});

test("reset requests are rate-limited per IP with 429; per address they stop sending silently", async () => {
  const email = await createUser(handle.db);
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const r = await callRoute(forgotRoute.action, request("/password/forgot", { form: { email }, headers: { "x-skillshelf-client-ip": "10.6.0.1" } }), handle.db);
    statuses.push(r.status);
  }
  expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
  expect(statuses[10]).toBe(429);
  const sent = await handle.db.select().from(outboxMessages).where(and(eq(outboxMessages.to, email), eq(outboxMessages.kind, "reset")));
  expect(sent).toHaveLength(3);
});

test("with SMTP configured the message is delivered to the SMTP server; without it, it stays in the outbox", async () => {
  const received: { to: string[]; body: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  try {
    const id = await sendMail(
      handle.db,
      { to: "nhan@thuvien.vn", subject: "Thử SMTP", text: "Xin chào https://example.vn/x", kind: "invite" },
      { smtpUrl: `smtp://127.0.0.1:${port}`, from: "Skillshelf <no-reply@skillshelf.local>" },
    );
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["nhan@thuvien.vn"]);
    const [row] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, id!));
    expect(row!.sentAt).not.toBeNull();
    expect(row!.error).toBeNull();

    // An invitation goes the same way, in the person's language, with its one-time link.
    const invitee = await createUser(handle.db, { fullName: "Cao Bá Quát" });
    await handle.db.update(users).set({ locale: "en" }).where(eq(users.id, await userId(handle.db, invitee)));
    const sent = await sendInvitation(
      handle.db,
      { userId: await userId(handle.db, invitee), actorId: adminId, origin: "https://skillshelf.example.vn" },
      { smtpUrl: `smtp://127.0.0.1:${port}`, from: "Skillshelf <no-reply@skillshelf.local>" },
    );
    expect(sent).toBe(true);
    expect(received).toHaveLength(2);
    expect(received[1]!.to).toEqual([invitee]);
    expect(received[1]!.body).toContain("Subject: You are invited to Skillshelf");
    expect(received[1]!.body.replace(/=\r?\n/g, "")).toMatch(/https:\/\/skillshelf\.example\.vn\/password\/set\/[A-Za-z0-9_-]{43}/);

    const offline = await sendMail(handle.db, { to: "khong@thuvien.vn", subject: "Không SMTP", text: "x", kind: "reset" }, { smtpUrl: null });
    expect(received).toHaveLength(2);
    const [kept] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, offline!));
    expect(kept!.sentAt).toBeNull();
    // The outbox pages list and show it, links clickable.
    const list = await callRoute(outboxRoute.loader, request("/admin/outbox", { cookie: admin }), handle.db);
    expect(JSON.stringify(list.data)).toContain("Không SMTP");
    const one = await callRoute(outboxMessageRoute.loader, request(`/admin/outbox/${id}`, { cookie: admin }), handle.db, { id: id! });
    expect(one.data).toMatchObject({ subject: "Thử SMTP", text: "Xin chào https://example.vn/x" });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test("a unique index refusal is recognised by its name on this driver (for races the early checks miss)", async () => {
  const { isUniqueViolation } = await import("../../../app/platform/db-errors.server");
  const error = await handle.db
    .insert(orgUnits)
    .values({ code: "LS", name: "Trùng mã" })
    .then(() => null)
    .catch((e: unknown) => e);
  expect(isUniqueViolation(error)).toBe(true);
  expect(isUniqueViolation(error, "org_units_code_key")).toBe(true);
  expect(isUniqueViolation(error, "users_email_lower_key")).toBe(false);
  expect(isUniqueViolation(new Error("other"))).toBe(false);
});
