import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/lesson";
import { AppLink } from "~/ui/app-link";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { DraftNote, PreviewNote } from "~/learning/components/draft-note";
import { CourseOutline } from "~/learning/components/course-outline";
import { QuizBlock, type QuizActionFeedback } from "~/quizzes/components/quiz";
import { getAnswerKeys, getCourseContent, getEntry, lessonProblems, pickLang } from "~/content/content.server";
import { completeLesson, findLesson, findLessonPage, getCourseProgress, recordLessonVisit, refreshCourseCompletion } from "~/learning/progress.server";
import { quizViewsOf, saveAnswers, startAttempt, submitAttempt } from "~/quizzes/attempts.server";
import { inLocale, LOCALES } from "~/i18n";
import { formatPercent } from "~/i18n/numbers";
import { getI18n } from "~/i18n/i18n.server";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { htmlInDocumentOnly, useDocumentHtml } from "~/platform/document-html";
import { canManage } from "~/platform/permissions";
import { courseGate } from "~/programmes/programmes.server";

export const meta: Route.MetaFunction = ({ loaderData }) => (loaderData ? [{ title: `${loaderData.lesson.title} · ${loaderData.course.title} · Skillshelf` }] : []);

function notFound(): never {
  throw data({ reason: "not-found" }, { status: 404 });
}

/** The lesson's compiled content in the reader's language (or the other one, marked as fallback). */
function lessonContent(courseSlug: string, lessonSlug: string, locale: "vi" | "en") {
  const content = getCourseContent(courseSlug);
  const source = content?.lessons.find((l) => l.slug === lessonSlug);
  const picked = source ? pickLang(source.entries, locale) : null;
  const entry = getEntry(picked?.value);
  if (!content || !source || !picked || !entry) return null;
  return { content, source, lang: picked.lang, fallback: picked.fallback, entry, key: picked.value };
}

/** One quiz of a lesson's content in one language: the answer key and the public questions. */
function quizVersion(found: NonNullable<ReturnType<typeof lessonContent>>, quizId: string) {
  const spec = getAnswerKeys(found.key).find((q) => q.id === quizId);
  const publicQuiz = found.entry.quizzes.find((q) => q.id === quizId);
  return spec && publicQuiz ? { spec, publicQuiz } : null;
}

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  // One statement: the progress, the programme gate and the learner's attempts at this lesson's quizzes.
  const progress = await findLessonPage(db, user, args.params.course, args.params.lesson);
  const index = progress ? progress.lessons.findIndex((l) => l.slug === args.params.lesson) : -1;
  const lesson = progress?.lessons[index];
  if (!progress || !lesson) notFound();
  const draft = !progress.course.published;
  // "View as learner" (?as=learner) lets a course's owner see the learner's page without writing anything.
  const viewAsLearner = args.url.searchParams.get("as") === "learner" && canManage(user, progress.course.owners);
  const preview = draft || viewAsLearner;
  // Locked by a programme's prerequisite: the course page says which course to take first (owners still preview).
  if (!preview && progress.gate) throw redirect(`/courses/${args.params.course}`);
  const found = lessonContent(args.params.course, args.params.lesson, locale);
  if (!found) notFound();
  const { content, source, entry } = found;
  // Owners see the content problems of this lesson (learners keep seeing its last good version).
  const problems = canManage(user, progress.course.owners) ? lessonProblems(content.slug, source.order, source.slug) : [];
  // A preview records nothing; a reload within a minute of the last visit has nothing new.
  if (!preview && !lesson.recentlyOpened) await recordLessonVisit(db, user.id, { id: lesson.id, courseId: progress.courseId });
  const quizzes = quizViewsOf(progress.attempts, {
    cycleStartedAt: progress.cycleStartedAt,
    quizzes: entry.quizzes,
    specs: getAnswerKeys(found.key),
    lang: found.lang,
    t: getI18n(found.lang).t,
  });
  const titleOf = (l: { titleVi: string; titleEn: string | null }) => inLocale(locale, l.titleVi, l.titleEn);
  const prev = progress.lessons[index - 1];
  const next = progress.lessons[index + 1];
  return {
    course: { slug: content.slug, title: pickLang(content.title, locale)?.value ?? content.slug, percent: progress.percent },
    lesson: {
      id: lesson.id,
      slug: lesson.slug,
      title: pickLang(source.title, locale)?.value ?? lesson.slug,
      minutes: source.minutes,
      // In a recertification cycle the button stays, so going through the course again can complete it.
      completed: lesson.completed && !progress.recertifying,
      position: index + 1,
      total: progress.lessons.length,
    },
    lang: found.lang,
    fallback: found.fallback,
    draft,
    preview,
    problems,
    // The body's HTML goes in the document only (entry.server.tsx renders it from the request's context), not in the
    // router's data as well; a client-side navigation's `.data` brings it.
    segments: entry.segments.map((s, i) => (s.kind === "html" ? { kind: s.kind, key: `lesson-${i}`, html: htmlInDocumentOnly(args, `lesson-${i}`, s.html) } : s)),
    quizzes,
    toc: entry.toc,
    outline: progress.lessons.map((l) => ({ slug: l.slug, title: titleOf(l), completed: l.completed && !progress.recertifying })),
    resumeSlug: progress.resumeSlug,
    prev: prev ? { slug: prev.slug, title: titleOf(prev) } : null,
    next: next ? { slug: next.slug, title: titleOf(next) } : null,
  };
}

