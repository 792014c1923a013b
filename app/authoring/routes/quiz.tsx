import { useTranslation } from "react-i18next";
import { data } from "react-router";
import type { Route } from "./+types/quiz";
import { inLocale } from "~/i18n";
import { type Column, DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { TrainerBreadcrumb } from "~/authoring/components/trainer-breadcrumb";
import { findOwnedCourse } from "~/authoring/owned-courses.server";
import { getAnswerKeys, getCourseContent, pickLang } from "~/content/content.server";
import { submittedAttempts } from "~/quizzes/attempts.server";
import { getDb, requireTrainerOr404 } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { quizStats } from "~/quizzes/item-stats";
import { formatNumber, formatPercent } from "~/platform/format";
import { title } from "~/i18n/meta";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches }) => title(matches, "trainer.quizStats");

export async function loader(args: Route.LoaderArgs) {
  const user = requireTrainerOr404(args);
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const course = await findOwnedCourse(db, args.params.course, user);
  const content = course ? getCourseContent(course.slug) : null;
  const lesson = content?.lessons.find((l) => l.quizzes.some((q) => q.id === args.params.quiz));
  const picked = lesson ? pickLang(lesson.entries, locale) : null;
  const spec = getAnswerKeys(picked?.value).find((q) => q.id === args.params.quiz);
  if (!course || !content || !lesson || !spec) throw data({ reason: "not-found" }, { status: 404 });
  const stats = quizStats(spec.questions, await submittedAttempts(db, course.id, spec.id));
  return {
    course: { slug: course.slug, title: inLocale(locale, course.titleVi, course.titleEn) },
    quiz: { id: spec.id, title: spec.title, passMark: spec.passMark },
    stats,
    questions: spec.questions.map((q) => ({
      id: q.id,
      prompt: q.prompt,
      choices: "choices" in q ? Object.fromEntries(q.choices.map((c) => [c.id, c.text])) : {},
    })),
  };
}


type ItemStats = Route.ComponentProps["loaderData"]["stats"]["questions"][number];

export default function TrainerQuizPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { course, quiz, stats, questions } = loaderData;
  const pct = (x: number | null) => (x === null ? "—" : formatPercent(x * 100, i18n.language, 0));
  const max = Math.max(1, ...stats.distribution);
  const distributionColumns: Column<{ band: number; count: number }>[] = [
    {
      key: "range",
      header: t("trainer.range"),
      cellClassName: "tabular-nums",
      cell: ({ band }) => `${formatNumber(band * 10, i18n.language)}–${formatPercent(band === 9 ? 100 : band * 10 + 9, i18n.language)}`,
    },
    { key: "count", header: t("trainer.count"), cellClassName: "tabular-nums", cell: ({ count }) => count },
    {
      key: "bar",
      header: <span className="sr-only">{t("trainer.distribution")}</span>,
      cell: ({ count }) => <progress className="h-3 w-48 accent-brand-700" max={max} value={count} aria-hidden="true" />,
    },
  ];
  const prompt = (id: string) => questions.find((x) => x.id === id)!;
  const questionColumns: Column<ItemStats>[] = [
    {
      key: "question",
      header: t("trainer.questionCol"),
      cell: (q) => (
        <>
          <span className="text-stone-600">{t("quiz.question", { n: questions.findIndex((x) => x.id === q.id) + 1 })}.</span> {prompt(q.id).prompt}
        </>
      ),
    },
    { key: "answered", header: t("trainer.answered"), numeric: true, cell: (q) => q.attempts },
    { key: "correct", header: t("trainer.correctShare"), numeric: true, cell: (q) => pct(q.correctShare) },
    {
      key: "discrimination",
      header: t("trainer.discrimination"),
      numeric: true,
      cell: ({ discrimination: d }) => (
        <>
          {d === null ? "—" : formatNumber(d, i18n.language, 2)}
          {d !== null && d < 0 ? <span className="ml-1 font-semibold text-red-800">({t("trainer.review")})</span> : null}
          {d !== null && d >= 0 && d < 0.2 ? <span className="ml-1 text-amber-900">({t("trainer.weak")})</span> : null}
        </>
      ),
    },
    {
      key: "wrong",
      header: t("trainer.wrongPicks"),
      cell: (q) => (
        <ul>
          {q.wrongChoices.map((c) => (
            <li key={c.id}>
              {prompt(q.id).choices[c.id]}: {pct(c.share)}
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <div className="space-y-6">
      <TrainerBreadcrumb courseTitle={course.title} />
      <h1 className="page-title">
        {t("trainer.quizStats")}: {quiz.title}
      </h1>
      <dl className="grid gap-4 sm:grid-cols-3">
        <div className="card">
          <dt className="text-sm text-stone-700">{t("trainer.attempts")}</dt>
          <dd className="text-2xl font-bold">{stats.attempts}</dd>
        </div>
        <div className="card">
          <dt className="text-sm text-stone-700">{t("trainer.passRate")}</dt>
          <dd className="text-2xl font-bold">{pct(stats.passRate)}</dd>
        </div>
        <div className="card">
          <dt className="text-sm text-stone-700">{t("trainer.meanScore")}</dt>
          <dd className="text-2xl font-bold">{stats.meanPercent === null ? "—" : formatPercent(stats.meanPercent, i18n.language)}</dd>
        </div>
      </dl>
      {stats.attempts === 0 ? <p>{t("trainer.noAttempts")}</p> : null}
      <section aria-labelledby="dist-heading" className="card">
        <h2 id="dist-heading" className="text-xl font-semibold">
          {t("trainer.distribution")}
        </h2>
        <DataTable
          labelledBy="dist-heading"
          className="mt-3 max-w-xl"
          columns={distributionColumns}
          rows={stats.distribution.map((count, band) => ({ band, count }))}
          rowKey={(b) => String(b.band)}
        />
      </section>
      <section aria-labelledby="items-heading" className="card">
        <h2 id="items-heading" className="text-xl font-semibold">
          {t("trainer.perQuestion")}
        </h2>
        <p className="mt-1 text-sm text-stone-700">{t("trainer.discriminationHint")}</p>
        <DataTable labelledBy="items-heading" className="mt-3" columns={questionColumns} rows={stats.questions} rowKey={(q) => q.id} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
