import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import * as loginRoute from "../../../app/accounts/routes/login";
import * as localeRoute from "../../../app/accounts/routes/locale";
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

const signIn = (email: string, redirectTo: string, ip: string) =>
  callRoute(loginRoute.action, request("/login", { form: { email, password: TEST_PASSWORD, redirectTo }, headers: { "x-skillshelf-client-ip": ip } }), handle.db);

test("after sign-in, a redirectTo that a browser would read as another host goes to My learning", async () => {
  const email = await createUser(handle.db);
  for (const [i, to] of ["/\t/evil.example", "/.\\/evil.example", "/.//evil.example", "/%2F/evil.example", "/\uff0fevil.example"].entries()) {
    const result = await signIn(email, to, `10.50.0.${i}`);
    expect(result.status, JSON.stringify(to)).toBe(302);
    expect(result.location).toBe("/learning");
  }
  const cookie = cookieFrom(await signIn(email, "/learning", "10.50.1.1"));
  const page = await callRoute(loginRoute.loader, request("/login?redirectTo=/%09/evil.example", { cookie }), handle.db);
  expect(page.status).toBe(302);
  expect(page.location).toBe("/learning");
});

test("a line break in redirectTo answers 400 on the sign-in page and form and the language switch, never 500", async () => {
  const email = await createUser(handle.db);
  const cookie = cookieFrom(await signIn(email, "/learning", "10.51.0.1"));
  for (const cookieOrNot of [undefined, cookie]) {
    const page = await callRoute(loginRoute.loader, request("/login?redirectTo=/x%0D%0ASet-Cookie:%20a=b", { cookie: cookieOrNot }), handle.db);
    expect(page.status).toBe(400);
  }
  const posted = await signIn(email, "/x\r\nSet-Cookie: a=b", "10.51.0.2");
  expect(posted.status).toBe(400);
  expect(posted.headers.get("set-cookie")).toBeNull();
  const locale = await callRoute(localeRoute.action, request("/locale", { form: { locale: "en", redirectTo: "/x\nLocation: //evil.example" } }), handle.db);
  expect(locale.status).toBe(400);
});
