import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/catalogue";
import { inLocale } from "~/i18n";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CourseStatus } from "~/learning/components/course-status";
import { CatalogueQuerySchema, listCatalogue } from "~/learning/catalogue.server";
import { getCourseContent } from "~/content/content.server";
import { percentOf } from "~/learning/progress.server";
import { COURSE_LEVELS, COURSE_TOPICS } from "~/content/taxonomy";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "catalogue.title");

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const parsed = CatalogueQuerySchema.safeParse(Object.fromEntries(args.url.searchParams));
  if (!parsed.success) throw data({ message: parsed.error.issues[0]?.message ?? "validation.invalid" }, { status: 400 });
  const locale = args.context.get(localeContext);
  const rows = await listCatalogue(getDb(args.context), user.id, parsed.data);
  return {
    query: parsed.data,
    courses: rows.map((row) => ({
      slug: row.slug,
      topic: row.topic,
      level: row.level,
      minutes: row.estimatedMinutes,
      title: inLocale(locale, row.titleVi, row.titleEn),
      summary: inLocale(locale, row.summaryVi, row.summaryEn),
      languages: getCourseContent(row.slug)?.languages ?? ["vi"],
      started: row.startedAt !== null,
      completed: row.completedAt !== null,
      percent: percentOf(row),
      lessons: row.lessons.map((l) => ({ slug: l.slug, title: inLocale(locale, l.titleVi, l.titleEn) })),
    })),
  };
}

export default function CataloguePage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { query, courses } = loaderData;
  const filtered = Boolean(query.q || query.topic || query.level);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="page-title">{t("catalogue.title")}</h1>
        <p className="mt-2 text-stone-700">{t("catalogue.intro")}</p>
      </div>
      <Form method="get" role="search" className="card grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-start">
        <div>
          <label htmlFor="q" className="block font-semibold">
            {t("catalogue.search")}
          </label>
          <input id="q" name="q" type="search" defaultValue={query.q} maxLength={200} className="field-input mt-1" aria-describedby="q-hint" />
          <p id="q-hint" className="mt-1 text-sm text-stone-600">
            {t("catalogue.searchHint")}
          </p>
        </div>
        <Select name="topic" label={t("catalogue.topic")} value={query.topic} options={COURSE_TOPICS.map((v) => ({ value: v, label: t(`topics.${v}`) }))} />
        <Select name="level" label={t("catalogue.level")} value={query.level} options={COURSE_LEVELS.map((v) => ({ value: v, label: t(`levels.${v}`) }))} />
        <div className="flex gap-2 sm:mt-7">
          <button type="submit" className="btn-primary">
            {t("catalogue.apply")}
          </button>
          {filtered ? (
            <Link to="/courses" className="btn-secondary">
              {t("catalogue.clear")}
            </Link>
          ) : null}
        </div>
      </Form>
      <p aria-live="polite" className="font-medium">
        {courses.length ? t("catalogue.results", { count: courses.length }) : t("catalogue.noResults")}
      </p>
      <ul className="grid gap-5 md:grid-cols-2 lg:grid-cols-3">
        {courses.map((course) => (
          <li key={course.slug} className="card flex flex-col gap-3">
            <p className="flex flex-wrap gap-2 text-xs font-semibold uppercase tracking-wide text-stone-700">
              <span className="rounded bg-brand-50 px-2 py-0.5 text-brand-800">{t(`topics.${course.topic}` as "topics.ai")}</span>
              <span className="rounded bg-stone-100 px-2 py-0.5">{t(`levels.${course.level}` as "levels.beginner")}</span>
            </p>
            <h2 className="text-lg font-semibold leading-snug">
              <Link to={`/courses/${course.slug}`}>{course.title}</Link>
            </h2>
            <p className="flex-1 text-stone-700">{course.summary}</p>
            <dl className="flex flex-wrap gap-x-4 text-sm text-stone-700">
              <dt className="sr-only">{t("course.estimated")}</dt>
              <dd>{t("catalogue.minutes", { count: course.minutes })}</dd>
              <dt className="sr-only">{t("catalogue.languages")}</dt>
              <dd>{course.languages.map((l) => t(`language.${l}`)).join(" · ")}</dd>
            </dl>
            <CourseStatus started={course.started} completed={course.completed} percent={course.percent} />
            {course.lessons.length ? (
              <div className="border-t border-stone-200 pt-2 text-sm">
                <p className="font-semibold">{t("catalogue.matchedLessons")}</p>
                <ul className="mt-1 list-disc pl-5">
                  {course.lessons.map((lesson) => (
                    <li key={lesson.slug}>
                      <Link to={`/courses/${course.slug}/${lesson.slug}`} className="inline-block py-1">
                        {lesson.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={name} className="block font-semibold">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ""} className="field-input mt-1">
        <option value="">{t("catalogue.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
