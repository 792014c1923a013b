import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/outbox-message";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { useKindLabel } from "~/people/components/outbox";
import { getOutboxMessage } from "~/people/outbox.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { formatDateTime } from "~/platform/format";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "staffAdmin.outbox.heading");

export async function loader(args: Route.LoaderArgs) {
  requireRole(args, "admin");
  const id = z.uuid().safeParse(args.params.id);
  const message = id.success ? await getOutboxMessage(getDb(args.context), id.data) : null;
  if (!message) throw data({ reason: "not-found" }, { status: 404 });
  return {
    to: message.to,
    subject: message.subject,
    text: message.text,
    kind: message.kind,
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
    error: message.error,
  };
}

/** The plain text with its http(s) links made clickable (as text nodes and anchors: no HTML from the message is rendered). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="break-all">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function OutboxMessagePage({ loaderData: m }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const kindLabel = useKindLabel();
  return (
    <article aria-labelledby="message-subject" className="space-y-4">
      <p>
        <Link to="/admin/outbox">{t("staffAdmin.outbox.back")}</Link>
      </p>
      <h2 id="message-subject" className="text-xl font-semibold">
        {m.subject}
      </h2>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("staffAdmin.outbox.to")}</dt>
        <dd>{m.to}</dd>
        <dt className="font-semibold">{t("staffAdmin.outbox.kind")}</dt>
        <dd>{kindLabel(m.kind)}</dd>
        <dt className="font-semibold">{t("staffAdmin.outbox.created")}</dt>
        <dd>{formatDateTime(m.createdAt, i18n.language)}</dd>
        <dt className="font-semibold">{t("staffAdmin.outbox.status")}</dt>
        <dd>
          {m.error
            ? t("staffAdmin.outbox.failed", { error: m.error })
            : m.sentAt
              ? `${t("staffAdmin.outbox.sent")} ${formatDateTime(m.sentAt, i18n.language)}`
              : t("staffAdmin.outbox.notSent")}
        </dd>
      </dl>
      <div className="card whitespace-pre-wrap">
        <Linkified text={m.text} />
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
