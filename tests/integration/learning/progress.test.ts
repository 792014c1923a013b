import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DbHandle } from "../../../db/client";
import { courses, enrolments, lessonProgress, lessons, users } from "../../../db/schema";
import { listCatalogue } from "../../../app/learning/catalogue.server";
import { completeLesson, findLesson, getCourseProgress, recordLessonVisit } from "../../../app/learning/progress.server";
import { createTestDb } from "../../support/db";
import { createUser } from "../../support/factories";
import { fakeCourse, syncFake } from "../../support/catalogue";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function userId(email: string) {
  const [row] = await handle.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  return row!.id;
}

const three = [
  { slug: "one", vi: "Bài một" },
  { slug: "two", vi: "Bài hai" },
  { slug: "three", vi: "Bài ba" },
];

test("concurrent visits and completions of one lesson leave one row and keep the first completion", async () => {
  await syncFake(handle.db, fakeCourse("concurrency", three));
  const uid = await userId(await createUser(handle.db));
  const lesson = (await findLesson(handle.db, "concurrency", "one"))!;
  await Promise.all(
    Array.from({ length: 20 }, (_, i) => (i % 2 ? completeLesson(handle.db, uid, lesson) : recordLessonVisit(handle.db, uid, lesson))),
  );
  const rows = await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, uid));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.completedAt).not.toBeNull();
  const firstCompletion = rows[0]!.completedAt!.getTime();
  await completeLesson(handle.db, uid, lesson);
  await recordLessonVisit(handle.db, uid, lesson);
  const [again] = await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, uid));
  expect(again!.completedAt!.getTime()).toBe(firstCompletion);
  expect(await handle.db.select().from(enrolments).where(eq(enrolments.userId, uid))).toHaveLength(1);
});

test("completing every lesson completes the course once, in any order and concurrently", async () => {
  await syncFake(handle.db, fakeCourse("complete-all", three));
  const uid = await userId(await createUser(handle.db));
  const refs = await Promise.all(three.map((l) => findLesson(handle.db, "complete-all", l.slug)));
  const results = await Promise.all([...refs, ...refs].map((ref) => completeLesson(handle.db, uid, ref!)));
  expect(results.filter((r) => r.courseCompleted).length).toBeLessThanOrEqual(1);
  const progress = await getCourseProgress(handle.db, uid, refs[0]!.courseId);
  expect(progress.percent).toBe(100);
  expect(progress.completedAt).not.toBeNull();
  expect(progress.action).toBe("review");
});

test("percentage and resume target follow lessons added or removed; a completed course stays completed", async () => {
  await syncFake(handle.db, fakeCourse("changing", three));
  const learner = await userId(await createUser(handle.db));
  const finisher = await userId(await createUser(handle.db));
  const one = (await findLesson(handle.db, "changing", "one"))!;
  await completeLesson(handle.db, learner, one);
  for (const slug of ["one", "two", "three"]) await completeLesson(handle.db, finisher, (await findLesson(handle.db, "changing", slug))!);

  let progress = await getCourseProgress(handle.db, learner, one.courseId);
  expect(progress.percent).toBe(33);
  expect(progress.resumeSlug).toBe("two");
  expect(progress.action).toBe("continue");

  // A trainer adds a lesson at the start and removes "three".
  await syncFake(handle.db, fakeCourse("changing", [{ slug: "intro", vi: "Mở đầu" }, three[0]!, three[1]!]));
  progress = await getCourseProgress(handle.db, learner, one.courseId);
  expect(progress.lessons.map((l) => l.slug)).toEqual(["intro", "one", "two"]);
  expect(progress.percent).toBe(33);
  expect(progress.resumeSlug).toBe("intro");
  const [removed] = await handle.db.select({ active: lessons.active }).from(lessons).where(and(eq(lessons.courseId, one.courseId), eq(lessons.slug, "three")));
  expect(removed!.active).toBe(false);
  expect(await findLesson(handle.db, "changing", "three")).toBeNull();

  const done = await getCourseProgress(handle.db, finisher, one.courseId);
  expect(done.completedAt).not.toBeNull();
  expect(done.percent).toBe(100);
});

test("catalogue search ignores case and Vietnamese diacritics, in courses and lessons", async () => {
  await syncFake(
    handle.db,
    fakeCourse("search-ai", [{ slug: "intro", vi: "Trí tuệ nhân tạo là gì?", en: "What is artificial intelligence?", text: "Mô hình ngôn ngữ lớn và trí tuệ nhân tạo tạo sinh" }]),
    fakeCourse("search-data", [{ slug: "kinds", vi: "Các loại dữ liệu thư viện", en: "Kinds of library data", text: "Dữ liệu lưu thông và đánh giá" }], { topic: "data", level: "intermediate" }),
  );
  const uid = await userId(await createUser(handle.db));
  const find = async (q: string, extra: object = {}) => (await listCatalogue(handle.db, uid, { q, ...extra })).map((c) => c.slug).filter((s) => s.startsWith("search-"));
  expect(await find("tri tue nhan tao")).toEqual(["search-ai"]);
  expect(await find("TRÍ TUỆ")).toEqual(["search-ai"]);
  expect(await find("du lieu luu thong")).toEqual(["search-data"]);
  expect(await find("dữ liệu")).toEqual(["search-data"]);
  expect(await find("artificial intelligence")).toEqual(["search-ai"]);
  expect(await find("100%_")).toEqual([]);
  expect(await find("", { topic: "data" })).toEqual(["search-data"]);
  expect(await find("", { level: "beginner" })).toEqual(["search-ai"]);
  const [hit] = await listCatalogue(handle.db, uid, { q: "mo hinh ngon ngu" });
  expect(hit?.lessons.map((l) => l.slug)).toEqual(["intro"]);
});