const CompleteSchema = z.object({ intent: z.literal("complete"), lessonId: z.uuid() });
const QuizIntentSchema = z.object({
  intent: z.enum(["quiz-start", "quiz-save", "quiz-submit"]),
  // Quiz ids are ASCII content ids; anything else cannot name a quiz (and must not reach a URL).
  quizId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/),
  attemptId: z.uuid().optional(),
  confirm: z.literal("1").optional(),
});

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = getDb(args.context);
  const { course: courseSlug, lesson: lessonSlug } = args.params;
  const lesson = await findLesson(db, courseSlug, lessonSlug);
  if (!lesson) notFound();
  // The gate holds for every write too (completing a lesson, starting or submitting a quiz), not only the page.
  if (await courseGate(db, user.id, lesson.courseId)) throw data({ reason: "locked" }, { status: 403 });
  const formData = await args.request.formData();
  const back = `/courses/${courseSlug}/${lessonSlug}`;

  if (formData.get("intent") === "complete") {
    const parsed = CompleteSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success || parsed.data.lessonId !== lesson.id) throw data({ message: "lesson.wrongLesson" }, { status: 400 });
    await completeLesson(db, user.id, lesson);
    const progress = await getCourseProgress(db, user.id, lesson.courseId);
    const next = progress.lessons[progress.lessons.findIndex((l) => l.id === lesson.id) + 1];
    throw redirect(next ? `/courses/${courseSlug}/${next.slug}` : `/courses/${courseSlug}`);
  }

  const parsed = QuizIntentSchema.safeParse({
    intent: formData.get("intent"),
    quizId: formData.get("quizId"),
    attemptId: formData.get("attemptId") ?? undefined,
    confirm: formData.get("confirm") ?? undefined,
  });
  if (!parsed.success) return data({ quizId: "", refused: "invalid" } satisfies QuizActionFeedback, { status: 400 });
  const { intent, quizId, attemptId } = parsed.data;
  const refusal = (refused: string, status: number, until?: string) =>
    data({ quizId, refused, refusedTime: until } satisfies QuizActionFeedback, { status });

  if (intent === "quiz-start") {
    const found = lessonContent(courseSlug, lessonSlug, args.context.get(localeContext));
    const own = found ? quizVersion(found, quizId) : null;
    if (!found || !own) return refusal("notFound", 404);
    // Every language version is kept with the attempt, so switching language later shows it translated.
    const translations = Object.fromEntries(
      LOCALES.flatMap((l) => {
        const other = l === found.lang ? null : lessonContent(courseSlug, lessonSlug, l);
        const version = other && !other.fallback ? quizVersion(other, quizId) : null;
        return version ? [[l, version]] : [];
      }),
    );
    const started = await startAttempt(
      db,
      { userId: user.id, courseId: lesson.courseId, lessonId: lesson.id, quizId },
      { ...own, lang: found.lang, translations },
    );
    if ("refused" in started) return refusal(started.refused, 409, started.until);
    throw redirect(`${back}#quiz-${quizId}`);
  }
  if (!attemptId) return refusal("noAttempt", 400);
  if (intent === "quiz-save") {
    const saved = await saveAnswers(db, user.id, attemptId, formData);
    if ("refused" in saved) return refusal(saved.refused, 409);
    return { quizId, savedAt: saved.savedAt };
  }
  const outcome = await submitAttempt(db, user.id, attemptId, formData, {
    confirmUnanswered: parsed.data.confirm === "1",
    onPassedGraded: refreshCourseCompletion,
  });
  if ("refused" in outcome) return refusal(outcome.refused, outcome.refused === "unpublished" ? 403 : 409);
  if ("unanswered" in outcome) return data({ quizId, unanswered: outcome.unanswered } satisfies QuizActionFeedback, { status: 200 });
  throw redirect(`${back}#quiz-${quizId}`);
}

