import { useTranslation } from "react-i18next";
import type { Route } from "./+types/competences";
import { DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { competenceFramework } from "~/content/content.server";
import { localeContext } from "~/platform/context";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "certificates.framework.title");

/** Public: the competences courses build, each with a stable anchor that certificates and credentials link to. */
export function loader({ context }: Route.LoaderArgs) {
  return competenceFramework(context.get(localeContext));
}

export default function CompetencesPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("certificates.framework.title")}</h1>
      <p className="max-w-prose">{t("certificates.framework.intro")}</p>
      {loaderData.domains.map((domain) => (
        <section key={domain.id} aria-labelledby={`domain-${domain.id}`} className="card">
          <h2 id={`domain-${domain.id}`} className="text-xl font-semibold">
            {t("certificates.framework.domain", { id: domain.id, name: domain.name })}
          </h2>
          <dl className="mt-3 space-y-3">
            {domain.competences.map((c) => (
              <div key={c.id} id={`competence-${c.id}`} className="scroll-mt-4">
                <dt className="font-medium">
                  {c.id} {c.name}
                </dt>
                <dd className="text-sm text-stone-700">
                  {c.digcomp ? t("certificates.framework.digcomp", { id: c.digcomp }) : t("certificates.framework.noDigcomp")}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <section aria-labelledby="levels-heading" className="card">
        <h2 id="levels-heading" className="text-xl font-semibold">
          {t("certificates.framework.levels")}
        </h2>
        <DataTable
          labelledBy="levels-heading"
          className="mt-3 max-w-xl"
          columns={[
            { key: "level", header: t("certificates.framework.level"), cell: (l) => l.level },
            { key: "name", header: t("certificates.framework.levelName"), cell: (l) => l.name },
          ]}
          rows={loaderData.levels}
          rowKey={(l) => String(l.level)}
        />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
