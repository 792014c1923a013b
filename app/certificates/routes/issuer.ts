import type { Route } from "./+types/issuer";
import { getIssuerProfile } from "~/certificates/issuer.server";
import { publicOrigin } from "~/platform/request-origin.server";

/** The issuer's Open Badges Profile, the `issuer.id` of every credential. */
export function loader(args: Route.LoaderArgs) {
  return Response.json(getIssuerProfile(publicOrigin(args.request)), {
    headers: { "cache-control": "public, max-age=3600", "access-control-allow-origin": "*" },
  });
}
