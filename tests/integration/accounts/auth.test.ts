import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { sessions, users } from "../../../db/schema";
import { sessionIdFromToken, validateSessionToken } from "../../../app/platform/session.server";
import * as loginRoute from "../../../app/accounts/routes/login";
import * as logoutRoute from "../../../app/accounts/routes/logout";
import * as accountRoute from "../../../app/accounts/routes/account";
import * as learningRoute from "../../../app/learning/routes/my-learning";
import * as trainerRoute from "../../../app/authoring/routes/trainer";
import * as reportsRoute from "../../../app/reports/routes/reports";
import * as adminRoute from "../../../app/people/routes/admin";
import * as adminStaffRoute from "../../../app/people/routes/staff";
import * as adminPersonRoute from "../../../app/people/routes/person";
import { createTestDb } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { callRoute, cookieFrom, request } from "../../support/route";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function signIn(email: string, password = TEST_PASSWORD, ip = "10.0.0.1") {
  return callRoute(
    loginRoute.action,
    request("/login", { form: { email, password, redirectTo: "/learning" }, headers: { "x-skillshelf-client-ip": ip } }),
    handle.db,
  );
}

test("signing in with the right password starts a session and follows redirectTo", async () => {
  const email = await createUser(handle.db);
  const result = await signIn(email.toUpperCase());
  expect(result.status).toBe(302);
  expect(result.location).toBe("/learning");
  const setCookie = result.headers.get("set-cookie")!;
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  const page = await callRoute(learningRoute.loader, request("/learning", { cookie: cookieFrom(result) }), handle.db);
  expect(page.status).toBe(200);
  expect(page.data).toMatchObject({ fullName: "Nguyễn Thị Hồng Vân" });
});

test("a wrong password is refused with a message and no cookie", async () => {
  const email = await createUser(handle.db);
  const result = await signIn(email, "not the password");
  expect(result.status).toBe(401);
  expect(JSON.stringify(result.data)).toContain("login.invalid");
  expect(result.headers.get("set-cookie")).toBeNull();
});

test("malformed, empty and 10,000-character input gets field errors and a 400", async () => {
  for (const form of [
    { email: "not-an-email", password: "x" },
    { email: "", password: "" },
    { email: `${"a".repeat(10_000)}@x.vn`, password: "p".repeat(10_000) },
  ]) {
    const result = await callRoute(loginRoute.action, request("/login", { form }), handle.db);
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toMatch(/validation\.(email|required|tooLong)/);
  }
});

test("repeated failures for one account are throttled with 429, even with the right password", async () => {
  const email = await createUser(handle.db);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await signIn(email, "wrong", `10.1.0.${i}`)).status);
  expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
  expect(statuses[4]).toBe(429);
  const blocked = await signIn(email, TEST_PASSWORD, "10.1.0.99");
  expect(blocked.status).toBe(429);
  expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(JSON.stringify(blocked.data)).toContain("login.throttled");
});

test("only the SHA-256 of the session token is stored", async () => {
  const email = await createUser(handle.db);
  const result = await signIn(email);
  const token = cookieFrom(result).split("=")[1]!;
  const rows = await handle.db.select({ id: sessions.id }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(sql`lower(${users.email}) = ${email}`);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.id).toBe(sessionIdFromToken(token));
  expect(rows[0]!.id).not.toContain(token);
  expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
});

test("an expired session is rejected and deleted; a session near expiry slides forward", async () => {
  const email = await createUser(handle.db);
  const token = cookieFrom(await signIn(email)).split("=")[1]!;
  const id = sessionIdFromToken(token);
  await handle.db.update(sessions).set({ expiresAt: new Date(Date.now() + 24 * 3600 * 1000) }).where(eq(sessions.id, id));
  const renewed = await validateSessionToken(handle.db, token);
  expect(renewed?.renewed).toBe(true);
  expect(renewed!.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  await handle.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, id));
  const page = await callRoute(learningRoute.loader, request("/learning", { cookie: `skillshelf_session=${token}` }), handle.db);
  expect(page.status).toBe(302);
  expect(page.location).toBe("/login?redirectTo=%2Flearning");
  expect(page.headers.get("set-cookie")).toMatch(/Max-Age=0/);
  expect(await handle.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
});

test("signing out deletes the session", async () => {
  const email = await createUser(handle.db);
  const cookie = cookieFrom(await signIn(email));
  const out = await callRoute(logoutRoute.action, request("/logout", { method: "POST", form: {}, cookie }), handle.db);
  expect(out.status).toBe(302);
  expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
  const after = await callRoute(learningRoute.loader, request("/learning", { cookie }), handle.db);
  expect(after.status).toBe(302);
});

test("forged cookies and cookies of deleted or deactivated users lead to sign-in, never a 500", async () => {
  for (const cookie of ["skillshelf_session=forged", "skillshelf_session=" + "a".repeat(32), "skillshelf_session=%00%ff"]) {
    const page = await callRoute(learningRoute.loader, request("/learning", { cookie }), handle.db);
    expect(page.status).toBe(302);
  }
  const email = await createUser(handle.db);
  const cookie = cookieFrom(await signIn(email));
  await handle.db.update(users).set({ active: false }).where(sql`lower(${users.email}) = ${email}`);
  expect((await callRoute(learningRoute.loader, request("/learning", { cookie }), handle.db)).status).toBe(302);
  const email2 = await createUser(handle.db);
  const cookie2 = cookieFrom(await signIn(email2));
  await handle.db.delete(users).where(sql`lower(${users.email}) = ${email2}`);
  expect((await callRoute(learningRoute.loader, request("/learning", { cookie: cookie2 }), handle.db)).status).toBe(302);
});

