import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import * as learningRoute from "../../../app/learning/routes/my-learning";
import * as loginRoute from "../../../app/accounts/routes/login";
import * as issuerRoute from "../../../app/certificates/routes/issuer";
import * as exportRoute from "../../../app/reports/routes/export";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { cookieFor } from "../../support/admin";
import { callRoute, request } from "../../support/route";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

test("a signed-in person's pages and exports are private, no-store; public documents keep their caching", async () => {
  const learner = await cookieFor(handle.db, await createUser(handle.db));
  const hr = await cookieFor(handle.db, await createUser(handle.db, { roles: ["hr"] }));
  const page = await callRoute(learningRoute.loader, request("/learning", { cookie: learner }), handle.db);
  expect(page.status).toBe(200);
  expect(page.headers.get("cache-control")).toBe("private, no-store");
  for (const path of ["/reports/export.csv?view=matrix", "/reports/export.xlsx?view=matrix"]) {
    const file = await callRoute(exportRoute.loader, request(path, { cookie: hr }), handle.db);
    expect(file.status, path).toBe(200);
    expect(file.headers.get("cache-control")).toBe("private, no-store");
  }
  const issuer = await callRoute(issuerRoute.loader, request("/issuer", { cookie: learner }), handle.db);
  expect(issuer.headers.get("cache-control")).toBe("public, max-age=3600");
  const signedOut = await callRoute(loginRoute.loader, request("/login"), handle.db);
  expect(signedOut.headers.get("cache-control")).toBeNull();
});
