import { addDays, todayInVietnam } from "../../../app/platform/days";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import { assignments, courses, learnerAssignments, userRoles, users } from "../../../db/schema";
import * as listRoute from "../../../app/training/routes/assignments";
import * as newRoute from "../../../app/training/routes/assignment-new";
import * as detailRoute from "../../../app/training/routes/assignment";
import * as loginRoute from "../../../app/accounts/routes/login";

import { createTestDb } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { callRoute, cookieFrom, request } from "../../support/route";
import { fakeCourse, syncFake } from "../../support/catalogue";

let handle: DbHandle;
let units: Map<string, string>;
let courseId: string;
const cookies: Record<string, string> = {};
const due = addDays(todayInVietnam(), 14);

const idOf = async (email: string) =>
  (await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`))[0]!.id;
const signIn = async (email: string) =>
  cookieFrom(await callRoute(loginRoute.action as never, request("/login", { form: { email, password: TEST_PASSWORD } }), handle.db));

beforeAll(async () => {
  handle = await createTestDb();
  units = await seedOrg(handle.db);
  await syncFake(handle.db, fakeCourse("route-course", [{ slug: "a", vi: "Bài A" }]), fakeCourse("draft-course", [{ slug: "a", vi: "Bài A" }], { published: false }));
  courseId = (await handle.db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "route-course")))[0]!.id;
  const scopedEmail = await createUser(handle.db, { roles: ["hr"], orgUnit: "NA" });
  await handle.db.update(userRoles).set({ scopeOrgUnitId: units.get("NA")! }).where(eq(userRoles.userId, await idOf(scopedEmail)));
  cookies.hr = await signIn(await createUser(handle.db, { roles: ["hr"], orgUnit: "TVQG" }));
  cookies.scoped = await signIn(scopedEmail);
  cookies.learner = await signIn(await createUser(handle.db, { roles: ["learner"] }));
  cookies.trainer = await signIn(await createUser(handle.db, { roles: ["trainer", "learner"] }));
});
afterAll(async () => handle?.close());

const post = (mod: { action: unknown }, path: string, cookie: string, form: Record<string, string | string[]>, params: Record<string, string> = {}) =>
  callRoute(mod.action as never, request(path, { form, cookie }), handle.db, params);
const get = (mod: { loader: unknown }, path: string, cookie: string, params: Record<string, string> = {}) =>
  callRoute(mod.loader as never, request(path, { cookie }), handle.db, params);

describe("assignment pages", () => {
  it("HR creates, sees, edits and withdraws an assignment with plain form posts", async () => {
    const created = await post(newRoute, "/reports/assignments/new", cookies.hr!, {
      intent: "save",
      courseId,
      orgUnitId: units.get("LS")!,
      includeDescendants: "on",
      dueOn: due,
      daysForNewcomers: "30",
    });
    expect(created.status).toBe(302);
    const id = created.location!.match(/assignments\/([0-9a-f-]+)/)![1]!;
    const list = await get(listRoute, "/reports/assignments", cookies.hr!);
    expect(list.status).toBe(200);
    const row = (list.data as { assignments: { id: string; assigned: number }[] }).assignments.find((a) => a.id === id);
    expect(row?.assigned).toBeGreaterThan(0);
    expect((await get(detailRoute, `/reports/assignments/${id}`, cookies.hr!, { id })).status).toBe(200);

    const edited = await post(detailRoute, `/reports/assignments/${id}`, cookies.hr!, { intent: "save", orgUnitId: units.get("LS")!, dueOn: addDays(due, 1), daysForNewcomers: "10" }, { id });
    expect(edited.location).toBe(`/reports/assignments/${id}?saved=1`);
    expect((await handle.db.select().from(assignments).where(eq(assignments.id, id)))[0]).toMatchObject({ dueOn: addDays(due, 1), includeDescendants: false, daysForNewcomers: 10 });

    const withdrawn = await post(detailRoute, `/reports/assignments/${id}`, cookies.hr!, { intent: "withdraw" }, { id });
    expect(withdrawn.status).toBe(302);
    const open = await handle.db.select().from(learnerAssignments).where(sql`${learnerAssignments.assignmentId} = ${id} and ${learnerAssignments.closedAt} is null`);
    expect(open).toHaveLength(0);
  });

  it("answers 400 with field errors for bad input, and previews and searches without saving", async () => {
    const bad = await post(newRoute, "/reports/assignments/new", cookies.hr!, { intent: "save", courseId, dueOn: "2026-02-31" });
    expect(bad.status).toBe(400);
    const error = (bad.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(error.dueOn).toEqual(["assignments.errors.dueOn"]);
    expect(error.orgUnitId).toEqual(["assignments.errors.noTarget"]);
    const draft = (await handle.db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "draft-course")))[0]!.id;
    const unpublished = await post(newRoute, "/reports/assignments/new", cookies.hr!, { intent: "save", courseId: draft, orgUnitId: units.get("LS")!, dueOn: due });
    expect(unpublished.status).toBe(400);

    const before = (await handle.db.select().from(assignments)).length;
    const preview = await post(newRoute, "/reports/assignments/new", cookies.hr!, { intent: "preview", courseId, orgUnitId: units.get("LS")!, includeDescendants: "on", dueOn: due });
    expect((preview.data as { coverage: number }).coverage).toBeGreaterThan(0);
    await createUser(handle.db, { fullName: "Đặng Thị Thuỳ", orgUnit: "NA-PV" });
    const search = await post(newRoute, "/reports/assignments/new", cookies.hr!, { intent: "search", peopleQuery: "dang thi thuy" });
    expect((search.data as { results: { fullName: string }[] }).results.map((p) => p.fullName)).toContain("Đặng Thị Thuỳ");
    expect((await handle.db.select().from(assignments)).length).toBe(before);
  });

  it("scoped HR cannot assign outside their subtree, nor see others' assignments", async () => {
    const outside = await post(newRoute, "/reports/assignments/new", cookies.scoped!, { intent: "save", courseId, orgUnitId: units.get("LS")!, dueOn: due });
    expect(outside.status).toBe(403);
    const stranger = await idOf(await createUser(handle.db, { orgUnit: "TVQG-PV" }));
    const namedOutside = await post(newRoute, "/reports/assignments/new", cookies.scoped!, { intent: "save", courseId, people: [stranger], dueOn: due });
    expect(namedOutside.status).toBe(400);
    const byTitleOnly = await post(newRoute, "/reports/assignments/new", cookies.scoped!, { intent: "save", courseId, jobTitle: "Thủ thư", dueOn: due });
    expect(byTitleOnly.status).toBe(400);
    const inside = await post(newRoute, "/reports/assignments/new", cookies.scoped!, { intent: "save", courseId, orgUnitId: units.get("NA-PV")!, dueOn: due });
    expect(inside.status).toBe(302);

    const hrOwn = await post(newRoute, "/reports/assignments/new", cookies.hr!, { intent: "save", courseId, orgUnitId: units.get("TVQG")!, dueOn: due });
    const foreignId = hrOwn.location!.match(/assignments\/([0-9a-f-]+)/)![1]!;
    expect((await get(detailRoute, `/reports/assignments/${foreignId}`, cookies.scoped!, { id: foreignId })).status).toBe(404);
    expect((await post(detailRoute, `/reports/assignments/${foreignId}`, cookies.scoped!, { intent: "withdraw" }, { id: foreignId })).status).toBe(404);
    const list = await get(listRoute, "/reports/assignments", cookies.scoped!);
    expect((list.data as { assignments: { id: string }[] }).assignments.map((a) => a.id)).not.toContain(foreignId);
    expect((await get(detailRoute, "/reports/assignments/not-a-uuid", cookies.hr!, { id: "not-a-uuid" })).status).toBe(404);
  });

  it("learners and trainers get 403 on every assignment route", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    for (const who of ["learner", "trainer"]) {
      const cookie = cookies[who]!;
      expect((await get(listRoute, "/reports/assignments", cookie)).status).toBe(403);
      expect((await get(newRoute, "/reports/assignments/new", cookie)).status).toBe(403);
      expect((await post(newRoute, "/reports/assignments/new", cookie, { intent: "save", courseId, orgUnitId: units.get("LS")!, dueOn: due })).status).toBe(403);
      expect((await get(detailRoute, `/reports/assignments/${id}`, cookie, { id })).status).toBe(403);
      expect((await post(detailRoute, `/reports/assignments/${id}`, cookie, { intent: "withdraw" }, { id })).status).toBe(403);
    }
  });
});