export default function LessonPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { course, lesson, lang, fallback, draft, preview, problems, segments, quizzes, toc, prev, next, outline, resumeSlug } = loaderData;
  const feedback = actionData && "quizId" in actionData ? (actionData as QuizActionFeedback) : undefined;
  const percent = t("catalogue.percent", { percent: course.percent });
  const outlineProps = { courseSlug: course.slug, lessons: outline, currentSlug: lesson.slug, nextSlug: resumeSlug };
  const bodyHtml = useDocumentHtml(`${course.slug}/${lesson.slug}/${lang}`, segments.some((s) => s.kind === "html" && s.html === null));
  return (
    <div className="grid grid-cols-1 gap-y-4 lg:grid-cols-[17rem_1fr] lg:grid-rows-[auto_1fr] lg:gap-x-8 lg:gap-y-4">
      <article className="min-w-0 lg:col-start-2 lg:row-span-2 lg:row-start-1" aria-labelledby="lesson-title">
        <p className="flex flex-wrap items-center gap-x-2 text-sm text-stone-700">
          <span>{t("lesson.lessonOf", { n: lesson.position, total: lesson.total })}</span>
          <span aria-hidden="true">·</span>
          <span>{t("lesson.minutes", { count: lesson.minutes })}</span>
          {preview || lesson.completed ? null : (
            <>
              <span aria-hidden="true">·</span>
              <a href="#lesson-actions" className="inline-flex min-h-6 items-center">
                {t("lesson.jumpToFinish")}
              </a>
            </>
          )}
        </p>
        <h1 id="lesson-title" className="page-title mt-1" lang={lang}>
          {lesson.title}
        </h1>
        {draft ? <DraftNote /> : preview ? <PreviewNote /> : null}
        {problems.length ? (
          <div role="alert" className="mt-3 rounded-md border-2 border-red-600 bg-red-50 p-3 text-red-950">
            <p className="font-semibold">{t("trainer.lessonProblems")}</p>
            <ul className="mt-1 font-mono text-sm">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.file}:{p.line}: {p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {fallback ? (
          <p role="note" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
            {t("lesson.fallback")}
          </p>
        ) : null}
        <div lang={lang}>
          {segments.map((segment, i) => {
            if (segment.kind === "html") {
              const __html = bodyHtml(segment.key, segment.html);
              return <div key={i} className="lesson-body mt-6" dangerouslySetInnerHTML={{ __html }} suppressHydrationWarning />;
            }
            const quiz = quizzes.find((q) => q.id === segment.quizId);
            return quiz ? <QuizBlock key={i} quiz={quiz} feedback={feedback} preview={preview} /> : null;
          })}
        </div>
        <div id="lesson-actions" className="mt-10 scroll-mt-4 border-t border-stone-200 pt-6">
          {preview ? null : lesson.completed ? (
            <p className="font-semibold text-emerald-800" role="status">
              ✓ {t("lesson.completed")}
            </p>
          ) : (
            <Form method="post">
              <input type="hidden" name="lessonId" value={lesson.id} />
              <button type="submit" name="intent" value="complete" className="btn-primary w-full sm:w-auto">
                {next ? t("lesson.markComplete") : t("lesson.markCompleteLast")}
              </button>
            </Form>
          )}
          <nav aria-label={t("lesson.pager")} className="mt-6 grid gap-3 sm:grid-cols-2">
            {prev ? (
              <AppLink to={`/courses/${course.slug}/${prev.slug}`} rel="prev" className="btn-secondary justify-start text-left">
                <span aria-hidden="true">←</span>
                <span>
                  <span className="block text-xs font-normal text-stone-700">{t("lesson.previous")}</span>
                  {prev.title}
                </span>
              </AppLink>
            ) : (
              <AppLink to={`/courses/${course.slug}`} className="btn-secondary justify-start">
                <span aria-hidden="true">←</span> {t("lesson.backToCourse")}
              </AppLink>
            )}
            {next ? (
              <AppLink
                to={`/courses/${course.slug}/${next.slug}`}
                rel="next"
                className={`${lesson.completed ? "btn-primary" : "btn-secondary"} justify-end text-right sm:col-start-2`}
              >
                <span>
                  <span className={`block text-xs font-normal ${lesson.completed ? "text-white" : "text-stone-700"}`}>{t("lesson.next")}</span>
                  {next.title}
                </span>
                <span aria-hidden="true">→</span>
              </AppLink>
            ) : prev ? (
              // The last lesson: back to the course on the right. A one-lesson course already has it on the left.
              <AppLink to={`/courses/${course.slug}`} className="btn-secondary justify-end sm:col-start-2">
                {t("lesson.backToCourse")}
              </AppLink>
            ) : null}
          </nav>
        </div>
      </article>
      {/*
        Where the lesson sits in its course, once for every size, after the lesson in the page (its h1 is the page's
        first heading). On a phone it is shown first and folded (the course, its progress and a button that opens the
        outline), so the lesson starts at once; from lg up it is the side column's first card, the outline always open.
        The `<details>` holds only its button: the list after it is shown while it is open (peer-open) and always from
        lg up.
      */}
      <nav aria-labelledby="outline-heading" className="order-first rounded-lg border border-stone-200 bg-white lg:order-none lg:col-start-1 lg:row-start-1 lg:p-4 lg:raised">
        <div className="flex items-center gap-3 px-3 py-2 lg:grid lg:p-0">
          <AppLink to={`/courses/${course.slug}`} className="flex min-h-11 min-w-0 flex-1 items-center font-semibold lg:min-h-0">
            <span className="truncate lg:whitespace-normal">{course.title}</span>
          </AppLink>
          <progress className="h-2 w-16 shrink-0 accent-brand-700 lg:w-full" max={100} value={course.percent} aria-label={percent} />
          <span className="shrink-0 text-sm text-stone-700 lg:hidden" aria-hidden="true">
            {formatPercent(course.percent, i18n.language)}
          </span>
          <p className="hidden text-sm text-stone-700 lg:block">{percent}</p>
        </div>
        <details className="peer border-t border-stone-200 lg:hidden">
          <summary className="flex min-h-11 cursor-pointer items-center px-3 font-medium">
            {t("outline.summary", { n: lesson.position, total: lesson.total })}
          </summary>
        </details>
        <h2 id="outline-heading" className="mt-3 hidden border-t border-stone-200 pt-3 font-semibold lg:block">
          {t("outline.heading")}
        </h2>
        <div className="hidden px-2 pb-2 peer-open:block lg:mt-3 lg:block lg:p-0">
          <CourseOutline {...outlineProps} />
        </div>
      </nav>
      {toc.length ? (
        <nav aria-labelledby="toc-heading" className="card hidden self-start p-4 lg:sticky lg:top-4 lg:col-start-1 lg:row-start-2 lg:block">
          <h2 id="toc-heading" className="font-semibold">
            {t("lesson.toc")}
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {toc.map((item) => (
              <li key={item.id} className={item.depth === 3 ? "pl-4" : undefined}>
                <a href={`#${item.id}`} className="inline-block py-1">
                  {item.text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
