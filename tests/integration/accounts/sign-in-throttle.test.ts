import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import * as loginRoute from "../../../app/accounts/routes/login";
import * as forgotRoute from "../../../app/accounts/routes/password-forgot";
import * as verifyRoute from "../../../app/certificates/routes/verify";
import { LOGIN_LIMITS, loginLimiters } from "../../../app/platform/rate-limit.server";
import { createTestDb } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { callRoute, request } from "../../support/route";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const signIn = (email: string, password: string, ip: string) =>
  callRoute(loginRoute.action, request("/login", { form: { email, password, redirectTo: "/learning" }, headers: { "x-skillshelf-client-ip": ip } }), handle.db);

test("one person's failures at a shared address lock out that person, not the library behind the same NAT", async () => {
  const nat = "10.60.0.1";
  const careless = await createUser(handle.db);
  const statuses: number[] = [];
  for (let i = 0; i < 32; i++) statuses.push((await signIn(careless, "wrong", nat)).status);
  expect(statuses.at(-1)).toBe(429);
  // Colleagues each mistype a few times too: 36 failures at the address in all, past the old 30-per-address rule.
  const colleagues = await Promise.all(Array.from({ length: 8 }, () => createUser(handle.db)));
  for (const email of colleagues) for (let i = 0; i < 4; i++) expect((await signIn(email, "wrong", nat)).status).toBe(401);
  const someoneElse = await createUser(handle.db);
  const result = await signIn(someoneElse, TEST_PASSWORD, nat);
  expect(result.status).toBe(302);
  expect((await signIn(colleagues[0]!, TEST_PASSWORD, nat)).status).toBe(302);
  expect((await signIn(careless, TEST_PASSWORD, nat)).status).toBe(429);
  // Every failure still counts towards the address-wide ceiling.
  const counted = await loginLimiters(handle.db).perIp.get(nat);
  expect(counted?.consumedPoints).toBe(5 + 8 * 4);
});

test("the address-wide ceiling still blocks everyone at that address, with Retry-After", async () => {
  const flood = "10.61.0.1";
  const email = await createUser(handle.db);
  // The flood itself (300 password checks) is stood in for by its count; the failure that reaches it is real.
  await loginLimiters(handle.db).perIp.penalty(flood, LOGIN_LIMITS.perIp.points - 1);
  const reaching = await signIn(`nobody.${Date.now()}@thuvien.vn`, "wrong", flood);
  expect(reaching.status).toBe(429);
  const blocked = await signIn(email, TEST_PASSWORD, flood);
  expect(blocked.status).toBe(429);
  expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
  expect((await signIn(email, TEST_PASSWORD, "10.61.0.2")).status).toBe(302);
});

test("every 429 says when to come back: sign-in, forgotten password, certificate verification", async () => {
  const email = await createUser(handle.db);
  let login = await signIn(email, "wrong", "10.62.0.1");
  while (login.status !== 429) login = await signIn(email, "wrong", "10.62.0.1");
  let forgot = await callRoute(forgotRoute.action, request("/password/forgot", { form: { email }, headers: { "x-skillshelf-client-ip": "10.62.0.2" } }), handle.db);
  while (forgot.status === 200) {
    forgot = await callRoute(forgotRoute.action, request("/password/forgot", { form: { email }, headers: { "x-skillshelf-client-ip": "10.62.0.2" } }), handle.db);
  }
  let verify = await callRoute(verifyRoute.loader, request("/verify?code=AAAA-BBBB", { headers: { "x-skillshelf-client-ip": "10.62.0.3" } }), handle.db);
  for (let i = 0; i < 100 && verify.status !== 429; i++) {
    verify = await callRoute(verifyRoute.loader, request("/verify?code=AAAA-BBBB", { headers: { "x-skillshelf-client-ip": "10.62.0.3" } }), handle.db);
  }
  for (const response of [login, forgot, verify]) {
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  }
});
