import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/notifications";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormMessage } from "~/ui/forms";
import { Pager } from "~/ui/pager";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { formatDateTime } from "~/platform/format";
import { getI18n } from "~/i18n/i18n.server";
import { title } from "~/i18n/meta";
import { notificationText } from "~/notifications/kinds";
import { formatDay } from "~/platform/format";
import {
  listNotifications,
  markAllRead,
  markRead,
  PAGE_SIZE,
} from "~/notifications/notifications.server";
import { NotificationActionSchema, PageSchema } from "~/notifications/schemas";

export const meta: Route.MetaFunction = ({ matches }) =>
  title(matches, "notifications.title");

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const locale = args.context.get(localeContext);
  const { t } = getI18n(locale);
  const page = PageSchema.parse(args.url.searchParams.get("page") ?? 1);
  const { items, total, unread } = await listNotifications(
    getDb(args.context),
    user.id,
    page,
  );
  return {
    page,
    pageSize: PAGE_SIZE,
    total,
    unread,
    notice: args.url.searchParams.get("done"),
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      link: n.link,
      unread: n.readAt === null,
      createdAt: n.createdAt.toISOString(),
      text: notificationText(t, locale, n.kind, n.params, (day) =>
        formatDay(day, locale),
      ),
    })),
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = getDb(args.context);
  const submission = parseWithZod(await args.request.formData(), {
    schema: NotificationActionSchema,
  });
  if (submission.status !== "success")
    throw data({ reason: "bad-request" }, { status: 400 });
  const page = PageSchema.parse(args.url.searchParams.get("page") ?? 1);
  const back = (done: string) =>
    `/notifications?${new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), done })}`;
  if (submission.value.intent === "read-all") {
    await markAllRead(db, user.id);
    throw redirect(back("all"));
  }
  // Someone else's notification (or none) is a 404: ids never reveal whose they are.
  if (!(await markRead(db, user.id, submission.value.id)))
    throw data({ reason: "not-found" }, { status: 404 });
  throw redirect(back("one"));
}

export default function NotificationsPage({
  loaderData,
}: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { items, page, pageSize, total, unread, notice } = loaderData;
  const formAction = `/notifications${page > 1 ? `?page=${page}` : ""}`;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="page-title">{t("notifications.title")}</h1>
        <p>{t("notifications.intro")}</p>
        <p>
          <Link to="/notifications/settings">
            {t("notifications.settingsLink")}
          </Link>
        </p>
      </div>
      {notice === "all" ? (
        <FormMessage tone="success">{t("notifications.markedAll")}</FormMessage>
      ) : null}
      {notice === "one" ? (
        <FormMessage tone="success">{t("notifications.marked")}</FormMessage>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <p className="font-semibold" data-testid="unread-count">
          {t("notifications.unreadCount", { count: unread })}
        </p>
        {unread > 0 ? (
          <Form method="post" action={formAction}>
            <button
              type="submit"
              name="intent"
              value="read-all"
              className="btn-secondary"
            >
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="card">{t("notifications.empty")}</p>
      ) : (
        <ul
          aria-label={t("notifications.listLabel")}
          className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white"
        >
          {items.map((n) => (
            <li
              key={n.id}
              className={`flex flex-col gap-3 p-4 sm:flex-row sm:items-start ${n.unread ? "bg-brand-50" : ""}`}
            >
              <div className="flex min-w-0 flex-1 items-start gap-3">
                <span
                  aria-hidden="true"
                  className={`mt-2 inline-block h-2.5 w-2.5 shrink-0 rounded-full ${n.unread ? "bg-brand-700" : "bg-transparent"}`}
                />
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="text-sm text-stone-700">
                    {n.unread ? (
                      <strong className="mr-2 text-brand-800">
                        {t("notifications.unread")}
                      </strong>
                    ) : null}
                    <span className="mr-2">
                      {t(`notifications.kinds.${n.kind}`)}
                    </span>
                    <time dateTime={n.createdAt}>
                      {formatDateTime(n.createdAt, i18n.language)}
                    </time>
                  </p>
                  <p className={n.unread ? "font-semibold" : ""}>
                    <Link to={n.link}>{n.text}</Link>
                  </p>
                </div>
              </div>
              {n.unread ? (
                <Form
                  method="post"
                  action={formAction}
                  className="pl-5 sm:pl-0"
                >
                  <input type="hidden" name="id" value={n.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="read"
                    className="btn-secondary py-1.5"
                    aria-label={t("notifications.markReadLabel", {
                      text: n.text,
                    })}
                  >
                    {t("notifications.markRead")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} total={total} pageSize={pageSize} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
