import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import type { Route } from "./+types/admin";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireRole } from "~/infra/auth.server";
import { title } from "~/utils/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "staffAdmin.title");

// Each child route checks the role again: loaders run in parallel, a layout's check does not protect them.
export function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  return null;
}

const TABS = [
  { to: "/admin", key: "staff", end: true },
  { to: "/admin/units", key: "units", end: false },
  { to: "/admin/import", key: "import", end: false },
  { to: "/admin/outbox", key: "outbox", end: false },
  { to: "/admin/audit", key: "audit", end: false },
] as const;

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("staffAdmin.title")}</h1>
      <nav aria-label={t("staffAdmin.tabs.label")}>
        <ul className="flex flex-wrap gap-1 border-b border-stone-300">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={tab.end}
                className={({ isActive }) =>
                  `-mb-px block rounded-t-md border px-3 py-2 font-medium no-underline ${
                    isActive ? "border-stone-300 border-b-white bg-white text-brand-800" : "border-transparent text-stone-800 hover:bg-stone-100"
                  }`
                }
              >
                {t(`staffAdmin.tabs.${tab.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
