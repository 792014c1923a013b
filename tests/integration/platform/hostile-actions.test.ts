import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { assignments, certificates, courses, userRoles, users } from "../../../db/schema";
import routes from "../../../app/routes";
import { addDays, todayInVietnam } from "../../../app/platform/days";
import { rootMiddleware } from "../../../app/platform/middleware.server";
import { completeLesson, findLesson, recordLessonVisit } from "../../../app/learning/progress.server";
import { rowsOf } from "../../../app/platform/org-scope.server";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { cookieFor, userId } from "../../support/admin";
import { callRoute } from "../../support/route";
import { fakeCourse, syncFake } from "../../support/catalogue";
import { FIELDS, HOSTILE_URLS, hostileBodies, type HostileBody, UNKNOWN_INTENTS } from "../../support/hostile-corpus";

// Every route with an action in app/routes.ts, as every kind of user, gets the whole hostile corpus: no answer is
// a 5xx, and no table changes (sessions and the sign-in throttle excepted: a post to /logout signs out, and a
// failed sign-in is counted, by design).
type Entry = { path: string; file: string; children?: Entry[] };
type RouteModule = { action?: (args: never) => unknown; loader?: (args: never) => unknown };
const flatten = (entries: Entry[], prefix = ""): { path: string; file: string }[] =>
  entries.flatMap((e) => {
    const path = e.path ? `${prefix}/${e.path}` : prefix || "/";
    return [{ path, file: e.file }, ...flatten(e.children ?? [], path === "/" ? "" : path)];
  });
const ORIGIN = "http://localhost:3000";
const SKIPPED_TABLES = new Set(["sessions", "rate_limits"]);

let handle: DbHandle;
const cookies: Record<string, string | undefined> = {};
const params: Record<string, string> = {};
let actionRoutes: { path: string; file: string; module: RouteModule }[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  const { db } = handle;
  await syncFake(db, fakeCourse("hostile-course", [{ slug: "only", vi: "Bài duy nhất" }], { validForMonths: 24 }));
  const learnerEmail = await createUser(db, { orgUnit: "NA-PV", fullName: "Học Viên Thử" });
  const learnerId = await userId(db, learnerEmail);
  const lesson = (await findLesson(db, "hostile-course", "only"))!;
  await recordLessonVisit(db, learnerId, lesson);
  await completeLesson(db, learnerId, lesson);
  const [cert] = await db.select({ code: certificates.code }).from(certificates).where(eq(certificates.userId, learnerId));
  const [course] = await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "hostile-course"));
  const [unit] = await db.select({ id: users.orgUnitId }).from(users).where(eq(users.id, learnerId));
  const [assignment] = await db.insert(assignments).values({ courseId: course!.id, orgUnitId: unit!.id!, dueOn: addDays(todayInVietnam(), 30) }).returning({ id: assignments.id });
  const scopedEmail = await createUser(db, { roles: ["hr"], orgUnit: "NA" });
  await db.update(userRoles).set({ scopeOrgUnitId: unit!.id }).where(eq(userRoles.userId, await userId(db, scopedEmail)));
  cookies.learner = await cookieFor(db, learnerEmail);
  cookies.trainer = await cookieFor(db, await createUser(db, { roles: ["trainer", "learner"] }));
  cookies.scopedHr = await cookieFor(db, scopedEmail);
  cookies.admin = await cookieFor(db, await createUser(db, { roles: ["admin"] }));
  cookies.signedOut = undefined;
  Object.assign(params, {
    course: "hostile-course", lesson: "only", quiz: "q1", code: cert!.code, token: "not-a-token", list: "1", file: "x.json",
    unitId: unit!.id!, userId: learnerId, id: assignment!.id,
  });
  const all = flatten(routes as Entry[]);
  const modules = import.meta.glob<RouteModule>("../../../app/*/routes/*.{ts,tsx}");
  const loaded = await Promise.all(all.map(async (r) => ({ ...r, module: await modules[`../../../app/${r.file}`]!() })));
  // /logout last: it ends the session it is posted with.
  actionRoutes = loaded.filter((r) => r.module.action).sort((a, b) => Number(a.path === "/logout") - Number(b.path === "/logout"));
}, 120_000);
afterAll(async () => handle?.close());

