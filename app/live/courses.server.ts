import { parseWithZod } from "@conform-to/zod/v4";
import { listCourseContent, pickLang } from "~/content/content.server";
import type { Locale } from "~/i18n";
import { canManage } from "~/platform/permissions";
import { SessionSchema } from "./schemas";
import type { SessionUser } from "~/platform/session.server";

/** The courses a trainer may link a session to: the ones they own (an admin: all), by title in the reader's language. */
export function linkableCourses(user: Pick<SessionUser, "email" | "roles">, locale: Locale) {
  return listCourseContent()
    .filter((course) => canManage(user, course.owners))
    .map((course) => ({ slug: course.slug, title: pickLang(course.title, locale)?.value ?? course.slug }));
}

export function courseTitle(slug: string | null, locale: Locale) {
  if (!slug) return null;
  const course = listCourseContent().find((c) => c.slug === slug);
  return course ? (pickLang(course.title, locale)?.value ?? slug) : null;
}

/** Whether the trainer may link a session to this course (they own it, or are an admin); an unknown slug: no. */
export function mayLinkCourse(user: Pick<SessionUser, "email" | "roles">, slug: string) {
  return listCourseContent().some((course) => course.slug === slug && canManage(user, course.owners));
}

/**
 * The session form (create and settings), with a course the trainer may not link refused as the course field's
 * error: a 400 with nothing stored, whatever the browser's select offered.
 */
export function parseSessionForm(form: FormData, user: Pick<SessionUser, "email" | "roles">) {
  const submission = parseWithZod(form, { schema: SessionSchema });
  if (submission.status !== "success") return { value: null, reply: submission.reply() };
  const slug = submission.value.courseSlug;
  if (slug && !mayLinkCourse(user, slug)) return { value: null, reply: submission.reply({ fieldErrors: { courseSlug: ["live.errors.courseNotLinkable"] } }) };
  return { value: submission.value, reply: null };
}
