import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { getDb } from "~/platform/auth.server";
import { sessionIdContext } from "~/platform/context";
import { deleteSessionCookie, invalidateSession, isSecureRequest } from "~/platform/session.server";

export async function action({ request, context }: Route.ActionArgs) {
  const sessionId = context.get(sessionIdContext);
  if (sessionId) await invalidateSession(getDb(context), sessionId);
  throw redirect("/login?signedOut=1", { headers: { "set-cookie": deleteSessionCookie(isSecureRequest(request)) } });
}

export function loader() {
  throw redirect("/");
}
