import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { AppLink } from "~/ui/app-link";
import type { Route } from "./+types/catalogue";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CourseCard } from "~/learning/components/course-card";
import { catalogueCards } from "~/learning/catalogue-cards.server";
import { useDocumentHtml } from "~/platform/document-html";
import { CatalogueQuerySchema, listCatalogue } from "~/learning/catalogue.server";
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
  return { query: parsed.data, courses: catalogueCards(args, rows, locale, parsed.data.q) };
}

export default function CataloguePage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { query, courses } = loaderData;
  const filtered = Boolean(query.q || query.topic || query.level);
  const documentHtml = useDocumentHtml(`${i18n.language}?${query.q}&${query.topic ?? ""}&${query.level ?? ""}`, courses.some((c) => c.body === null));
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
            <AppLink to="/courses" className="btn-secondary">
              {t("catalogue.clear")}
            </AppLink>
          ) : null}
        </div>
      </Form>
      <p aria-live="polite" className="font-medium">
        {courses.length ? t("catalogue.results", { count: courses.length }) : t("catalogue.noResults")}
      </p>
      <ul className="catalogue-grid">
        {courses.map((course) => (
          <CourseCard key={course.slug} course={course} documentHtml={documentHtml} />
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
