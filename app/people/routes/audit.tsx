import { useTranslation } from "react-i18next";
import { Form, Link, useLocation } from "react-router";
import type { Route } from "./+types/audit";
import { type Column, DataTable } from "~/ui/data-table";
import { FilterSelect } from "~/ui/filter-field";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { listAudit } from "~/platform/audit.server";
import { auditActions } from "~/people/audit-log.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { auditActionLabel, describeAudit } from "~/people/audit-text";
import { formatDateTime } from "~/platform/format";
import { title } from "~/i18n/meta";
import { AuditQuerySchema } from "~/people/schemas";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "staffAdmin.audit.heading");

const PAGE_SIZE = 50;

export async function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  const db = getDb(args.context);
  const query = AuditQuerySchema.parse(Object.fromEntries(args.url.searchParams));
  const [rows, actions] = await Promise.all([
    listAudit(db, { action: query.action, limit: PAGE_SIZE + 1, offset: (query.page - 1) * PAGE_SIZE }),
    auditActions(db),
  ]);
  return {
    query,
    hasNext: rows.length > PAGE_SIZE,
    actions,
    rows: rows.slice(0, PAGE_SIZE).map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      actorName: r.actorName,
      details: r.details,
    })),
  };
}

export default function AdminAuditPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const { query, rows, hasNext, actions } = loaderData;
  const label = (action: string) => auditActionLabel(i18n, action);
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "when",
      header: t("staffAdmin.audit.when"),
      cellClassName: "whitespace-nowrap",
      cell: (row) => formatDateTime(row.at, i18n.language),
    },
    { key: "who", header: t("staffAdmin.audit.who"), cell: (row) => row.actorName ?? t("staffAdmin.audit.system") },
    { key: "action", header: t("staffAdmin.audit.action"), cell: (row) => label(row.action) },
    { key: "what", header: t("staffAdmin.audit.what"), cell: (row) => describeAudit(i18n, row) },
  ];
  const pageHref = (page: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(page));
    return `/admin/audit?${params}`;
  };
  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <h2 id="audit-heading" className="text-xl font-semibold">
        {t("staffAdmin.audit.heading")}
      </h2>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <FilterSelect id="audit-action" name="action" label={t("staffAdmin.audit.action")} value={query.action}>
          <option value="">{t("staffAdmin.audit.anyAction")}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {label(a)}
            </option>
          ))}
        </FilterSelect>
        <button type="submit" className="btn-secondary">
          {t("staffAdmin.audit.filter")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p>{t("staffAdmin.audit.empty")}</p>
      ) : (
        <DataTable caption={t("staffAdmin.audit.caption")} hideCaption className="card" tableClassName="min-w-[40rem]" columns={columns} rows={rows} rowKey={(row) => String(row.id)} />
      )}
      <nav aria-label={t("staffAdmin.pageOf", { page: query.page, pages: hasNext ? query.page + 1 : query.page })} className="flex gap-4">
        {query.page > 1 ? <Link to={pageHref(query.page - 1)}>{t("staffAdmin.previous")}</Link> : null}
        {hasNext ? <Link to={pageHref(query.page + 1)}>{t("staffAdmin.next")}</Link> : null}
      </nav>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
