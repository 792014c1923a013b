import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/my-learning";
import { inLocale } from "~/i18n";
import { AssignedCourses } from "~/learning/components/assigned-courses";
import { CourseStatus } from "~/learning/components/course-status";
import { listMyAssignments } from "~/training/my-assignments.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { listMyCourses, percentOf } from "~/learning/progress.server";
import { listMyCertificates } from "~/certificates/certificates.server";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { title } from "~/i18n/meta";
import { formatDate } from "~/platform/format";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "learning.title");

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const locale = args.context.get(localeContext);
  const db = getDb(args.context);
  const [rows, assignedRows, certificates] = await Promise.all([
    listMyCourses(db, user.id),
    listMyAssignments(db, user.id),
    listMyCertificates(db, user.id),
  ]);
  // Assigned courses come first, in their own section, and are not repeated below.
  const assigned = assignedRows.map((a) => {
    const row = rows.find((r) => r.courseId === a.courseId);
    return {
      slug: a.slug,
      title: inLocale(locale, a.titleVi, a.titleEn),
      dueOn: a.dueOn,
      overdue: a.overdue,
      recertification: a.recertification,
      completedAt: a.completedAt?.toISOString() ?? null,
      started: Boolean(row),
      percent: row ? percentOf(row) : 0,
      nextSlug: row?.resumeSlug ?? a.firstLesson,
      certificateCode: certificates.get(a.courseId)?.code ?? null,
    };
  });
  const courses = rows.filter((row) => !assignedRows.some((a) => a.courseId === row.courseId)).map((row) => ({
    certificateCode: certificates.get(row.courseId)?.code ?? null,
    slug: row.slug,
    title: inLocale(locale, row.titleVi, row.titleEn),
    percent: percentOf(row),
    completedAt: row.completedAt?.toISOString() ?? null,
    resumeSlug: row.resumeSlug,
  }));
  return {
    fullName: user.fullName,
    assigned,
    inProgress: courses.filter((c) => !c.completedAt),
    completed: courses.filter((c) => c.completedAt),
  };
}

export default function LearningPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { assigned, inProgress, completed } = loaderData;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="page-title">{t("learning.title")}</h1>
        <p className="mt-2 text-lg text-stone-700">{t("home.greeting", { name: loaderData.fullName })}</p>
      </div>
      <AssignedCourses courses={assigned} />
      <section aria-labelledby="in-progress-heading">
        <h2 id="in-progress-heading" className="text-xl font-semibold">
          {t("learning.inProgress")}
        </h2>
        {inProgress.length === 0 ? (
          <p className="mt-3">
            {t("learning.none")} <Link to="/courses">{t("learning.browse")}</Link>
          </p>
        ) : (
          <ul className="mt-3 grid gap-4 md:grid-cols-2">
            {inProgress.map((course) => (
              <li key={course.slug} className="card flex flex-col gap-3">
                <h3 className="text-lg font-semibold">
                  <Link to={`/courses/${course.slug}`}>{course.title}</Link>
                </h3>
                <CourseStatus started completed={false} percent={course.percent} />
                {course.resumeSlug ? (
                  <Link to={`/courses/${course.slug}/${course.resumeSlug}`} className="btn-primary self-start">
                    {t("course.continue")}
                    <span className="sr-only">: {course.title}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="completed-heading">
        <h2 id="completed-heading" className="text-xl font-semibold">
          {t("learning.completed")}
        </h2>
        {completed.length === 0 ? (
          <p className="mt-3 text-stone-700">—</p>
        ) : (
          <ul className="mt-3 grid gap-4 md:grid-cols-2">
            {completed.map((course) => (
              <li key={course.slug} className="card flex flex-col gap-2">
                <h3 className="text-lg font-semibold">
                  <Link to={`/courses/${course.slug}`}>{course.title}</Link>
                </h3>
                <p className="text-sm font-semibold text-emerald-800">
                  ✓ {t("learning.completedOn", { date: formatDate(course.completedAt!, i18n.language) })}
                </p>
                {course.certificateCode ? (
                  <Link to={`/certificates/${course.certificateCode}`} className="self-start">
                    {t("certificates.viewCertificate")}
                    <span className="sr-only">: {course.title}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
