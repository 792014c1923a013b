import { useTranslation } from "react-i18next";
import { data, isRouteErrorResponse, Link, redirect, useRouteError } from "react-router";
import type { Route } from "./+types/participant";
import { ParticipantActivity } from "~/live/components/participant-activity";
import { handleParticipantPost, liveRequest } from "~/live/participant-form.server";
import { participantPage } from "~/live/participant-page.server";
import { LIMITS } from "~/live/limits";
import { useNonce } from "~/platform/nonce";
import { translateError } from "~/ui/forms";
import { title } from "~/i18n/meta";

/** No framework JavaScript here: the page is plain HTML and forms, and /live.js (a few KB) makes it live. */
export const handle = { hydrate: false };

export const meta: Route.MetaFunction = ({ matches, data }) => title(matches, data?.title ?? "live.title");

/** The look of FormMessage (app/ui/forms.tsx), the same boxes live.js draws. */
const MESSAGE_CLASS = {
  success: "rounded-md border border-emerald-300 bg-emerald-50 p-3 font-medium text-emerald-900",
  error: "rounded-md border border-red-300 bg-red-50 p-3 font-medium text-red-900",
};

const DONE = new Set(["live.joined", "live.voted", "live.sent", "live.posted", "live.upvoted", "live.unvoted"]);

export async function loader(args: Route.LoaderArgs) {
  const { db, session, user, participant } = await liveRequest(args);
  if (!session) throw data({ message: "live.errors.unknownCode" }, { status: 404 });
  if (session.status === "closed") throw data({ message: "live.errors.ended" }, { status: 410 });
  const done = args.url.searchParams.get("done") ?? "";
  const base = {
    code: session.code,
    title: session.title,
    status: session.status,
    nickname: participant?.nickname ?? null,
    signedInAs: user?.fullName ?? null,
    done: DONE.has(done) ? done : null,
    loginHref: `/login?redirectTo=${encodeURIComponent(`/live/${session.code}`)}`,
  };
  if (!user && !participant) {
    // Not in yet: a nickname for a guest, else (members-only) the way to sign in.
    const gate = session.allowGuests ? ("nickname" as const) : ("members" as const);
    return data({ ...base, gate, page: null }, { status: gate === "members" ? 403 : 200 });
  }
  return { ...base, gate: null, page: await participantPage(db, session, participant, user !== null) };
}

export async function action(args: Route.ActionArgs) {
  const { outcome, setCookie, session } = await handleParticipantPost(args);
  const headers = setCookie ? { "set-cookie": setCookie } : undefined;
  if (outcome.ok && session) throw redirect(`/live/${session.code}?done=${outcome.message}`, { status: 303, headers });
  return data({ error: outcome.message, params: outcome.params ?? null }, { status: outcome.status, headers });
}

