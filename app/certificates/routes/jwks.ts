import type { Route } from "./+types/jwks";
import { listPublicKeys } from "~/certificates/keys.server";
import { getDb } from "~/platform/auth.server";
import { publicOrigin } from "~/platform/request-origin.server";

/** Every signing key ever used, current and retired, so that every credential stays verifiable. */
export async function loader(args: Route.LoaderArgs) {
  const keys = await listPublicKeys(getDb(args.context), publicOrigin(args.request));
  return Response.json({ keys: keys.map((k) => k.jwk) }, { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } });
}
