import { data } from "react-router";
import type { Route } from "./+types/signing-key";
import { findPublicKey } from "~/certificates/keys.server";
import { getDb } from "~/platform/auth.server";
import { publicOrigin } from "~/platform/request-origin.server";

/** /keys/<kid>.json: one public key as one JWK — the URL in a credential's `kid` header. Stable forever. */
export async function loader(args: Route.LoaderArgs) {
  const file = args.params.file;
  const key = file.endsWith(".json") ? await findPublicKey(getDb(args.context), file.slice(0, -5), publicOrigin(args.request)) : null;
  if (!key) throw data({ reason: "not-found" }, { status: 404 });
  return Response.json(key, { headers: { "cache-control": "public, max-age=86400", "access-control-allow-origin": "*" } });
}
