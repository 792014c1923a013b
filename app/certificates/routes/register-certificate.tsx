import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/register-certificate";
import { CertificateDetails } from "~/certificates/components/certificate-details";
import { CertificateStatusBadge } from "~/certificates/components/certificate-status";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { ErrorList, Field, FormMessage, SubmitButton } from "~/ui/forms";
import { normaliseCode } from "~/certificates/code";
import { listAudit } from "~/platform/audit.server";
import { findCertificateByCode, inScope, presentCertificate } from "~/certificates/certificates.server";
import { reissueCertificate, revokeCertificate } from "~/certificates/register.server";
import { hrVisibleUnits } from "~/platform/org-scope.server";
import { getDb, requireRole } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { ManageSchema } from "~/certificates/schemas";
import { formatDate, formatDateTime } from "~/platform/format";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "certificates.register.title");

async function certificateInScope(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireRole(args, "hr");
  const db = getDb(args.context);
  const code = normaliseCode(args.params.code);
  const certificate = code ? await findCertificateByCode(db, code) : null;
  const units = await hrVisibleUnits(db, user);
  // Outside the HR user's units it is the same 404 as an unknown code.
  if (!certificate || !inScope(units, certificate.orgUnitId)) throw data({ reason: "not-found" }, { status: 404 });
  return { user, db, certificate, units };
}

/** One certificate for HR: details, the revocation reason, its audit log, and the revoke and re-issue forms. */
export async function loader(args: Route.LoaderArgs) {
  const { db, certificate } = await certificateInScope(args);
  const audit = await listAudit(db, { targetType: "certificate", targetId: certificate.replacesId ?? certificate.id, limit: 50 });
  const own = certificate.replacesId ? await listAudit(db, { targetType: "certificate", targetId: certificate.id, limit: 50 }) : [];
  return {
    ...presentCertificate(certificate, args.context.get(localeContext)),
    reason: certificate.revocationReason,
    done: args.url.searchParams.get("done"),
    history: [...own, ...audit].map((a) => ({
      id: a.id,
      at: a.at.toISOString(),
      action: a.action,
      actor: a.actorName ?? "—",
      details: a.details as { reason?: string; newName?: string; newCode?: string },
    })),
  };
}

const REFUSALS = {
  "reason-required": "certificates.errors.reasonRequired",
  "already-revoked": "certificates.errors.alreadyRevoked",
  "not-current": "certificates.errors.notCurrent",
  "same-name": "certificates.errors.sameName",
  "name-required": "certificates.errors.nameRequired",
} as const;

