import type { Route } from "./+types/healthz";
import { getDb } from "~/platform/auth.server";
import { pingDb } from "~/platform/db.server";

export async function loader({ context }: Route.LoaderArgs) {
  const ok = await pingDb(getDb(context));
  return Response.json(
    { status: ok ? "ok" : "unavailable", database: ok ? "reachable" : "unreachable" },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
