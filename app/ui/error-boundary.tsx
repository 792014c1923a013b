import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { translateError } from "./forms";

type ErrorData = { reason?: string; roles?: string[]; message?: string } | string | undefined;

/** One error page for every route: a handler per status, never a stack trace in production. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let title = t("errors.serverTitle");
  let text = t("errors.serverText");
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const body = error.data as ErrorData;
    const message = typeof body === "object" && body?.message ? translateError(t, body.message) : null;
    if (status === 404) {
      title = t("errors.notFoundTitle");
      text = message ?? t("errors.notFoundText");
    } else if (status === 403) {
      title = t("errors.forbiddenTitle");
      text =
        typeof body === "object" && body?.reason === "cross-origin"
          ? t("errors.crossOrigin")
          : typeof body === "object" && body?.roles
            ? t("errors.forbiddenText", { roles: body.roles.map((r) => t(`roles.${r}`)).join(", ") })
            : (message ?? t("errors.forbiddenTitle"));
    } else if (status === 429) {
      title = t("errors.tooManyTitle");
      text = message ?? t("errors.tooManyText");
    } else if (status >= 400 && status < 500) {
      title = t("errors.badRequestTitle");
      text = message ?? (typeof body === "string" && body.length < 200 ? body : t("validation.invalid"));
    }
  }
  const devDetail = import.meta.env.DEV && error instanceof Error ? error.stack : null;
  return (
    <section aria-labelledby="error-title" className="mx-auto max-w-2xl py-12">
      {/* A route that failed has no meta of its own; React places this title in the head. */}
      <title>{`${title} · Skillshelf`}</title>
      <p className="text-sm font-semibold text-stone-600">{status}</p>
      <h1 id="error-title" className="page-title mt-1">
        {title}
      </h1>
      <p className="mt-4 text-lg">{text}</p>
      <p className="mt-8">
        <Link to="/" className="btn-secondary">
          {t("errors.backHome")}
        </Link>
      </p>
      {devDetail ? <pre className="mt-8 overflow-auto rounded bg-stone-900 p-4 text-xs text-white">{devDetail}</pre> : null}
    </section>
  );
}
