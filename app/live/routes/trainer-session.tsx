import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/trainer-session";
import { ActivityForm } from "~/live/components/activity-form";
import { SessionForm } from "~/live/components/session-form";
import { linkableCourses } from "~/live/courses.server";
import { handleTrainerPost } from "~/live/trainer-actions.server";
import { trainerSessionRequest } from "~/live/trainer-request.server";
import { localeContext } from "~/platform/context";
import { FormMessage, translateError } from "~/ui/forms";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches, data }) => title(matches, data?.session.title ?? "live.trainerTitle");

export async function loader(args: Route.LoaderArgs) {
  const { user, found } = await trainerSessionRequest(args);
  const { session, activities } = found;
  return {
    session: { id: session.id, title: session.title, code: session.code, status: session.status, courseSlug: session.courseSlug, allowGuests: session.allowGuests, showNames: session.showNames, guestLinks: session.guestLinks, currentActivityId: session.currentActivityId },
    activities: activities.map((a) => ({ id: a.id, kind: a.kind, prompt: a.prompt, options: a.options, locked: a.locked, revealed: a.revealed })),
    courses: linkableCourses(user, args.context.get(localeContext)),
  };
}

export async function action(args: Route.ActionArgs) {
  const { user, db, found } = await trainerSessionRequest(args);
  return handleTrainerPost(db, user, found, await args.request.formData());
}

export default function TrainerSessionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { session, activities } = loaderData;
  const result = (form: string) => (actionData?.form === form ? (actionData.result as SubmissionResult<string[]>) : null);
  const runButton = (intent: string, label: string, primary = false) => (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={primary ? "btn-primary" : "btn-secondary"}>
        {label}
      </button>
    </Form>
  );
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/trainer/live">{t("live.trainerTitle")}</Link>
      </nav>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="page-title">{session.title}</h1>
        <span className="rounded bg-stone-100 px-2 py-0.5 text-sm font-semibold">{t(`live.statuses.${session.status}`)}</span>
      </div>
      {actionData?.message ? <FormMessage>{translateError(t, actionData.message)}</FormMessage> : null}
      <section aria-labelledby="run-heading" className="card space-y-3">
        <h2 id="run-heading" className="text-xl font-semibold">
          {t("live.run")}
        </h2>
        <p>
          {t("live.codeLabel")}: <strong className="font-mono text-2xl tracking-widest">{session.code}</strong>
        </p>
        <div className="flex flex-wrap gap-3">
          {session.status === "draft" ? runButton("start", t("live.start"), true) : null}
          {session.status === "running" ? (
            <>
              <Link to={`/trainer/live/${session.id}/present`} className="btn-primary">
                {t("live.present")}
              </Link>
              {runButton("close", t("live.close"))}
            </>
          ) : null}
          {session.status === "closed" ? runButton("reopen", t("live.reopen")) : null}
          <Link to={`/trainer/live/${session.id}/results`} className="btn-secondary">
            {t("live.resultsPage")}
          </Link>
        </div>
      </section>
      <section aria-labelledby="activities" className="card space-y-4">
        <h2 id="activities" className="text-xl font-semibold">
          {t("live.activities")}
        </h2>
        {activities.length === 0 ? <p>{t("live.noActivities")}</p> : null}
        <ol className="space-y-3">
          {activities.map((a, i) => (
            <li key={a.id} className="rounded-md border border-stone-300 p-3">
              <p className="font-semibold">
                {i + 1}. {a.prompt}
              </p>
              <p className="text-sm text-stone-700">
                {t(`live.kinds.${a.kind}`)}
                {a.options.length ? ` · ${a.options.join(" / ")}` : ""}
                {a.id === session.currentActivityId ? ` · ${t("live.shown")}` : ""}
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                {(["up", "down"] as const).map((direction) => (
                  <Form method="post" key={direction}>
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="activity" value={a.id} />
                    <input type="hidden" name="direction" value={direction} />
                    <button type="submit" className="btn-secondary py-1 text-sm" disabled={direction === "up" ? i === 0 : i === activities.length - 1}>
                      {t(`live.move.${direction}`)}
                      <span className="sr-only">: {a.prompt}</span>
                    </button>
                  </Form>
                ))}
                <Form method="post">
                  <input type="hidden" name="intent" value="delete-activity" />
                  <input type="hidden" name="activity" value={a.id} />
                  <button type="submit" className="btn-secondary py-1 text-sm text-red-800">
                    {t("live.delete")}
                    <span className="sr-only">: {a.prompt}</span>
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
        <h3 className="text-lg font-semibold">{t("live.addActivity")}</h3>
        <ActivityForm result={result("add")} />
      </section>
      <section aria-labelledby="settings-heading" className="card max-w-2xl">
        <h2 id="settings-heading" className="mb-4 text-xl font-semibold">
          {t("live.settings")}
        </h2>
        <SessionForm intent="settings" courses={loaderData.courses} defaultValue={session} result={result("settings")} submitLabel={t("live.save")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
