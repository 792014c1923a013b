import { data } from "react-router";
import type { Route } from "./+types/status-list";
import { getSignedStatusList, getStatusList } from "~/certificates/issuer.server";
import { getDb } from "~/platform/auth.server";
import { publicOrigin } from "~/platform/request-origin.server";

const HEADERS = { "cache-control": "no-cache", "access-control-allow-origin": "*", vary: "accept" };

/**
 * The W3C Bitstring Status List credential that credentials' credentialStatus points to (revocation): JSON, or
 * signed as a VC-JWT like the credentials (ask with Accept: application/vc+jwt or application/jwt, or add .jwt).
 */
export async function loader(args: Route.LoaderArgs) {
  const match = /^(\d{1,6})(\.jwt)?$/.exec(args.params.list);
  const list = Number(match?.[1]);
  if (!match || list < 1) throw data({ reason: "not-found" }, { status: 404 });
  const db = getDb(args.context);
  const origin = publicOrigin(args.request);
  const accept = args.request.headers.get("accept") ?? "";
  if (match[2] || /application\/(vc\+)?jwt/.test(accept)) {
    return new Response(await getSignedStatusList(db, list, origin), { headers: { ...HEADERS, "content-type": "application/vc+jwt" } });
  }
  return Response.json(await getStatusList(db, list, origin), { headers: HEADERS });
}
