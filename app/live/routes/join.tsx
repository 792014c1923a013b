import { useTranslation } from "react-i18next";
import { data, redirect } from "react-router";
import type { Route } from "./+types/join";
import { normaliseCode } from "~/live/code";
import { sessionByCode } from "~/live/participation.server";
import { getDb } from "~/platform/auth.server";
import { FormMessage } from "~/ui/forms";
import { title } from "~/i18n/meta";

/** /live: type the code shown on the screen. A plain GET form: no JavaScript, nothing to load but the page. */
export const handle = { hydrate: false };

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "live.joinTitle");

export async function loader(args: Route.LoaderArgs) {
  const typed = args.url.searchParams.get("code");
  if (typed === null) return { error: null, typed: "" };
  const code = normaliseCode(typed.slice(0, 20));
  const session = code ? await sessionByCode(getDb(args.context), code) : null;
  if (session && session.status !== "closed") throw redirect(`/live/${session.code}`);
  const error = !code ? "live.errors.codeFormat" : session ? "live.errors.ended" : "live.errors.unknownCode";
  return data({ error, typed: typed.slice(0, 20) }, { status: !code ? 400 : session ? 410 : 404 });
}

export default function JoinPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-md space-y-5">
      <h1 className="page-title">{t("live.joinTitle")}</h1>
      <p>{t("live.joinIntro")}</p>
      {loaderData.error ? <FormMessage>{t(loaderData.error)}</FormMessage> : null}
      <form method="get" action="/live" className="card space-y-3">
        <label htmlFor="code" className="block font-semibold">
          {t("live.codeLabel")}
        </label>
        <input
          id="code"
          name="code"
          required
          defaultValue={loaderData.typed}
          maxLength={20}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={loaderData.error ? true : undefined}
          className="field-input font-mono text-2xl uppercase tracking-widest"
        />
        <button type="submit" className="btn-primary">
          {t("live.join")}
        </button>
      </form>
    </div>
  );
}
