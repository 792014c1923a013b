import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/person";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ExportLinks, HowCounted } from "~/reports/components/filters";
import { personReport } from "~/reports/views.server";
import { inLocale, type Locale } from "~/i18n";
import { formatDate, formatDay, formatPercent } from "~/platform/format";
import { title } from "~/i18n/meta";
import { notFound, reportRequest } from "~/reports/request.server";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  title(matches, loaderData ? "hrReports.personTitle" : "hrReports.title", { name: loaderData?.person.fullName });

type CourseRow = NonNullable<Awaited<ReturnType<typeof personReport>>>["courses"][number];

/**
 * A quiz named by its lesson, as the learner met it (its content id means nothing to HR); a lesson with
 * several quizzes numbers them. Reports read no content, so the lesson title is the name at hand.
 */
function quizName(row: CourseRow, quiz: CourseRow["quizzes"][number], index: number, locale: Locale) {
  const lesson = row.lessons.find((l) => l.id === quiz.lessonId);
  const name = lesson ? inLocale(locale, lesson.titleVi, lesson.titleEn) : "—";
  const sameLesson = row.quizzes.filter((q) => q.lessonId === quiz.lessonId);
  return sameLesson.length > 1 ? `${name} (${row.quizzes.slice(0, index + 1).filter((q) => q.lessonId === quiz.lessonId).length})` : name;
}

export async function loader(args: Route.LoaderArgs) {
  const { db, locale, ctx } = await reportRequest(args, { ignoreFilters: true });
  const report = /^[0-9a-f-]{36}$/i.test(args.params.userId) ? await personReport(db, ctx, args.params.userId) : null;
  if (!report) notFound();
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    person: report.person,
    unit: { id: report.unit.id, name: inLocale(locale, report.unit.name, report.unit.nameEn) },
    courses: report.courses.map((row) => ({
      id: row.course.id,
      title: inLocale(locale, row.course.titleVi, row.course.titleEn),
      status: row.pair?.status ?? null,
      assigned: row.pair?.assigned ?? false,
      overdue: row.pair?.overdue ?? false,
      dueOn: row.pair?.dueOn ?? null,
      completedAt: iso(row.pair?.completedAt ?? null),
      startedAt: iso(row.startedAt),
      lessonsDone: row.lessonsDone,
      lessons: row.lessons.map((l) => ({
        id: l.id,
        title: inLocale(locale, l.titleVi, l.titleEn),
        completedAt: iso(l.completedAt),
        opened: Boolean(l.openedAt),
      })),
      quizzes: row.quizzes.map((q, i) => ({
        key: `${q.lessonId}:${q.quizId}`,
        name: quizName(row, q, i, locale),
        best: q.best,
        passed: q.passed,
        attempts: q.attempts,
      })),
    })),
    certificates: report.certificates.map((c) => ({
      id: c.id,
      code: c.code,
      title: inLocale(locale, c.titleVi, c.titleEn),
      cycle: c.cycle,
      issuedAt: c.issuedAt.toISOString(),
      validUntil: iso(c.validUntil),
      status: c.status,
    })),
  };
}

