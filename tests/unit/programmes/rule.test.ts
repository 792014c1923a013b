import { expect, test } from "vitest";
import { evaluate, type CourseState, type PathCourse } from "../../../app/programmes/rule";

const course = (id: string, position: number, state: CourseState, options: Partial<PathCourse> = {}): PathCourse => ({
  courseId: id, position, optional: false, requires: [], slug: id, titleVi: id, titleEn: null, minutes: 60, state, ...options,
});

test("any 2 of 3 optional courses: complete only with every required course and two optional ones", () => {
  const build = (states: CourseState[]) => [
    course("a", 1, states[0]!),
    course("x", 2, states[1]!, { optional: true }),
    course("y", 3, states[2]!, { optional: true }),
    course("z", 4, states[3]!, { optional: true }),
  ];
  expect(evaluate(build(["done", "done", "new", "new"]), 2, true).complete).toBe(false);
  expect(evaluate(build(["new", "done", "done", "done"]), 2, true).complete).toBe(false);
  const done = evaluate(build(["done", "done", "new", "done"]), 2, true);
  expect(done.complete).toBe(true);
  expect(done.percent).toBe(100);
  expect(done.countedCourseIds).toEqual(["a", "x", "z"]);
  expect(evaluate(build(["done", "done", "new", "new"]), 2, true).percent).toBe(66);
});

test("locked only for a learner who follows it; the next step prefers a course in progress and skips a satisfied group", () => {
  const courses = [course("a", 1, "new"), course("b", 2, "new", { requires: ["a"] }), course("c", 3, "started", { optional: true })];
  const followed = evaluate(courses, 1, true);
  expect(followed.steps.map((s) => s.status)).toEqual(["open", "locked", "in-progress"]);
  expect(followed.steps[1]!.waitingFor.map((w) => w.slug)).toEqual(["a"]);
  expect(followed.nextStep?.slug).toBe("c");
  expect(evaluate(courses, 1, false).steps[1]!.status).toBe("open");
  const groupDone = evaluate([course("a", 1, "new"), course("c", 2, "done", { optional: true }), course("d", 3, "started", { optional: true })], 1, true);
  expect(groupDone.nextStep?.slug).toBe("a");
});
