/** A programme's rule and a learner's path through it, computed from the courses' states (pure: unit-tested). */

export type CourseState = "done" | "started" | "new";
export type PathCourse = {
  courseId: string;
  position: number;
  optional: boolean;
  requires: string[];
  slug: string;
  titleVi: string;
  titleEn: string | null;
  minutes: number;
  state: CourseState;
};
export type StepStatus = "done" | "in-progress" | "open" | "locked";
export type PathStep = Omit<PathCourse, "requires" | "state"> & {
  status: StepStatus;
  /** Prerequisites not completed yet, in order (they lock the course only for a learner who follows the programme). */
  waitingFor: { slug: string; titleVi: string; titleEn: string | null }[];
  /** The one step to take next. */
  next: boolean;
};

/**
 * The rule: every required course completed and at least `pick` of the optional ones. A course is locked when the
 * learner follows the programme, has not completed it, and a prerequisite is not completed. The next step is the
 * first course in progress, else the first open one — an optional course only while the group still needs one.
 */
export function evaluate(courses: readonly PathCourse[], pick: number, followed: boolean) {
  const byId = new Map(courses.map((c) => [c.courseId, c]));
  const isDone = (id: string) => byId.get(id)?.state === "done";
  const required = courses.filter((c) => !c.optional);
  const optional = courses.filter((c) => c.optional);
  const requiredDone = required.filter((c) => c.state === "done").length;
  const optionalDone = optional.filter((c) => c.state === "done").length;
  const complete = requiredDone === required.length && optionalDone >= pick;
  const groupNeedsMore = optionalDone < pick;
  const steps: PathStep[] = courses.map(({ requires, state, ...course }) => {
    const waitingFor = requires
      .filter((id) => !isDone(id))
      .map((id) => byId.get(id))
      .filter((c): c is PathCourse => c !== undefined)
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ slug: c.slug, titleVi: c.titleVi, titleEn: c.titleEn }));
    const status: StepStatus =
      state === "done" ? "done" : followed && waitingFor.length > 0 ? "locked" : state === "started" ? "in-progress" : "open";
    return { ...course, status, waitingFor, next: false };
  });
  if (!complete) {
    const wanted = steps.filter((s) => (s.status === "in-progress" || s.status === "open") && (!s.optional || groupNeedsMore));
    const next = wanted.find((s) => s.status === "in-progress") ?? wanted[0];
    if (next) next.next = true;
  }
  const target = required.length + pick;
  return {
    steps,
    rule: { requiredDone, requiredTotal: required.length, optionalDone, optionalTotal: optional.length, pick },
    complete,
    /** Share of the rule met (each optional course counts up to the pick). */
    percent: target ? Math.floor(((requiredDone + Math.min(optionalDone, pick)) / target) * 100) : 100,
    countedCourseIds: courses.filter((c) => c.state === "done").map((c) => c.courseId),
    nextStep: steps.find((s) => s.next) ?? null,
  };
}
