import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/trainer-list";
import { SessionForm } from "~/live/components/session-form";
import { linkableCourses, parseSessionForm } from "~/live/courses.server";
import { createSession, listSessions } from "~/live/sessions.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { formatDate } from "~/platform/format";
import { type Column, DataTable } from "~/ui/data-table";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "live.trainerTitle");

export async function loader(args: Route.LoaderArgs) {
  const user = requireRole(args, "trainer");
  const sessions = await listSessions(getDb(args.context), user);
  return {
    sessions: sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
    courses: linkableCourses(user, args.context.get(localeContext)),
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireRole(args, "trainer");
  const form = await args.request.formData();
  if (form.get("intent") !== "create") throw data({ message: "live.errors.unknownIntent" }, { status: 400 });
  const { value, reply } = parseSessionForm(form, user);
  if (!value) return data({ result: reply }, { status: 400 });
  const id = await createSession(getDb(args.context), user, value);
  throw redirect(`/trainer/live/${id}`, 303);
}

type Row = Route.ComponentProps["loaderData"]["sessions"][number];

export default function TrainerLivePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const columns: Column<Row>[] = [
    { key: "title", header: t("live.sessionTitle"), cell: (s) => <Link to={`/trainer/live/${s.id}`}>{s.title}</Link> },
    { key: "code", header: t("live.codeLabel"), cell: (s) => <span className="font-mono">{s.code}</span> },
    { key: "status", header: t("live.statusLabel"), cell: (s) => t(`live.statuses.${s.status}`) },
    { key: "activities", header: t("live.activities"), numeric: true, cell: (s) => s.activities },
    { key: "participants", header: t("live.participants"), numeric: true, cell: (s) => s.participants },
    { key: "created", header: t("live.created"), cell: (s) => formatDate(s.createdAt, i18n.language) },
  ];
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/trainer">{t("trainer.title")}</Link>
      </nav>
      <h1 className="page-title">{t("live.trainerTitle")}</h1>
      <p className="max-w-3xl text-stone-700">{t("live.trainerIntro")}</p>
      <section aria-labelledby="sessions-heading" className="card">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          {t("live.mySessions")}
        </h2>
        {loaderData.sessions.length === 0 ? (
          <p className="mt-3">{t("live.noSessions")}</p>
        ) : (
          <DataTable labelledBy="sessions-heading" className="mt-4" columns={columns} rows={loaderData.sessions} rowKey={(s) => s.id} />
        )}
      </section>
      <section aria-labelledby="new-heading" className="card max-w-2xl">
        <h2 id="new-heading" className="mb-4 text-xl font-semibold">
          {t("live.newSession")}
        </h2>
        <SessionForm intent="create" courses={loaderData.courses} defaultValue={{ allowGuests: true }} result={actionData?.result} submitLabel={t("live.create")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
