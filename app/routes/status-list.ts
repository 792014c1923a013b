import { data } from "react-router";
import type { Route } from "./+types/status-list";
import { getStatusList } from "~/domain/certificates.server";
import { getDb } from "~/infra/auth.server";
import { publicOrigin } from "~/infra/request-origin.server";

/** The W3C Bitstring Status List credential that credentials' credentialStatus points to (revocation). */
export async function loader(args: Route.LoaderArgs) {
  const list = Number(args.params.list);
  if (!/^\d{1,6}$/.test(args.params.list) || list < 1) throw data({ reason: "not-found" }, { status: 404 });
  const credential = await getStatusList(getDb(args.context), list, publicOrigin(args.request));
  return Response.json(credential, { headers: { "cache-control": "no-cache", "access-control-allow-origin": "*" } });
}
