import { addDays, todayInVietnam } from "../../../app/platform/days";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import { assignmentPeople, assignments, courses, userRoles } from "../../../db/schema";
import * as newRoute from "../../../app/training/routes/assignment-new";
import * as detailRoute from "../../../app/training/routes/assignment";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { cookieFor, userId } from "../../support/admin";
import { callRoute, request } from "../../support/route";
import { fakeCourse, syncFake } from "../../support/catalogue";

// Every id an HR user can put in an assignment form or URL is looked up within their subtree: a person or an
// assignment outside it answers 400/404 and the response names nobody.
let handle: DbHandle;
let units: Map<string, string>;
let courseId: string;
let scoped: string;
let admin: string;
let outsiderId: string;
const OUTSIDER = { fullName: "Trương Ngoại Phạm Vi", email: "ngoai.pham.vi@thuvien.test" };
const due = addDays(todayInVietnam(), 14);

beforeAll(async () => {
  handle = await createTestDb();
  units = await seedOrg(handle.db);
  await syncFake(handle.db, fakeCourse("scope-course", [{ slug: "a", vi: "Bài A" }]));
  courseId = (await handle.db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "scope-course")))[0]!.id;
  const scopedEmail = await createUser(handle.db, { roles: ["hr"], orgUnit: "NA" });
  await handle.db.update(userRoles).set({ scopeOrgUnitId: units.get("NA")! }).where(eq(userRoles.userId, await userId(handle.db, scopedEmail)));
  scoped = await cookieFor(handle.db, scopedEmail);
  admin = await cookieFor(handle.db, await createUser(handle.db, { roles: ["admin"], orgUnit: "TVQG" }));
  outsiderId = await userId(handle.db, await createUser(handle.db, { ...OUTSIDER, orgUnit: "TVQG-PV" }));
});
afterAll(async () => handle?.close());

const post = (mod: { action: unknown }, path: string, cookie: string, form: Record<string, string | string[]>, params: Record<string, string> = {}) =>
  callRoute(mod.action as never, request(path, { form, cookie }), handle.db, params);
const revealsOutsider = (data: unknown) => {
  const text = JSON.stringify(data);
  return text.includes(OUTSIDER.fullName) || text.includes(OUTSIDER.email) || text.includes("TVQG");
};
const countAssignments = async () => (await handle.db.select({ n: sql<number>`count(*)::int` }).from(assignments))[0]!.n;

describe("assignment forms keep to the HR user's subtree", () => {
  for (const intent of ["search", "preview", "save"]) {
    it(`the new-assignment form (${intent}) refuses an out-of-scope person without naming them`, async () => {
      const before = await countAssignments();
      const result = await post(newRoute, "/reports/assignments/new", scoped, {
        intent,
        courseId,
        orgUnitId: units.get("NA-PV")!,
        dueOn: due,
        people: [outsiderId],
        peopleQuery: "truong",
      });
      expect(result.status).toBe(400);
      expect(revealsOutsider(result.data)).toBe(false);
      expect(await countAssignments()).toBe(before);
    });
  }

  it("the edit form refuses an out-of-scope person, and keeps the admin's hidden named people", async () => {
    const created = await post(newRoute, "/reports/assignments/new", admin, {
      intent: "save", courseId, orgUnitId: units.get("NA-PV")!, dueOn: due, people: [outsiderId],
    });
    expect(created.status).toBe(302);
    const id = created.location!.match(/assignments\/([0-9a-f-]+)/)![1]!;
    const page = await callRoute(detailRoute.loader as never, request(`/reports/assignments/${id}`, { cookie: scoped }), handle.db, { id });
    expect(page.status).toBe(200);
    expect(revealsOutsider(page.data)).toBe(false);
    const forged = await post(detailRoute, `/reports/assignments/${id}`, scoped, { intent: "search", orgUnitId: units.get("NA-PV")!, dueOn: due, people: [outsiderId] }, { id });
    expect(forged.status).toBe(400);
    expect(revealsOutsider(forged.data)).toBe(false);
    const saved = await post(detailRoute, `/reports/assignments/${id}`, scoped, { intent: "save", orgUnitId: units.get("NA-PV")!, dueOn: due, daysForNewcomers: "30" }, { id });
    expect(saved.status).toBe(302);
    const named = await handle.db.select({ userId: assignmentPeople.userId }).from(assignmentPeople).where(eq(assignmentPeople.assignmentId, id));
    expect(named.map((n) => n.userId)).toEqual([outsiderId]);
  });

  it("any intent on an assignment outside the subtree is a 404", async () => {
    const created = await post(newRoute, "/reports/assignments/new", admin, { intent: "save", courseId, orgUnitId: units.get("TVQG")!, dueOn: due });
    const id = created.location!.match(/assignments\/([0-9a-f-]+)/)![1]!;
    for (const intent of ["search", "preview", "save", "withdraw"]) {
      const result = await post(detailRoute, `/reports/assignments/${id}`, scoped, { intent, peopleQuery: "truong", people: [outsiderId] }, { id });
      expect(result.status, intent).toBe(404);
      expect(revealsOutsider(result.data)).toBe(false);
    }
  });
});
