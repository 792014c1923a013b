import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import type { Route } from "./+types/verify";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { normaliseCode } from "~/certificates/code";
import { limitVerification } from "~/certificates/verify-limit.server";
import { clientIp, getDb } from "~/platform/auth.server";
import { title } from "~/i18n/meta";
import { VerifyForm } from "~/certificates/components/verify-form";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "certificates.verify.title");

/** Where a typed code goes: its normalised form, or (when it cannot be a code) a URL that answers "not found". */
function target(raw: string) {
  const code = normaliseCode(raw) ?? (raw.replace(/[^0-9A-Za-z]/g, "").slice(0, 64) || "-");
  return `/verify/${encodeURIComponent(code)}`;
}

/** Public form; `?code=` (the form without JavaScript) redirects to the certificate's verification page. */
export async function loader(args: Route.LoaderArgs) {
  const raw = args.url.searchParams.get("code");
  if (raw === null) return null;
  await limitVerification(getDb(args.context), clientIp(args.request));
  throw redirect(target(raw));
}

export async function action(args: Route.ActionArgs) {
  const form = await args.request.formData();
  const raw = form.get("code");
  await limitVerification(getDb(args.context), clientIp(args.request));
  throw redirect(target(typeof raw === "string" ? raw : ""));
}

export default function VerifyPage() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="page-title">{t("certificates.verify.title")}</h1>
      <p className="text-lg text-stone-700">{t("certificates.verify.intro")}</p>
      <VerifyForm />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
