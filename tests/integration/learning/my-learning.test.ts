import { addDays, todayInVietnam } from "../../../app/platform/days";
import { afterAll, beforeAll, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "../../../db/client";
import { courses, users } from "../../../db/schema";
import { createAssignment } from "../../../app/training/assignments.server";
import { AssignmentSchema } from "../../../app/training/schemas";
import { completeLesson, findLesson, recordLessonVisit } from "../../../app/learning/progress.server";
import * as myLearning from "../../../app/learning/routes/my-learning";
import * as loginRoute from "../../../app/accounts/routes/login";
import { createTestDb } from "../../support/db";
import { createUser, TEST_PASSWORD } from "../../support/factories";
import { callRoute, cookieFrom, request } from "../../support/route";
import { fakeCourse, syncFake } from "../../support/catalogue";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  await syncFake(
    handle.db,
    fakeCourse("required-one", [{ slug: "a", vi: "Bài A" }]),
    fakeCourse("required-two", [{ slug: "a", vi: "Bài A" }, { slug: "b", vi: "Bài B" }]),
    fakeCourse("chosen", [{ slug: "a", vi: "Bài A" }, { slug: "b", vi: "Bài B" }]),
  );
});
afterAll(async () => handle?.close());

const idOf = async (table: typeof users | typeof courses, where: ReturnType<typeof sql>) =>
  (await handle.db.select({ id: table.id }).from(table).where(where))[0]!.id;

type Group = { slug: string; certificateCode?: string | null; assigned?: boolean }[];
type Page = { assigned: Group; inProgress: Group; completed: Group };

test("a completed required course moves to Completed with its certificate; every touched course is in exactly one group", async () => {
  const email = await createUser(handle.db);
  const learner = await idOf(users, sql`lower(${users.email}) = ${email}`);
  const admin = await idOf(users, sql`lower(${users.email}) = ${await createUser(handle.db, { roles: ["admin"] })}`);
  for (const slug of ["required-one", "required-two"]) {
    const courseId = await idOf(courses, eq(courses.slug, slug));
    const input = AssignmentSchema.parse({ courseId, dueOn: addDays(todayInVietnam(), 10), people: [learner] });
    expect((await createAssignment(handle.db, { id: admin, roles: ["admin"] }, input)).ok).toBe(true);
  }
  await completeLesson(handle.db, learner, (await findLesson(handle.db, "required-one", "a"))!);
  await recordLessonVisit(handle.db, learner, (await findLesson(handle.db, "chosen", "a"))!);

  const cookie = cookieFrom(await callRoute(loginRoute.action as never, request("/login", { form: { email, password: TEST_PASSWORD } }), handle.db));
  const page = (await callRoute(myLearning.loader as never, request("/learning", { cookie }), handle.db)).data as Page;
  const slugs = (group: Group) => group.map((c) => c.slug);
  expect(slugs(page.assigned)).toEqual(["required-two"]);
  expect(slugs(page.inProgress)).toEqual(["chosen"]);
  expect(slugs(page.completed)).toEqual(["required-one"]);
  expect(page.completed[0]!.certificateCode).toMatch(/\S/);
  expect(page.completed[0]!.assigned).toBe(true);
  const all = [...page.assigned, ...page.inProgress, ...page.completed].map((c) => c.slug);
  expect(new Set(all).size).toBe(all.length);
});
