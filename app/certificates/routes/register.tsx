import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/register";
import { CertificateStatusBadge } from "~/certificates/components/certificate-status";
import { type Column, DataTable } from "~/ui/data-table";
import { FilterField, FilterSelect } from "~/ui/filter-field";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatCode } from "~/certificates/code";
import { listCertificateCourses, listRegister } from "~/certificates/register.server";
import { hrVisibleUnits } from "~/platform/org-scope.server";
import { inLocale } from "~/i18n";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { RegisterQuerySchema } from "~/certificates/schemas";
import { formatDate } from "~/platform/format";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "certificates.register.title");

/** HR's certificate register: every certificate of people in their units (all units for admins and unscoped HR). */
export async function loader(args: Route.LoaderArgs) {
  const user = requireRole(args, "hr");
  const db = getDb(args.context);
  const locale = args.context.get(localeContext);
  const query = RegisterQuerySchema.safeParse(Object.fromEntries(args.url.searchParams));
  if (!query.success) throw data({ message: "validation.invalid" }, { status: 400 });
  const filters = { status: query.data.status || undefined, course: query.data.course || undefined, q: query.data.q || undefined };
  const units = await hrVisibleUnits(db, user);
  const [rows, courses] = await Promise.all([listRegister(db, { ...filters, units }), listCertificateCourses(db)]);
  return {
    filters: { status: filters.status ?? "", course: filters.course ?? "", q: filters.q ?? "" },
    search: args.url.search,
    courses: courses.map((c) => ({ slug: c.slug, title: inLocale(locale, c.titleVi, c.titleEn) })),
    rows: rows.map((r) => ({
      code: r.code,
      displayCode: formatCode(r.code),
      fullName: r.fullName,
      email: r.email,
      unit: inLocale(locale, r.unit ?? "", r.unitEn),
      course: inLocale(locale, r.courseTitleVi, r.courseTitleEn),
      completedAt: r.completedAt.toISOString(),
      validUntil: r.validUntil?.toISOString() ?? null,
      status: r.status,
    })),
  };
}

export default function CertificateRegister({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { filters, rows, courses } = loaderData;
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "person",
      header: t("certificates.register.person"),
      cell: (r) => (
        <>
          <span className="font-medium">{r.fullName}</span>
          <br />
          <span className="text-stone-600">{r.email}</span>
        </>
      ),
    },
    { key: "unit", header: t("certificates.register.unit"), cell: (r) => r.unit },
    { key: "course", header: t("certificates.course"), cell: (r) => r.course },
    { key: "completed", header: t("certificates.completedOn"), cell: (r) => formatDate(r.completedAt, i18n.language) },
    { key: "validUntil", header: t("certificates.validUntil"), cell: (r) => (r.validUntil ? formatDate(r.validUntil, i18n.language) : "—") },
    { key: "status", header: t("certificates.status.label"), cell: (r) => <CertificateStatusBadge status={r.status} /> },
    {
      key: "code",
      header: t("certificates.code"),
      cell: (r) => (
        <Link to={`/reports/certificates/${r.code}`}>
          <span className="font-mono">{r.displayCode}</span>
          <span className="sr-only"> ({t("certificates.register.manageFor", { name: r.fullName })})</span>
        </Link>
      ),
    },
  ];
  const exportQuery = new URLSearchParams(loaderData.search);
  const exportHref = (format: string) => {
    exportQuery.set("format", format);
    return `/reports/certificates/export?${exportQuery.toString()}`;
  };
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/reports">{t("hrReports.title")}</Link>
      </nav>
      <h1 className="page-title">{t("certificates.register.title")}</h1>
      <p className="text-stone-700">{t("certificates.register.intro")}</p>
      <section aria-labelledby="filters-heading" className="card">
        <h2 id="filters-heading" className="sr-only">
          {t("certificates.register.filters")}
        </h2>
        <Form method="get" className="flex flex-wrap items-end gap-4">
          <FilterSelect id="status" name="status" label={t("certificates.register.statusFilter")} value={filters.status}>
            <option value="">{t("certificates.register.any")}</option>
            {(["valid", "expired", "revoked", "replaced"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`certificates.status.${s}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect id="course" name="course" label={t("certificates.register.courseFilter")} value={filters.course}>
            <option value="">{t("certificates.register.any")}</option>
            {courses.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </FilterSelect>
          <FilterField id="q" label={t("certificates.register.search")}>
            <input id="q" name="q" type="search" defaultValue={filters.q} maxLength={200} className="field-input" />
          </FilterField>
          <button type="submit" className="btn-primary">
            {t("certificates.register.apply")}
          </button>
        </Form>
      </section>
      <p className="flex flex-wrap items-center gap-4">
        <span>{t("certificates.register.count", { count: rows.length })}</span>
        <a href={exportHref("csv")} download>
          {t("certificates.register.exportCsv")}
        </a>
        <a href={exportHref("xlsx")} download>
          {t("certificates.register.exportXlsx")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t("certificates.register.none")}</p>
      ) : (
        <DataTable caption={t("certificates.register.caption")} hideCaption className="card" tableClassName="min-w-[56rem]" columns={columns} rows={rows} rowKey={(r) => r.code} />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