export async function action(args: Route.ActionArgs) {
  const { user, db, certificate, units } = await certificateInScope(args);
  const form = Object.fromEntries(await args.request.formData());
  const parsed = ManageSchema.safeParse(form);
  if (!parsed.success) {
    const intent = form.intent === "reissue" ? "reissue" : "revoke";
    return data({ intent, errors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
  }
  const input = parsed.data;
  const result =
    input.intent === "revoke"
      ? await revokeCertificate(db, user, { code: certificate.code, reason: input.reason, units })
      : await reissueCertificate(db, user, { code: certificate.code, fullName: input.fullName, units });
  if (!result.ok) {
    if (result.reason === "not-found") throw data({ reason: "not-found" }, { status: 404 });
    return data({ intent: input.intent, errors: [REFUSALS[result.reason]] }, { status: 409 });
  }
  if ("code" in result) throw redirect(`/reports/certificates/${result.code}?done=reissued`);
  throw redirect(`/reports/certificates/${certificate.code}?done=revoked`);
}

export default function ManageCertificate({ loaderData: c, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : null);
  const current = c.status === "valid" || c.status === "expired";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/reports/certificates">{t("certificates.manage.back")}</Link>
      </nav>
      <h1 className="page-title">{t("certificates.manage.title", { code: c.displayCode })}</h1>
      {c.done === "revoked" ? <FormMessage tone="success">{t("certificates.manage.revoked")}</FormMessage> : null}
      {c.done === "reissued" ? <FormMessage tone="success">{t("certificates.manage.reissued", { code: c.displayCode })}</FormMessage> : null}
      <section aria-labelledby="details-heading" className="card space-y-3">
        <h2 id="details-heading" className="sr-only">
          {t("certificates.title")}
        </h2>
        <CertificateStatusBadge status={c.status} large />
        <CertificateDetails certificate={c}>
          {c.revokedAt ? (
            <>
              <dt className="font-semibold">{t("certificates.verify.revokedOn")}</dt>
              <dd>{formatDate(c.revokedAt, i18n.language)}</dd>
              <dt className="font-semibold">{t("certificates.manage.reason")}</dt>
              <dd>{c.reason}</dd>
            </>
          ) : null}
          {c.replacesCode ? (
            <>
              <dt className="font-semibold">{t("certificates.manage.replaces")}</dt>
              <dd>
                <Link to={`/reports/certificates/${c.replacesCode}`} className="font-mono">
                  {c.replacesCode}
                </Link>
              </dd>
            </>
          ) : null}
        </CertificateDetails>
        <p className="flex flex-wrap gap-4">
          <Link to={`/verify/${c.code}`}>{t("certificates.verifyLink")}</Link>
          {c.replacedByCode ? <Link to={`/reports/certificates/${c.replacedByCode}`}>{t("certificates.verify.replacedBy")}</Link> : null}
        </p>
      </section>
      {c.status !== "revoked" ? (
        <section aria-labelledby="revoke-heading" className="card space-y-3">
          <h2 id="revoke-heading" className="text-xl font-semibold">
            {t("certificates.manage.revokeTitle")}
          </h2>
          <p className="text-sm text-stone-700">{t("certificates.manage.revokeHint")}</p>
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="revoke" />
            <div className="space-y-1">
              <label htmlFor="reason" className="block font-semibold">
                {t("certificates.manage.reason")}
              </label>
              <textarea
                id="reason"
                name="reason"
                required
                minLength={3}
                maxLength={500}
                rows={3}
                className="field-input"
                aria-invalid={errorsFor("revoke") ? true : undefined}
                aria-describedby={errorsFor("revoke") ? "reason-error" : undefined}
              />
              <ErrorList id="reason-error" errors={errorsFor("revoke")} />
            </div>
            <SubmitButton className="btn-primary bg-red-800 hover:bg-red-900">{t("certificates.manage.revoke")}</SubmitButton>
          </Form>
        </section>
      ) : null}
      {current ? (
        <section aria-labelledby="reissue-heading" className="card space-y-3">
          <h2 id="reissue-heading" className="text-xl font-semibold">
            {t("certificates.manage.reissueTitle")}
          </h2>
          <p className="text-sm text-stone-700">{t("certificates.manage.reissueHint")}</p>
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="reissue" />
            <Field
              label={t("certificates.manage.fullName")}
              errors={errorsFor("reissue")}
              inputProps={{ id: "fullName", name: "fullName", required: true, minLength: 2, maxLength: 120, defaultValue: c.fullName }}
            />
            <SubmitButton className="btn-secondary">{t("certificates.manage.reissue")}</SubmitButton>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="history-heading" className="card">
        <h2 id="history-heading" className="text-xl font-semibold">
          {t("certificates.manage.history")}
        </h2>
        {c.history.length === 0 ? (
          <p className="mt-2">{t("certificates.manage.noHistory")}</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {c.history.map((h) => (
              <li key={h.id}>
                <time dateTime={h.at}>{formatDateTime(h.at, i18n.language)}</time>:{" "}
                {h.action === "certificate.revoke"
                  ? t("certificates.manage.auditRevoke", { actor: h.actor, reason: h.details.reason ?? "" })
                  : t("certificates.manage.auditReissue", { actor: h.actor, name: h.details.newName ?? "", code: h.details.newCode ?? "" })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
