// Staff administration and assigned training meet here: whoever the admin creates, moves, imports or
// deactivates gets (or loses) their unit's assigned training at once, in the same transaction.
import { addDays, todayInVietnam } from "../../../app/platform/days";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Db, DbHandle } from "../../../db/client";
import { seedOrg } from "../../../db/seed";
import { courses, learnerAssignments, users } from "../../../db/schema";
import { createAssignment } from "../../../app/training/assignments.server";
import { savePerson } from "../../../app/people/staff-admin.server";
import { applyImport, previewImport } from "../../../app/people/staff-import.server";
import { AssignmentSchema } from "../../../app/training/schemas";
import { createTestDb } from "../../support/db";
import { fakeCourse, syncFake } from "../../support/catalogue";

let handle: DbHandle;
let db: Db;
let units: Map<string, string>;
let adminId: string;
let assignmentId: string;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  units = await seedOrg(db);
  await syncFake(db, fakeCourse("staff-assigned-course", [{ slug: "one", vi: "Bài một" }]));
  const [course] = await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, "staff-assigned-course"));
  const [admin] = await db.insert(users).values({ email: "admin@staff-assign.test", fullName: "Quản trị" }).returning({ id: users.id });
  adminId = admin!.id;
  const outcome = await createAssignment(
    db,
    { id: adminId, roles: ["admin"] },
    AssignmentSchema.parse({ courseId: course!.id, orgUnitId: units.get("LS"), includeDescendants: "on", dueOn: addDays(todayInVietnam(), 14) }),
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  assignmentId = outcome.id;
});
afterAll(async () => handle?.close());

async function openRows(userId: string) {
  return db
    .select()
    .from(learnerAssignments)
    .where(and(eq(learnerAssignments.userId, userId), eq(learnerAssignments.assignmentId, assignmentId), isNull(learnerAssignments.closedAt)));
}

const person = (overrides: Partial<Parameters<typeof savePerson>[3]>) => ({
  fullName: "Lê Hải Yến",
  email: "yen.staff-assign@thuvien.vn",
  staffNumber: null,
  jobTitle: "Thủ thư",
  orgUnitId: units.get("LS-PV")!,
  roles: ["learner" as const],
  hrScopeId: null,
  active: true,
  locale: "vi" as const,
  ...overrides,
});

test("a person the admin creates in the unit has the assignment; moving out or deactivating closes it", async () => {
  const created = await savePerson(db, adminId, null, person({}));
  if (!created.ok) throw new Error(created.error);
  expect(await openRows(created.id)).toHaveLength(1);

  const moved = await savePerson(db, adminId, created.id, person({ orgUnitId: units.get("NA-SH")! }));
  expect(moved.ok).toBe(true);
  expect(await openRows(created.id)).toHaveLength(0);

  await savePerson(db, adminId, created.id, person({}));
  expect(await openRows(created.id)).toHaveLength(1);
  await savePerson(db, adminId, created.id, person({ active: false }));
  expect(await openRows(created.id)).toHaveLength(0);
});

test("people created or moved by a CSV import get their unit's assignment in the import's transaction", async () => {
  const [existing] = await db
    .insert(users)
    .values({ email: "thang.staff-assign@thuvien.vn", fullName: "Trần Đức Thắng", orgUnitId: units.get("NA-SH")! })
    .returning({ id: users.id });
  expect(await openRows(existing!.id)).toHaveLength(0);
  const csv = [
    "email;full name;staff number;org unit code;job title;roles",
    "van.staff-assign@thuvien.vn;Nguyễn Thị Hồng Vân;SA-1;LS-PV;Thủ thư;learner",
    "thang.staff-assign@thuvien.vn;Trần Đức Thắng;SA-2;LS;Thủ thư;learner",
  ].join("\n");
  const preview = await previewImport(db, adminId, new TextEncoder().encode(csv), "staff.csv");
  if (!preview.ok) throw new Error(JSON.stringify(preview.problems));
  const applied = await applyImport(db, adminId, preview.importId);
  expect(applied.ok).toBe(true);
  const [vanRow] = await db.select({ id: users.id }).from(users).where(eq(users.email, "van.staff-assign@thuvien.vn"));
  expect(await openRows(vanRow!.id)).toHaveLength(1);
  expect(await openRows(existing!.id)).toHaveLength(1);
});
