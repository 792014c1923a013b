import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { AppLink } from "~/ui/app-link";
import type { Route } from "./+types/course";
import { inLocale, type Locale } from "~/i18n";
import { certificateShare } from "~/learning/certificate-share.server";
import { CompletionCard } from "~/learning/components/completion-card";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { competenceNames, getCourseContent, getEntry, htmlOf, pickLang } from "~/content/content.server";
import { findLessonPage } from "~/learning/progress.server";
import { findMyCertificate } from "~/certificates/certificates.server";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { DraftNote } from "~/learning/components/draft-note";
import { LockedCourseNote, presentGate } from "~/programmes/components/locked-course";

export const meta: Route.MetaFunction = ({ loaderData }) => (loaderData ? [{ title: `${loaderData.title} · Skillshelf` }] : []);

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  // The progress and the programme gate in one statement (no lesson: no attempts).
  const progress = await findLessonPage(db, user, args.params.course, null);
  const content = progress ? getCourseContent(args.params.course) : null;
  if (!progress || !content) throw data({ reason: "not-found" }, { status: 404 });
  const { course } = progress;
  const overview = pickLang(content.overview, locale);
  const entry = getEntry(overview?.value);
  return {
    slug: content.slug,
    draft: !course.published,
    title: inLocale(locale, course.titleVi, course.titleEn),
    summary: inLocale(locale, course.summaryVi, course.summaryEn),
    topic: course.topic,
    level: course.level,
    minutes: course.estimatedMinutes,
    overviewHtml: entry ? htmlOf(entry) : "",
    overviewLang: overview?.lang ?? locale,
    competences: competenceNames(course.competences, locale),
    lessons: progress.lessons.map((l) => ({
      slug: l.slug,
      title: inLocale(locale, l.titleVi, l.titleEn),
      minutes: l.minutes,
      completed: l.completed,
    })),
    percent: progress.percent,
    completedAt: progress.completedAt?.toISOString() ?? null,
    recertifying: progress.recertifying,
    action: progress.action,
    resumeSlug: progress.resumeSlug,
    certificate: await completionCertificate(args.request, locale, inLocale(locale, course.titleVi, course.titleEn), progress.completedAt && (await findMyCertificate(db, user.id, progress.courseId))),
    // A programme the learner follows may ask for another course first: the lessons stay closed until then.
    locked: presentGate(progress.gate, locale),
  };
}

function completionCertificate(request: Request, locale: Locale, title: string, found: Awaited<ReturnType<typeof findMyCertificate>> | null) {
  return found ? certificateShare(request, locale, title, found) : null;
}

export default function CoursePage({ loaderData: course }: Route.ComponentProps) {
  const { t } = useTranslation();
  const done = course.lessons.filter((l) => l.completed).length;
  // One grid, in reading order: title, progress and Start/Continue, lessons, then the long overview. On a wide screen
  // the progress card moves to the right column, so the lessons and the button are both above the fold.
  return (
    <article className="grid gap-6 lg:grid-cols-[1fr_20rem] lg:gap-x-8">
      <header className="space-y-3 lg:col-start-1">
        <nav aria-label={t("course.breadcrumb")} className="text-sm">
          <AppLink to="/courses" className="inline-flex min-h-6 items-center">
            {t("nav.catalogue")}
          </AppLink>
        </nav>
        <p className="card-tags">
          <span className="card-topic">{t(`topics.${course.topic}` as "topics.ai")}</span>
          <span className="card-tag">{t(`levels.${course.level}` as "levels.beginner")}</span>
          <span className="card-tag">{t("catalogue.minutes", { count: course.minutes })}</span>
        </p>
        <h1 className="page-title">{course.title}</h1>
        {course.draft ? <DraftNote /> : null}
        <p className="text-stone-700 sm:text-lg">{course.summary}</p>
      </header>
      <section aria-labelledby="progress-heading" className="card space-y-3 self-start p-4 lg:sticky lg:top-4 lg:col-start-2 lg:row-span-5 lg:row-start-1 lg:p-5">
        <h2 id="progress-heading" className="font-semibold">
          {t("course.progress")}
        </h2>
        <progress className="h-3 w-full accent-brand-700" max={100} value={course.percent} aria-labelledby="progress-text" />
        <p id="progress-text" className="text-sm">
          {t("course.progressLabel", { done, total: course.lessons.length, percent: course.percent })}
        </p>
        {course.recertifying ? (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
            {t("assignments.course.recertificationDue")}
          </p>
        ) : null}
        {course.locked ? <LockedCourseNote gate={course.locked} /> : null}
        {course.resumeSlug && !course.locked ? (
          <AppLink to={`/courses/${course.slug}/${course.resumeSlug}`} className={`${course.completedAt ? "btn-secondary" : "btn-primary"} w-full`}>
            {t(`course.${course.action}`)}
            {course.action === "review" ? null : <span className="sr-only">: {course.lessons.find((l) => l.slug === course.resumeSlug)?.title}</span>}
          </AppLink>
        ) : null}
      </section>
      {course.completedAt ? (
        <div className="lg:col-start-1">
          <CompletionCard courseSlug={course.slug} courseTitle={course.title} completedAt={course.completedAt} certificate={course.certificate} />
        </div>
      ) : null}
      <section aria-labelledby="lessons-heading" className="lg:col-start-1">
        <h2 id="lessons-heading" className="text-xl font-semibold">
          {t("course.lessons")}
        </h2>
        <ol className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {course.lessons.map((lesson, index) => (
            <li key={lesson.slug} className="flex items-center gap-3 px-3 py-1">
              <span
                className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-bold ${
                  lesson.completed
                    ? "bg-emerald-700 text-white"
                    : lesson.slug === course.resumeSlug && course.action === "continue"
                      ? "border-2 border-brand-700 text-brand-800"
                      : "border border-stone-400 text-stone-700"
                }`}
                aria-hidden="true"
              >
                {lesson.completed ? "✓" : index + 1}
              </span>
              {course.locked ? (
                <span className="flex min-h-11 flex-1 items-center py-1 font-medium">{lesson.title}</span>
              ) : (
                <AppLink to={`/courses/${course.slug}/${lesson.slug}`} className="flex min-h-11 flex-1 items-center py-1 font-medium">
                  {lesson.title}
                </AppLink>
              )}
              <span className="sr-only">{lesson.completed ? t("course.lessonDone") : t("course.lessonNotDone")}</span>
              <span className="shrink-0 text-sm text-stone-600">{t("catalogue.minutes", { count: lesson.minutes })}</span>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="overview-heading" className="lg:col-start-1">
        <h2 id="overview-heading" className="text-xl font-semibold">
          {t("course.overview")}
        </h2>
        <div className="lesson-body mt-3" lang={course.overviewLang} dangerouslySetInnerHTML={{ __html: course.overviewHtml }} />
      </section>
      <section aria-labelledby="competences-heading" className="lg:col-start-1">
        <h2 id="competences-heading" className="text-xl font-semibold">
          {t("course.competences")}
        </h2>
        <ul className="mt-3 space-y-2 text-sm">
          {course.competences.map((c) => (
            <li key={c.id}>
              <span className="font-mono text-xs text-stone-600">{c.id}</span> {c.name}{" "}
              <span className="text-stone-600">({t("course.competenceLevel", { level: c.level })})</span>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
