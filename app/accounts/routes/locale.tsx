import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import type { Route } from "./+types/locale";
import { LOCALE_COOKIE } from "~/i18n";
import { getDb, getUser } from "~/platform/auth.server";
import { hasLineBreak, safeRedirect } from "~/platform/safe-redirect";
import { LocaleSchema } from "~/accounts/schemas";
import { setPreferredLocale } from "~/accounts/account.server";

/** Switches the interface language and returns to the page the person was on. */
export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LocaleSchema });
  if (submission.status !== "success") throw data({ message: "validation.invalid" }, { status: 400 });
  const { locale, redirectTo } = submission.value;
  const user = getUser(context);
  if (user) await setPreferredLocale(getDb(context), user.id, locale);
  throw redirect(safeRedirect(redirectTo, "/"), {
    headers: { "set-cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export function loader() {
  throw redirect("/");
}
