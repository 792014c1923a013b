import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin-outbox";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useKindLabel } from "~/components/outbox";
import { Pager } from "~/components/pager";
import { listOutbox } from "~/domain/outbox.server";
import { getDb, requireRole } from "~/infra/auth.server";
import { formatDateTime } from "~/utils/format";
import { title } from "~/utils/meta";

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
  return (
    <section aria-labelledby="outbox-heading" className="space-y-4">
      <h2 id="outbox-heading" className="text-xl font-semibold">
        {t("staffAdmin.outbox.heading")}
      </h2>
      <p>{t("staffAdmin.outbox.intro")}</p>
      {rows.length === 0 ? (
        <p>{t("staffAdmin.outbox.empty")}</p>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("staffAdmin.outbox.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-2 pr-4">{t("staffAdmin.outbox.created")}</th>
                <th scope="col" className="py-2 pr-4">{t("staffAdmin.outbox.to")}</th>
                <th scope="col" className="py-2 pr-4">{t("staffAdmin.outbox.subject")}</th>
                <th scope="col" className="py-2 pr-4">{t("staffAdmin.outbox.kind")}</th>
                <th scope="col" className="py-2 pr-4">{t("staffAdmin.outbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} className="border-b border-stone-200 align-top">
                  <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(m.createdAt, i18n.language)}</td>
                  <td className="py-2 pr-4">{m.to}</td>
                  <td className="py-2 pr-4">
                    <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td className="py-2 pr-4">{kindLabel(m.kind)}</td>
                  <td className="py-2 pr-4">
                    {m.error
                      ? t("staffAdmin.outbox.failed", { error: m.error })
                      : m.sentAt
                        ? `${t("staffAdmin.outbox.sent")} ${formatDateTime(m.sentAt, i18n.language)}`
                        : t("staffAdmin.outbox.notSent")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} total={total} pageSize={pageSize} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
