import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/reports";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listOrgTree } from "~/domain/staff.server";
import { getDb, requireRole } from "~/infra/auth.server";
import { title } from "~/utils/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "reports.title");

export async function loader(args: Route.LoaderArgs) {
  requireRole(args, "hr");
  return { units: await listOrgTree(getDb(args.context)) };
}

export default function ReportsPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("reports.title")}</h1>
      <p>
        <Link to="/reports/assignments" className="btn-secondary">
          {t("assignments.title")}
        </Link>
      </p>
      <section aria-labelledby="org-heading" className="card">
        <h2 id="org-heading" className="text-xl font-semibold">
          {t("reports.organisation")}
        </h2>
        <table className="mt-4 w-full text-left">
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="py-2 pr-4">{t("reports.unit")}</th>
              <th scope="col" className="py-2 pr-4">{t("reports.code")}</th>
              <th scope="col" className="py-2 text-right">{t("reports.staff")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.units.map((unit) => (
              <tr key={unit.id} className="border-b border-stone-200">
                <td className={`py-2 pr-4 ${unit.depth === 0 ? "font-semibold" : ""}`}>
                  <span className={["", "pl-6", "pl-12", "pl-16"][Math.min(unit.depth, 3)]}>
                    {i18n.language === "en" && unit.nameEn ? unit.nameEn : unit.name}
                  </span>
                </td>
                <td className="py-2 pr-4 font-mono text-sm">{unit.code}</td>
                <td className="py-2 text-right tabular-nums">{unit.staff}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