export default function PersonReportPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { person, unit, courses, certificates } = loaderData;
  const date = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : "—");
  const day = (value: string | null) => (value ? formatDay(value, i18n.language) : "—");
  return (
    <div className="space-y-6">
      <nav aria-label={t("hrReports.breadcrumb")} className="text-sm">
        <Link to="/reports">{t("hrReports.title")}</Link> › <Link to={`/reports/units/${unit.id}`}>{unit.name}</Link> › {person.fullName}
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{t("hrReports.personTitle", { name: person.fullName })}</h1>
          <p className="mt-1 text-stone-700">
            {[person.jobTitle, unit.name, person.staffNumber, person.email].filter(Boolean).join(" · ")}
            {person.active ? null : <strong className="ml-2">({t("hrReports.inactive")})</strong>}
          </p>
        </div>
        <ExportLinks search={`view=person&id=${person.id}`} />
      </div>
      <HowCounted />
      <section aria-labelledby="courses-heading" className="card space-y-4">
        <h2 id="courses-heading" className="text-xl font-semibold">
          {t("hrReports.courses")}
        </h2>
        {courses.length === 0 ? (
          <p>{t("hrReports.noCourses2")}</p>
        ) : (
          <DataTable
            caption={t("hrReports.coursesCaption", { name: person.fullName })}
            hideCaption
            rows={courses}
            rowKey={(c) => c.id}
            columns={[
              { key: "course", header: t("hrReports.course"), rowHeader: true, cell: (c) => c.title },
              {
                key: "status",
                header: t("hrReports.status"),
                cell: (c) => (
                  <>
                    {c.status ? t(`hrReports.statuses.${c.status}`) : "—"}
                    {c.overdue ? <span className="ml-1 font-semibold text-red-800">({t("hrReports.statuses.overdue")})</span> : null}
                  </>
                ),
              },
              { key: "assigned", header: t("hrReports.statuses.assigned"), cell: (c) => (c.assigned ? t("hrReports.yes") : t("hrReports.no")) },
              { key: "due", header: t("hrReports.due"), cell: (c) => day(c.dueOn) },
              { key: "started", header: t("hrReports.startedOn"), cell: (c) => date(c.startedAt) },
              { key: "completed", header: t("hrReports.completedOn"), cell: (c) => date(c.completedAt) },
              { key: "lessons", header: t("hrReports.lessonsDone"), numeric: true, cell: (c) => `${c.lessonsDone}/${c.lessons.length}` },
              {
                key: "best",
                header: t("hrReports.bestScore"),
                numeric: true,
                cell: (c) => (c.quizzes.length ? formatPercent(Math.max(...c.quizzes.map((q) => q.best ?? 0)), i18n.language) : "—"),
              },
            ]}
          />
        )}
        {courses
          .filter((c) => c.lessons.length > 0)
          .map((c) => (
            <details key={c.id} className="rounded border border-stone-200 p-3">
              <summary className="cursor-pointer font-semibold">
                {c.title}: {t("hrReports.lessons")} ({c.lessonsDone}/{c.lessons.length})
              </summary>
              <DataTable
                className="mt-2"
                caption={`${t("hrReports.lessons")}: ${c.title}`}
                rows={c.lessons}
                rowKey={(l) => l.id}
                columns={[
                  { key: "lesson", header: t("hrReports.lesson"), rowHeader: true, cell: (l) => l.title },
                  {
                    key: "state",
                    header: t("hrReports.status"),
                    cell: (l) =>
                      l.completedAt
                        ? `${t("hrReports.lessonDone")} (${date(l.completedAt)})`
                        : l.opened
                          ? t("hrReports.lessonOpened")
                          : t("hrReports.lessonNotOpened"),
                  },
                ]}
              />
              {c.quizzes.length ? (
                <DataTable
                  className="mt-3"
                  caption={`${t("hrReports.quizzes")}: ${c.title}`}
                  rows={c.quizzes}
                  rowKey={(q) => q.key}
                  columns={[
                    { key: "quiz", header: t("hrReports.quiz"), rowHeader: true, cell: (q) => q.name },
                    { key: "best", header: t("hrReports.bestScore"), numeric: true, cell: (q) => (q.best === null ? "—" : formatPercent(q.best, i18n.language)) },
                    { key: "passed", header: t("hrReports.passed"), cell: (q) => (q.passed ? t("hrReports.passed") : t("hrReports.notPassed")) },
                    { key: "attempts", header: t("hrReports.attempts"), numeric: true, cell: (q) => q.attempts },
                  ]}
                />
              ) : null}
            </details>
          ))}
      </section>
      <section aria-labelledby="certs-heading" className="card space-y-3">
        <h2 id="certs-heading" className="text-xl font-semibold">
          {t("hrReports.certificates")}
        </h2>
        <DataTable
          caption={t("hrReports.certificatesCaption", { name: person.fullName })}
          hideCaption
          rows={certificates}
          rowKey={(c) => c.id}
          empty={t("hrReports.noCertificates")}
          columns={[
            { key: "course", header: t("hrReports.course"), rowHeader: true, cell: (c) => c.title },
            { key: "status", header: t("hrReports.status"), cell: (c) => t(`hrReports.certStatus.${c.status}`) },
            { key: "code", header: t("hrReports.code"), cell: (c) => <span className="font-mono">{c.code}</span> },
            { key: "cycle", header: t("hrReports.cycle"), numeric: true, cell: (c) => c.cycle },
            { key: "issued", header: t("hrReports.issued"), cell: (c) => date(c.issuedAt) },
            { key: "valid", header: t("hrReports.validUntil"), cell: (c) => (c.validUntil ? date(c.validUntil) : t("hrReports.noExpiry")) },
          ]}
        />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
