import { listCourseContent, pickLang } from "~/content/content.server";
import type { Locale } from "~/i18n";
import { canManage } from "~/platform/permissions";
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
