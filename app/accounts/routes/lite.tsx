import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import type { Route } from "./+types/lite";
import { getDb, getUser } from "~/platform/auth.server";
import { liteCookieHeader } from "~/platform/lite";
import { safeRedirect } from "~/platform/safe-redirect";
import { LiteModeSchema } from "~/accounts/schemas";
import { setLiteMode } from "~/accounts/account.server";

/**
 * Turns lite mode (pages without scripts, app/platform/lite.ts) on or off and returns to the page the person was on:
 * stored on the person when signed in (it follows them to every PC), in a cookie when signed out. The cookie is set
 * either way: signed in, the person's setting decides the page (app/platform/lite.ts), and the cookie lets server.js
 * compress their pages harder before any session is read; after signing out, this browser keeps their choice.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LiteModeSchema });
  if (submission.status !== "success") throw data({ message: "validation.invalid" }, { status: 400 });
  const { lite, redirectTo } = submission.value;
  const user = getUser(context);
  const on = lite === "on";
  if (user) {
    await setLiteMode(getDb(context), user.id, on);
  }
  throw redirect(safeRedirect(redirectTo, "/"), { headers: { "set-cookie": liteCookieHeader(on) } });
}

export function loader() {
  throw redirect("/");
}
