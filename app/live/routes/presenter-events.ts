import type { Route } from "./+types/presenter-events";
import { eventStream, getLiveHub } from "~/live/hub.server";
import { trainerSessionRequest } from "~/live/trainer-request.server";

/** /trainer/live/:id/events: the presenter's event stream (full live results, batched by the hub). */
export async function loader(args: Route.LoaderArgs) {
  const { found } = await trainerSessionRequest(args);
  const hub = await getLiveHub();
  return eventStream(args.request, (send) => hub.subscribe(found.session.id, { audience: "presenter", send }));
}
