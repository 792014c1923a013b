import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import type { Route } from "./+types/admin";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { requireRole } from "~/platform/auth.server";
import { title } from "~/i18n/meta";

export { staffStyles as links } from "~/ui/staff-styles";
export const meta: Route.MetaFunction = ({ matches }) => title(matches, "staffAdmin.title");

// Each child route checks the role again: loaders run in parallel, a layout's check does not protect them.
export function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  return null;
}

// "Staff" covers the list (/admin) and each person's page (/admin/staff/…).
const TABS = [
  { to: "/admin", key: "staff", prefix: "/admin/staff" },
  { to: "/admin/units", key: "units", prefix: "/admin/units" },
  { to: "/admin/import", key: "import", prefix: "/admin/import" },
  { to: "/admin/outbox", key: "outbox", prefix: "/admin/outbox" },
  { to: "/admin/audit", key: "audit", prefix: "/admin/audit" },
] as const;

export default function AdminLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const isCurrent = (tab: (typeof TABS)[number]) => pathname === tab.to || pathname.startsWith(`${tab.prefix}/`) || pathname === tab.prefix;
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("staffAdmin.title")}</h1>
      {/* On a phone the tabs stay one row that scrolls sideways, rather than wrapping into a block of links. */}
      <nav aria-label={t("staffAdmin.tabs.label")} className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1 border-b border-stone-300">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <Link
                to={tab.to}
                aria-current={isCurrent(tab) ? "page" : undefined}
                className={`-mb-px block whitespace-nowrap rounded-t-md border px-3 py-2 font-medium no-underline ${
                  isCurrent(tab) ? "border-stone-300 border-b-white bg-white text-brand-800" : "border-transparent text-stone-800 hover:bg-stone-100"
                }`}
              >
                {t(`staffAdmin.tabs.${tab.key}`)}
              </Link>
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