test("role guards: each role page admits its role and answers 403 to others", async () => {
  const cookies = {
    learner: cookieFrom(await signIn(await createUser(handle.db, { roles: ["learner"] }))),
    trainer: cookieFrom(await signIn(await createUser(handle.db, { roles: ["learner", "trainer"] }))),
    hr: cookieFrom(await signIn(await createUser(handle.db, { roles: ["learner", "hr"] }))),
    admin: cookieFrom(await signIn(await createUser(handle.db, { roles: ["learner", "admin"] }))),
  };
  const pages = { learner: learningRoute, trainer: trainerRoute, hr: reportsRoute, admin: adminRoute } as const;
  const paths = { learner: "/learning", trainer: "/trainer", hr: "/reports", admin: "/admin" } as const;
  const expected: Record<string, Record<string, number>> = {
    learner: { learner: 200, trainer: 403, hr: 403, admin: 403 },
    trainer: { learner: 200, trainer: 200, hr: 403, admin: 403 },
    hr: { learner: 200, trainer: 403, hr: 200, admin: 403 },
    admin: { learner: 200, trainer: 200, hr: 200, admin: 200 },
  };
  for (const [who, cookie] of Object.entries(cookies)) {
    for (const [page, mod] of Object.entries(pages)) {
      const result = await callRoute(mod.loader as never, request(paths[page as keyof typeof paths], { cookie }), handle.db);
      expect(`${who}→${page}:${result.status}`).toBe(`${who}→${page}:${expected[who]![page]}`);
      if (result.status === 403) expect(result.data).toMatchObject({ reason: "forbidden" });
    }
  }
  const visitor = await callRoute(reportsRoute.loader, request("/reports?unit=1"), handle.db);
  expect(visitor.status).toBe(302);
  expect(visitor.location).toBe("/login?redirectTo=%2Freports%3Funit%3D1");
});

test("changing the password needs the current one and signs out other sessions", async () => {
  const email = await createUser(handle.db);
  const first = cookieFrom(await signIn(email));
  const second = cookieFrom(await signIn(email));
  const wrong = await callRoute(
    accountRoute.action,
    request("/account", { form: { currentPassword: "nope", newPassword: "a new long password", confirmPassword: "a new long password" }, cookie: first }),
    handle.db,
  );
  expect(wrong.status).toBe(400);
  expect(JSON.stringify(wrong.data)).toContain("account.wrongCurrent");
  const mismatch = await callRoute(
    accountRoute.action,
    request("/account", { form: { currentPassword: TEST_PASSWORD, newPassword: "a new long password", confirmPassword: "different" }, cookie: first }),
    handle.db,
  );
  expect(mismatch.status).toBe(400);
  const ok = await callRoute(
    accountRoute.action,
    request("/account", { form: { currentPassword: TEST_PASSWORD, newPassword: "a new long password", confirmPassword: "a new long password" }, cookie: first }),
    handle.db,
  );
  expect(ok.status).toBe(302);
  expect((await callRoute(learningRoute.loader, request("/learning", { cookie: first }), handle.db)).status).toBe(200);
  expect((await callRoute(learningRoute.loader, request("/learning", { cookie: second }), handle.db)).status).toBe(302);
  expect((await signIn(email, "a new long password")).status).toBe(302);
});

test("an admin can revoke every session of a person, on the person's page only", async () => {
  const admin = cookieFrom(await signIn(await createUser(handle.db, { roles: ["admin"] })));
  const email = await createUser(handle.db);
  const victim = cookieFrom(await signIn(email));
  const [row] = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  // The staff list no longer takes it (one person at a time, where the admin sees who they are acting on).
  expect("action" in adminStaffRoute).toBe(false);
  const bad = await callRoute(adminPersonRoute.action, request("/admin/staff/x", { form: { intent: "revoke-sessions" }, cookie: admin }), handle.db, { id: "x" });
  expect(bad.status).toBe(404);
  expect((await callRoute(learningRoute.loader, request("/learning", { cookie: victim }), handle.db)).status).toBe(200);
  const res = await callRoute(
    adminPersonRoute.action,
    request(`/admin/staff/${row!.id}`, { form: { intent: "revoke-sessions" }, cookie: admin }),
    handle.db,
    { id: row!.id },
  );
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`/admin/staff/${row!.id}?revoked=1`);
  expect((await callRoute(learningRoute.loader, request("/learning", { cookie: victim }), handle.db)).status).toBe(302);
});

test("state-changing requests from another origin are refused with 403", async () => {
  const email = await createUser(handle.db);
  const req = request("/login", { form: { email, password: TEST_PASSWORD }, headers: { origin: "https://evil.example" } });
  const result = await callRoute(loginRoute.action, req, handle.db);
  expect(result.status).toBe(403);
  expect(result.data).toMatchObject({ reason: "cross-origin" });
  const fetchSite = request("/login", { form: { email, password: TEST_PASSWORD }, headers: { "sec-fetch-site": "cross-site" } });
  expect((await callRoute(loginRoute.action, fetchSite, handle.db)).status).toBe(403);
});
