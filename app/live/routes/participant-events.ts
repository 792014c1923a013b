import type { Route } from "./+types/participant-events";
import { eventStream, getLiveHub } from "~/live/hub.server";
import { liveRequest } from "~/live/participant-form.server";

/** /live/:code/events: the participant's event stream (what everyone in the session may see, nothing personal). */
export async function loader(args: Route.LoaderArgs) {
  const { session, user, participant } = await liveRequest(args);
  if (!session || session.status === "closed") return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  if (!user && !participant) return new Response("Forbidden", { status: 403, headers: { "content-type": "text/plain" } });
  const hub = await getLiveHub();
  const audience = user ? "member" : "guest";
  return eventStream(args.request, (send) => hub.subscribe(session.id, { audience, send }));
}
