import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/programmes";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { listProgrammes } from "~/programmes/programmes.server";
import { inLocale } from "~/i18n";
import { title } from "~/i18n/meta";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "programmes.title");

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const locale = args.context.get(localeContext);
  const rows = await listProgrammes(getDb(args.context));
  return {
    programmes: rows.map((p) => ({
      slug: p.slug,
      title: inLocale(locale, p.titleVi, p.titleEn),
      description: inLocale(locale, p.descriptionVi, p.descriptionEn),
      courses: p.courses,
    })),
  };
}

export default function ProgrammesPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/learning">{t("nav.learning")}</Link>
      </nav>
      <header className="space-y-2">
        <h1 className="page-title">{t("programmes.title")}</h1>
        <p className="text-lg text-stone-700">{t("programmes.intro")}</p>
      </header>
      {loaderData.programmes.length === 0 ? (
        <p>{t("programmes.none")}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {loaderData.programmes.map((p) => (
            <li key={p.slug} className="card flex flex-col gap-2">
              <h2 className="text-lg font-semibold">
                <Link to={`/learning/programmes/${p.slug}`}>{p.title}</Link>
              </h2>
              <p className="text-sm text-stone-700">{t("programmes.courseCount", { count: p.courses })}</p>
              <p>{p.description}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
