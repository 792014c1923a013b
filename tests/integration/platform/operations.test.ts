import { expect, test } from "vitest";
import { openDb } from "../../../db/client";
import { connect, DatabaseUnreachableError } from "../../../app/platform/db.server";
import { parseEnv } from "../../../app/platform/env.server";
import * as healthz from "../../../app/platform/routes/healthz";
import { createTestDb } from "../../support/db";
import { callRoute, request } from "../../support/route";

test("/healthz answers 200 while the database answers and 503 once it does not", async () => {
  const handle = await createTestDb();
  const ok = await callRoute(healthz.loader, request("/healthz"), handle.db);
  expect(ok.status).toBe(200);
  expect(ok.data).toEqual({ status: "ok", database: "reachable" });
  const broken = await openDb({ dataDir: "memory://" });
  await broken.close();
  const down = await callRoute(healthz.loader, request("/healthz"), broken.db);
  expect(down.status).toBe(503);
  expect(down.data).toEqual({ status: "unavailable", database: "unreachable" });
  await handle.close();
  // Two databases start here (the test's and an embedded one that is then closed): on a loaded machine PGlite's
  // start alone has taken over 30 s.
}, 120_000);

test("an unreachable database server is reported with its host, in one line", async () => {
  const env = parseEnv({ DATABASE_URL: "postgres://skillshelf@127.0.0.1:1/skillshelf" });
  const error = await connect(env).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DatabaseUnreachableError);
  expect((error as Error).message).toMatch(/^Cannot reach the database at 127\.0\.0\.1:1: /);
  expect((error as Error).message).not.toContain("\n");
});
