import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/staff";
import { type Column, DataTable } from "~/ui/data-table";
import { FilterField, FilterSelect } from "~/ui/filter-field";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Pager } from "~/ui/pager";
import { UnitOptions } from "~/people/components/unit-options";
import { listAllUnits } from "~/people/org-units.server";
import { searchStaff } from "~/people/staff-admin.server";
import { inLocale } from "~/i18n";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { StaffQuerySchema } from "~/people/schemas";
import { ROLES } from "~/platform/permissions";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "staffAdmin.staff.heading");

export async function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const query = StaffQuerySchema.parse(Object.fromEntries(args.url.searchParams));
  const [result, units] = await Promise.all([searchStaff(db, query), listAllUnits(db)]);
  return {
    query,
    ...result,
    rows: result.rows.map(({ orgUnit, orgUnitEn, ...r }) => ({ ...r, orgUnit: orgUnit ? inLocale(locale, orgUnit, orgUnitEn) : null })),
    units: units.map((u) => ({ id: u.id, code: u.code, depth: u.depth, name: inLocale(locale, u.name, u.nameEn) })),
  };
}

export default function AdminStaffPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { query, rows, total, page, pageSize, units } = loaderData;
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "name",
      header: t("staffAdmin.staff.name"),
      cellClassName: "font-medium",
      cell: (person) => (
        <>
          <Link to={`/admin/staff/${person.id}`} aria-label={t("staffAdmin.staff.editFor", { name: person.fullName })}>
            {person.fullName}
          </Link>
          {person.active ? null : <span className="ml-2 text-stone-600">({t("staffAdmin.staff.inactiveBadge")})</span>}
        </>
      ),
    },
    { key: "email", header: t("staffAdmin.staff.email"), cell: (person) => person.email },
    { key: "staffNumber", header: t("staffAdmin.staff.staffNumber"), cell: (person) => person.staffNumber },
    { key: "unit", header: t("staffAdmin.staff.unitColumn"), cell: (person) => person.orgUnit },
    { key: "roles", header: t("staffAdmin.staff.roles"), cell: (person) => person.roles.map((r) => t(`roles.${r}`)).join(", ") },
    {
      key: "sessions",
      header: t("staffAdmin.staff.sessions"),
      cell: (person) => (
        // Signing someone out everywhere is on their own page, where the admin sees who they act on.
        <span className="tabular-nums">{person.sessions}</span>
      ),
    },
  ];
  return (
    <section aria-labelledby="staff-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="staff-heading" className="text-xl font-semibold">
          {t("staffAdmin.staff.heading")}
        </h2>
        <Link to="/admin/staff/new" className="btn-primary no-underline">
          {t("staffAdmin.staff.newPerson")}
        </Link>
      </div>
      <Form method="get" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-5" role="search">
        <FilterField id="staff-q" label={t("staffAdmin.staff.search")} className="lg:col-span-2">
          <input id="staff-q" name="q" type="search" defaultValue={query.q ?? ""} className="field-input" />
        </FilterField>
        <FilterSelect id="staff-unit" name="unit" label={t("staffAdmin.staff.unit")} value={query.unit}>
          <option value="">{t("staffAdmin.staff.anyUnit")}</option>
          <UnitOptions units={units} />
        </FilterSelect>
        <FilterSelect id="staff-role" name="role" label={t("staffAdmin.staff.role")} value={query.role}>
          <option value="">{t("staffAdmin.staff.anyRole")}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect id="staff-status" name="status" label={t("staffAdmin.staff.status")} value={query.status}>
          {(["active", "inactive", "all"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`staffAdmin.staff.${s}`)}
            </option>
          ))}
        </FilterSelect>
        <div className="sm:col-span-2 lg:col-span-5">
          <button type="submit" className="btn-secondary">
            {t("staffAdmin.staff.filter")}
          </button>
        </div>
      </Form>
      <p role="status">{t("staffAdmin.staff.found", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("staffAdmin.staff.none")}</p>
      ) : (
        <DataTable labelledBy="staff-heading" className="card" tableClassName="min-w-[40rem]" columns={columns} rows={rows} rowKey={(person) => person.id} />
      )}
      <Pager page={page} total={total} pageSize={pageSize} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
