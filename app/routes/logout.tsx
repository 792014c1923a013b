import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { getDb } from "~/infra/auth.server";
import { sessionIdContext } from "~/infra/context";
import { deleteSessionCookie, invalidateSession, isSecureRequest } from "~/infra/session.server";

export async function action({ request, context }: Route.ActionArgs) {
  const sessionId = context.get(sessionIdContext);
  if (sessionId) await invalidateSession(getDb(context), sessionId);
  throw redirect("/login?signedOut=1", { headers: { "set-cookie": deleteSessionCookie(isSecureRequest(request)) } });
}

export function loader() {
  throw redirect("/");
}
