import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/outbox";
import { type Column, DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { useKindLabel } from "~/people/components/outbox";
import { Pager } from "~/ui/pager";
import { listOutbox } from "~/people/outbox.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { formatDateTime } from "~/platform/format";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "staffAdmin.outbox.heading");

export async function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  const page = z.coerce.number().int().min(1).max(100_000).catch(1).parse(args.url.searchParams.get("page") ?? 1);
  const result = await listOutbox(getDb(args.context), page);
  return { ...result, rows: result.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })) };
}

export default function AdminOutboxPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const kindLabel = useKindLabel();
  const { rows, total, page, pageSize } = loaderData;
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "created",
      header: t("staffAdmin.outbox.created"),
      cellClassName: "whitespace-nowrap",
      cell: (m) => formatDateTime(m.createdAt, i18n.language),
    },
    { key: "to", header: t("staffAdmin.outbox.to"), cell: (m) => m.to },
    { key: "subject", header: t("staffAdmin.outbox.subject"), cell: (m) => <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link> },
    { key: "kind", header: t("staffAdmin.outbox.kind"), cell: (m) => kindLabel(m.kind) },
    {
      key: "status",
      header: t("staffAdmin.outbox.status"),
      cell: (m) =>
        m.error
          ? t("staffAdmin.outbox.failed", { error: m.error })
          : m.sentAt
            ? `${t("staffAdmin.outbox.sent")} ${formatDateTime(m.sentAt, i18n.language)}`
            : t("staffAdmin.outbox.notSent"),
    },
  ];
  return (
    <section aria-labelledby="outbox-heading" className="space-y-4">
      <h2 id="outbox-heading" className="text-xl font-semibold">
        {t("staffAdmin.outbox.heading")}
      </h2>
      <p>{t("staffAdmin.outbox.intro")}</p>
      {rows.length === 0 ? (
        <p>{t("staffAdmin.outbox.empty")}</p>
      ) : (
        <DataTable caption={t("staffAdmin.outbox.caption")} hideCaption className="card" tableClassName="min-w-[40rem]" columns={columns} rows={rows} rowKey={(m) => m.id} />
      )}
      <Pager page={page} total={total} pageSize={pageSize} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
