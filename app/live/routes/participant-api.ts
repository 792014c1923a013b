import type { Route } from "./+types/participant-api";
import { handleParticipantPost } from "~/live/participant-form.server";
import { getI18n } from "~/i18n/i18n.server";
import { localeContext } from "~/platform/context";

/** /live/:code/api: the participant's forms sent by /live.js; the same rules as the page's action, answered in JSON. */
export async function action(args: Route.ActionArgs) {
  const { outcome, setCookie } = await handleParticipantPost(args);
  const { t } = getI18n(args.context.get(localeContext));
  return Response.json(
    // `at`: when the answer was stored (server clock), so a client can tell which live update first includes it.
    { ok: outcome.ok, message: t(outcome.message, outcome.params), upvoted: outcome.message === "live.upvoted", at: Date.now() },
    { status: outcome.status, headers: setCookie ? { "set-cookie": setCookie, "cache-control": "no-store" } : { "cache-control": "no-store" } },
  );
}

export function loader() {
  return new Response(null, { status: 405, headers: { allow: "POST" } });
}