test("catalogue search ranks a course whose title holds the words before one that only mentions them", async () => {
  await syncFake(
    handle.db,
    // Sorted by title alone, "Khóa rank-a…" would come first; it only mentions the words in a lesson.
    fakeCourse("rank-a-mentions", [{ slug: "one", vi: "Bài về dữ liệu", text: "Năng lực dữ liệu của thư viện" }], { title: { vi: "Khóa an toàn thông tin", en: "Information security" } }),
    fakeCourse("rank-b-title", [{ slug: "one", vi: "Bài một", text: "Nội dung" }], { title: { vi: "Năng lực dữ liệu cho thư viện", en: "Data literacy for libraries" } }),
  );
  const uid = await userId(await createUser(handle.db));
  const ranked = async (q: string) => (await listCatalogue(handle.db, uid, { q })).map((c) => c.slug).filter((s) => s.startsWith("rank-"));
  expect(await ranked("nang luc du lieu thu vien")).toEqual(["rank-b-title", "rank-a-mentions"]);
  expect(await ranked("data literacy")).toEqual(["rank-b-title"]);
});

test("unpublished courses are invisible to learners", async () => {
  await syncFake(handle.db, fakeCourse("hidden-draft", three, { published: false }));
  const uid = await userId(await createUser(handle.db));
  expect((await listCatalogue(handle.db, uid, { q: "" })).map((c) => c.slug)).not.toContain("hidden-draft");
  expect(await findLesson(handle.db, "hidden-draft", "one")).toBeNull();
  const [row] = await handle.db.select({ published: courses.published }).from(courses).where(eq(courses.slug, "hidden-draft"));
  expect(row!.published).toBe(false);
});

test("per-row counts in single-table lists count the right rows (org staff, owned courses' quizzes)", async () => {
  const { listOrgTree } = await import("../../../app/people/org-units.server");
  const { listOwnedCourses } = await import("../../../app/authoring/owned-courses.server");
  await createUser(handle.db, { orgUnit: "NA-SH" });
  await createUser(handle.db, { orgUnit: "NA-SH" });
  const tree = await listOrgTree(handle.db);
  expect(tree.find((u) => u.code === "NA-SH")?.staff).toBe(2);
  await syncFake(handle.db, fakeCourse("owned-quizzes", [{ slug: "one", vi: "Một", quizzes: [{ id: "check", graded: false }, { id: "final", graded: true }] }]));
  const owned = await listOwnedCourses(handle.db, "trainer@skillshelf.local", false);
  expect(owned.find((c) => c.slug === "owned-quizzes")?.quizzes).toEqual(["check", "final"]);
});

test("the trainer's course list counts learners and the median time to complete", async () => {
  const { listOwnedCourses } = await import("../../../app/authoring/owned-courses.server");
  await syncFake(handle.db, fakeCourse("median-course", three, { owners: ["median.owner@thuvien.test"] }));
  const lesson = (await findLesson(handle.db, "median-course", "one"))!;
  const start = new Date("2026-11-01T00:00:00Z");
  // Completed after 10, 20 and 60 hours (median 20), plus one learner still in progress.
  for (const hours of [10, 20, 60, null]) {
    const uid = await userId(await createUser(handle.db));
    await handle.db.insert(enrolments).values({
      userId: uid,
      courseId: lesson.courseId,
      startedAt: start,
      completedAt: hours === null ? null : new Date(start.getTime() + hours * 3600_000),
    });
  }
  const [row] = await listOwnedCourses(handle.db, "Median.Owner@thuvien.test", false);
  expect(row).toMatchObject({ slug: "median-course", enrolled: 4, completed: 3 });
  expect(Number(row!.medianHours)).toBeCloseTo(20, 6);
  expect((await listOwnedCourses(handle.db, "someone.else@thuvien.test", false)).map((c) => c.slug)).not.toContain("median-course");
});

test("a draft course is found for its owners and admins only, marked unpublished", async () => {
  const { findCourseProgress } = await import("../../../app/learning/progress.server");
  await syncFake(handle.db, fakeCourse("draft-preview", three, { published: false, owners: ["draft.owner@thuvien.test"] }));
  const uid = await userId(await createUser(handle.db));
  const as = (email: string, roles: string[]) => findCourseProgress(handle.db, { id: uid, email, roles }, "draft-preview");
  expect(await as("learner@thuvien.test", ["learner"])).toBeNull();
  expect(await as("other.trainer@thuvien.test", ["trainer"])).toBeNull();
  expect((await as("Draft.Owner@thuvien.test", ["trainer"]))?.course.published).toBe(false);
  expect((await as("root@thuvien.test", ["admin"]))?.lessons).toHaveLength(3);
  await syncFake(handle.db, fakeCourse("published-one", three));
  expect((await findCourseProgress(handle.db, { id: uid, email: "x@thuvien.test", roles: ["learner"] }, "published-one"))?.course.published).toBe(true);
});