export default function ParticipantPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const nonce = useNonce();
  const { page, gate } = loaderData;
  const waiting = !gate && (loaderData.status === "draft" || !page?.current || page.current.locked || !page.canAct);
  const error = actionData?.error ? translateError(t, `${actionData.error}|${JSON.stringify(actionData.params ?? {})}`) : null;
  return (
    <div
      className="mx-auto max-w-xl space-y-5"
      id="live"
      data-stream={gate ? undefined : `/live/${loaderData.code}/events`}
      data-api={`/live/${loaderData.code}/api`}
      data-key={page?.key}
    >
      {/* Without JavaScript, a waiting page looks again every 10 s; with it, events arrive as they happen. */}
      {waiting ? (
        <noscript>
          <meta httpEquiv="refresh" content="10" />
        </noscript>
      ) : null}
      <div>
        <h1 className="page-title">{loaderData.title}</h1>
        <p className="mt-1 text-stone-700">
          {t("live.codeLabel")}: <strong className="font-mono tracking-widest">{loaderData.code}</strong>
          {loaderData.nickname ? ` · ${t("live.youAre", { name: loaderData.nickname })}` : loaderData.signedInAs ? ` · ${t("live.youAre", { name: loaderData.signedInAs })}` : null}
        </p>
      </div>
      {/* The page's own live regions (live.js writes into them): their messages are plain boxes, not regions inside regions. */}
      <div id="live-status" role="status" aria-live="polite">
        {loaderData.done ? <div className={MESSAGE_CLASS.success}>{t(loaderData.done)}</div> : null}
      </div>
      <div id="live-error" role="alert">
        {error ? <div className={MESSAGE_CLASS.error}>{error}</div> : null}
      </div>
      {gate === "nickname" ? (
        <form method="post" data-live-form data-reload className="card space-y-3">
          <input type="hidden" name="intent" value="join" />
          <label htmlFor="nickname" className="block font-semibold">
            {t("live.nickname")}
          </label>
          <input id="nickname" name="nickname" required maxLength={LIMITS.nickname} autoComplete="nickname" className="field-input" />
          <button type="submit" className="btn-primary">
            {t("live.join")}
          </button>
          <p className="text-sm">
            {t("live.orSignIn")} <a href={loaderData.loginHref}>{t("live.signIn")}</a>
          </p>
        </form>
      ) : null}
      {gate === "members" ? (
        <div className="card space-y-3">
          <p>{t("live.errors.membersOnly")}</p>
          <a href={loaderData.loginHref} className="btn-primary">
            {t("live.signIn")}
          </a>
        </div>
      ) : null}
      {page && loaderData.status === "draft" ? <p className="card text-lg">{t("live.notStarted")}</p> : null}
      {page && loaderData.status === "running" && !page.current ? <p className="card text-lg">{t("live.waiting")}</p> : null}
      {page?.current ? <ParticipantActivity activity={page.current} own={page.own} results={page.results} canAct={page.canAct} /> : null}
      {!gate ? (
        <p>
          <a href={`/live/${loaderData.code}`} className="btn-secondary">
            {t("live.refresh")}
          </a>
        </p>
      ) : null}
      {page?.current?.kind === "wall" ? <PostTemplate canUpvote={page.canAct && !page.current.locked} /> : null}
      <div hidden data-messages={JSON.stringify({ changed: t("live.changed"), reload: t("live.reloadNow"), pinned: t("live.pinned"), answered: t("live.answered"), answer: t("live.answer"), noPosts: t("live.noPosts") })} />
      <script src="/live.js" defer nonce={nonce} />
    </div>
  );
}

/** A wall post as /live.js draws it when the wall changes: the same markup as the server's, filled with textContent. */
function PostTemplate({ canUpvote }: { canUpvote: boolean }) {
  const { t } = useTranslation();
  return (
    <template id="live-post-template">
      <li className="rounded-md border border-stone-300 bg-white p-3">
        <p className="whitespace-pre-wrap break-words" data-body />
        <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-stone-700">
          <span data-author />
          <span>
            ▲ <span data-upvotes />
            <span className="sr-only"> {t("live.upvotesLabel")}</span>
          </span>
          <span className="font-semibold" data-flags />
        </p>
        <p className="mt-2 border-l-4 border-emerald-600 pl-3" data-answer hidden />
        {canUpvote ? (
          <div className="mt-2 flex flex-wrap gap-2">
            <form method="post" data-live-form>
              <input type="hidden" name="intent" value="upvote" />
              <input type="hidden" name="post" value="" />
              <button type="submit" className="btn-secondary py-1 text-sm" aria-pressed="false">
                ▲ {t("live.upvote")}
              </button>
            </form>
          </div>
        ) : null}
      </li>
    </template>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const message = isRouteErrorResponse(error) && (error.data as { message?: string } | null)?.message;
  return (
    <section aria-labelledby="live-error-title" className="mx-auto max-w-xl space-y-4 py-8">
      <title>{`${t("live.title")} · Skillshelf`}</title>
      <h1 id="live-error-title" className="page-title">
        {message ? t(message) : t("errors.serverTitle")}
      </h1>
      <p>
        <Link to="/live" className="btn-primary">
          {t("live.tryAnotherCode")}
        </Link>
      </p>
    </section>
  );
}
