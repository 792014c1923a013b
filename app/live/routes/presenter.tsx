import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { Route } from "./+types/presenter";
import { PostModeration } from "~/live/components/post-moderation";
import { ResultsView } from "~/live/components/results-view";
import { joinLink } from "~/live/join-link.server";
import { publicActivity } from "~/live/activity";
import { type PresenterState, presenterState } from "~/live/state.server";
import { handleTrainerPost } from "~/live/trainer-actions.server";
import { trainerSessionRequest } from "~/live/trainer-request.server";
import { formatNumber } from "~/i18n/numbers";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches, data }) => title(matches, data?.state.title ?? "live.present");

export async function loader(args: Route.LoaderArgs) {
  const { db, found } = await trainerSessionRequest(args);
  const state = (await presenterState(db, found.session.id))!;
  return { id: found.session.id, state, join: await joinLink(args.request, found.session.code) };
}

export async function action(args: Route.ActionArgs) {
  const { user, db, found } = await trainerSessionRequest(args);
  return handleTrainerPost(db, user, found, await args.request.formData());
}

/** The presenter's screen follows the session over SSE; the loader's state is the start (and the no-JS view). */
function useLiveState(id: string, initial: PresenterState) {
  const [state, setState] = useState(initial);
  useEffect(() => setState(initial), [initial]);
  useEffect(() => {
    const source = new EventSource(`/trainer/live/${id}/events`);
    source.addEventListener("state", (event) => setState(JSON.parse((event as MessageEvent).data) as PresenterState));
    return () => source.close();
  }, [id]);
  return state;
}

export default function PresenterPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const state = useLiveState(loaderData.id, loaderData.state);
  const current = state.current;
  const run = (intent: string, label: string, extra: Record<string, string> = {}) => (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="back" value="present" />
      {Object.entries(extra).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="btn-secondary">
        {label}
      </button>
    </Form>
  );
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to={`/trainer/live/${loaderData.id}`}>{state.title}</Link>
      </nav>
      <div className="grid gap-6 lg:grid-cols-[1fr_auto]">
        <div className="space-y-3">
          <h1 className="text-3xl font-bold sm:text-5xl">{current ? current.prompt : state.title}</h1>
          <p className="text-xl text-stone-700" aria-live="polite">
            {t("live.participantsCount", { count: state.participants, formatted: formatNumber(state.participants, i18n.language) })}
            {state.total ? ` · ${t("live.position", { n: state.index + 1, total: state.total })}` : null}
            {state.status !== "running" ? ` · ${t(`live.statuses.${state.status}`)}` : null}
          </p>
        </div>
        <div className="card text-center">
          <p className="text-lg">{t("live.joinAt")}</p>
          <p className="break-all font-mono text-lg font-semibold">{loaderData.join.url.replace(/^https?:\/\//, "").replace(/\/live\/.*/, "/live")}</p>
          <p className="font-mono text-5xl font-bold tracking-widest" aria-label={`${t("live.codeLabel")}: ${state.code.split("").join(" ")}`}>
            {state.code}
          </p>
          <img src={loaderData.join.qr} alt={t("live.qrAlt", { url: loaderData.join.url })} width={200} height={200} className="mx-auto mt-2" />
        </div>
      </div>
      {current ? (
        <section aria-labelledby="live-results-heading" className="card">
          <h2 id="live-results-heading" className="sr-only">
            {t("live.results")}
          </h2>
          {current.locked ? <p className="mb-3 text-lg font-semibold">{t("live.lockedNotice")}</p> : null}
          <ResultsView
            activity={publicActivity(current)}
            results={current.results}
            large
            postActions={(post) => <PostModeration post={post} back="present" />}
          />
        </section>
      ) : (
        <p className="card text-2xl">{t("live.noneShown")}</p>
      )}
      <div className="flex flex-wrap gap-3" role="group" aria-label={t("live.controls")}>
        {run("step", t("live.prev"), { direction: "prev" })}
        {run("step", t("live.next"), { direction: "next" })}
        {current ? run(current.locked ? "unlock" : "lock", current.locked ? t("live.unlock") : t("live.lock"), { activity: current.id }) : null}
        {current && current.kind !== "wall" ? run(current.revealed ? "conceal" : "reveal", current.revealed ? t("live.conceal") : t("live.reveal"), { activity: current.id }) : null}
        {state.status === "running" ? run("close", t("live.close")) : run(state.status === "draft" ? "start" : "reopen", state.status === "draft" ? t("live.start") : t("live.reopen"))}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
