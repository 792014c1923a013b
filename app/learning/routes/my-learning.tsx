import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/my-learning";
import { AssignedCourses } from "~/learning/components/assigned-courses";
import { CompletionCard } from "~/learning/components/completion-card";
import { CourseStatus } from "~/learning/components/course-status";
import { NextUp } from "~/learning/components/next-up";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { loadMyLearning, nextUp, recentCompletion } from "~/learning/my-learning.server";
import { certificateShare } from "~/learning/certificate-share.server";
import { findMyCertificate } from "~/certificates/certificates.server";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { title } from "~/i18n/meta";
import { formatDate } from "~/platform/format";
import { MyProgrammes } from "~/programmes/components/my-programmes";
import { listMyProgrammes } from "~/programmes/programmes.server";
import { presentPath } from "~/programmes/present";
import { MyLiveSessions } from "~/live/components/my-live-sessions";
import { myLiveSessions } from "~/live/my-sessions.server";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "learning.title");

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const [groups, programmes, live] = await Promise.all([
    loadMyLearning(db, user.id, locale),
    listMyProgrammes(db, user.id),
    myLiveSessions(db, user.id),
  ]);
  const finished = recentCompletion(groups.completed);
  const certificate = finished?.certificateCode ? await findMyCertificate(db, user.id, finished.courseId) : null;
  return {
    fullName: user.fullName,
    ...groups,
    programmes: programmes.map((p) => presentPath(p, locale)),
    live,
    next: nextUp(groups, locale),
    finished: finished
      ? { slug: finished.slug, title: finished.title, completedAt: finished.completedAt!, certificate: certificate ? certificateShare(args.request, locale, finished.title, certificate) : null }
      : null,
  };
}

export default function LearningPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { assigned, inProgress, completed, next, finished } = loaderData;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="page-title">{t("learning.title")}</h1>
        <p className="mt-1 text-stone-700 sm:text-lg">{t("home.greeting", { name: loaderData.fullName })}</p>
        <p className="mt-2">
          <Link to="/learning/competences">{t("competences.title")}</Link>: {t("competences.teaser")}
        </p>
      </div>
      {next ? <NextUp next={next} /> : null}
      {finished ? (
        <CompletionCard courseSlug={finished.slug} courseTitle={finished.title} completedAt={finished.completedAt} certificate={finished.certificate} />
      ) : null}
      <AssignedCourses courses={assigned} />
      <MyProgrammes programmes={loaderData.programmes} />
      <section aria-labelledby="in-progress-heading">
        <h2 id="in-progress-heading" className="text-xl font-semibold">
          {t("learning.inProgress")}
        </h2>
        {inProgress.length === 0 ? (
          <p className="mt-3">
            {assigned.length + completed.length === 0 ? t("learning.none") : t("learning.noneOther")}{" "}
            <Link to="/courses">{t("learning.browse")}</Link>
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
                  <Link to={`/courses/${course.slug}/${course.resumeSlug}`} className="btn-secondary self-start">
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
          <p className="mt-3 text-stone-700">{t("learning.noneCompleted")}</p>
        ) : (
          <ul className="mt-3 grid gap-4 md:grid-cols-2">
            {completed.map((course) => (
              <li key={course.slug} className="card flex flex-col gap-2">
                <h3 className="text-lg font-semibold">
                  <Link to={`/courses/${course.slug}`}>{course.title}</Link>
                </h3>
                <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-emerald-800">
                  ✓ {t("learning.completedOn", { date: formatDate(course.completedAt!, i18n.language) })}
                  {course.assigned ? (
                    <span className="rounded bg-stone-100 px-2 py-0.5 text-xs font-semibold text-stone-800">{t("learning.wasRequired")}</span>
                  ) : null}
                </p>
                {course.certificateCode ? (
                  <p className="flex flex-wrap gap-x-4">
                    <Link to={`/certificates/${course.certificateCode}`} className="inline-flex min-h-6 items-center">
                      {t("certificates.viewCertificate")}
                      <span className="sr-only">: {course.title}</span>
                    </Link>
                    <a href={`/certificates/${course.certificateCode}/pdf?lang=${i18n.language}`} className="inline-flex min-h-6 items-center" download>
                      {t("completion.pdf")}
                      <span className="sr-only">: {course.title}</span>
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <MyLiveSessions sessions={loaderData.live} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