/** Per table: row count and a checksum of every row. */
async function snapshot() {
  const tables = rowsOf<{ name: string }>(await handle.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`));
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (SKIPPED_TABLES.has(name)) continue;
    const [row] = rowsOf<{ n: number; sum: string | null }>(
      await handle.db.execute(sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as sum from "${name}" t`)),
    );
    out[name] = `${row!.n}:${row!.sum}`;
  }
  return out;
}

const pathFor = (pattern: string) => pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? "x"));
const paramsFor = (pattern: string) => Object.fromEntries([...pattern.matchAll(/:([a-zA-Z]+)/g)].map(([, name]) => [name!, params[name!] ?? "x"]));

function hostileRequest(path: string, body: HostileBody, cookie?: string) {
  const headers = new Headers({ origin: ORIGIN, host: "localhost:3000", "x-skillshelf-client-ip": "10.9.9.9" });
  if (body.contentType) headers.set("content-type", body.contentType);
  if (cookie) headers.set("cookie", cookie);
  return new Request(ORIGIN + path, { method: "POST", headers, body: body.body as BodyInit | undefined });
}

describe("the hostile corpus against every action", () => {
  for (const role of ["signedOut", "learner", "trainer", "scopedHr", "admin"]) {
    it(`as ${role}: no 5xx, no table changed`, { timeout: 300_000 }, async () => {
      const before = await snapshot();
      const failures: string[] = [];
      for (const route of actionRoutes) {
        for (const body of hostileBodies()) {
          const result = await callRoute(route.module.action as never, hostileRequest(pathFor(route.path), body, cookies[role]), handle.db, paramsFor(route.path));
          if (result.status >= 500) failures.push(`${route.path} ${body.name}: ${result.status} ${JSON.stringify(result.data).slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("arbitrary text in every field, as admin and signed out: never a 5xx", { timeout: 300_000 }, async () => {
    const value = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 50 }), fc.constantFrom("\0", "\uD800", "%00", "a|{", "😀".repeat(20)));
    const record = fc.record({ intent: fc.constantFrom(...UNKNOWN_INTENTS), fields: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }) });
    const failures: string[] = [];
    for (const route of actionRoutes.filter((r) => r.path !== "/logout")) {
      await fc.assert(
        fc.asyncProperty(record, fc.constantFrom("admin", "signedOut"), async ({ intent, fields }, role) => {
          const form = new URLSearchParams({ intent, ...fields });
          const result = await callRoute(
            route.module.action as never,
            hostileRequest(pathFor(route.path), { name: "fc", contentType: "application/x-www-form-urlencoded", body: form.toString() }, cookies[role]),
            handle.db,
            paramsFor(route.path),
          );
          if (result.status >= 500) failures.push(`${route.path} ${JSON.stringify(fields).slice(0, 200)}: ${result.status}`);
          return result.status < 500;
        }),
        { numRuns: 15 },
      );
    }
    expect(failures).toEqual([]);
  });

  it("NUL bytes and broken escapes in URL segments and queries are 400/404, never a 5xx", async () => {
    const run = async (path: string, cookie?: string) => {
      const req = new Request(ORIGIN + path, { headers: { host: "localhost:3000", ...(cookie ? { cookie } : {}) } });
      const url = new URL(req.url);
      const response = (await rootMiddleware({ request: req, context: new (await import("react-router")).RouterContextProvider(), params: {}, url, pattern: url.pathname } as never, async () => new Response("reached")))  as Response;
      return response;
    };
    for (const path of HOSTILE_URLS) {
      const response = await run(path, cookies.admin);
      expect([400, 404], path).toContain(response.status);
      expect(await response.text()).not.toBe("reached");
    }
    expect((await run("/courses?q=nguy%E1%BB%85n")).status).toBe(200);
  });
});
