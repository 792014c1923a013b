import { useTranslation } from "react-i18next";
import { data, isRouteErrorResponse, Link, useRouteError } from "react-router";
import type { Route } from "./+types/verify-code";
import { CertificateDetails } from "~/certificates/components/certificate-details";
import { CertificateStatusBadge } from "~/certificates/components/certificate-status";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { normaliseCode } from "~/certificates/code";
import { certificateUrls } from "~/certificates/urls";
import { limitVerification } from "~/certificates/verify-limit.server";
import { inScope, presentCertificate, verifyCertificate } from "~/certificates/certificates.server";
import { hrVisibleUnits } from "~/platform/org-scope.server";
import { clientIp, getDb, getUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { publicOrigin } from "~/platform/request-origin.server";
import { formatDate } from "~/platform/format";
import { title } from "~/i18n/meta";
import { hasRole } from "~/platform/permissions";
import { VerifyForm } from "~/certificates/components/verify-form";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "certificates.verify.resultTitle");

const NOT_FOUND = { reason: "not-found", message: "certificates.verify.notFoundText" };

/**
 * Public verification: anyone, signed in or not. Checks the signed credential against the published key,
 * not just the row. The revocation reason is shown only to HR (within their scope) and admins.
 */
export async function loader(args: Route.LoaderArgs) {
  const db = getDb(args.context);
  await limitVerification(db, clientIp(args.request));
  const code = normaliseCode(args.params.code);
  if (!code) throw data(NOT_FOUND, { status: 404 });
  const result = await verifyCertificate(db, code);
  if (!result) throw data(NOT_FOUND, { status: 404 });
  const viewer = getUser(args.context);
  const hr = viewer && hasRole(viewer, "hr") ? await hrVisibleUnits(db, viewer) : undefined;
  const showReason = hr !== undefined && inScope(hr, result.certificate.orgUnitId);
  const shown = presentCertificate(result.certificate, args.context.get(localeContext));
  const urls = certificateUrls(publicOrigin(args.request));
  return {
    fullName: shown.fullName,
    courseTitle: shown.courseTitle,
    issuerName: shown.issuerName,
    displayCode: shown.displayCode,
    completedAt: shown.completedAt,
    validUntil: shown.validUntil,
    revokedAt: shown.revokedAt,
    replacedByCode: shown.replacedByCode,
    competences: shown.competences,
    evidence: shown.evidence,
    programme: shown.programme,
    status: result.status,
    signatureValid: result.signature.valid,
    reason: showReason ? result.certificate.revocationReason : null,
    links: { jwks: urls.jwks, issuer: urls.issuer, statusList: urls.statusList(1) },
  };
}

export default function VerifyCodePage({ loaderData: v }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDate(iso, i18n.language);
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-3">
        <h1 className="page-title">{t("certificates.verify.resultTitle")}</h1>
        <p role="status" className="flex flex-wrap items-center gap-3">
          <CertificateStatusBadge status={v.status} large />
          <span className="text-lg">
            {v.status === "valid"
              ? t("certificates.statusText.valid")
              : v.status === "expired"
                ? t("certificates.statusText.expired", { date: date(v.validUntil!) })
                : v.status === "revoked"
                  ? t("certificates.statusText.revoked", { date: date(v.revokedAt!) })
                  : t("certificates.statusText.replaced")}
          </span>
        </p>
        {v.replacedByCode ? (
          <p>
            <Link to={`/verify/${v.replacedByCode}`} className="font-semibold">
              {t("certificates.verify.replacedBy")}
            </Link>
          </p>
        ) : null}
        <p className={v.signatureValid ? "text-emerald-900" : "font-semibold text-red-900"}>
          {v.signatureValid ? `✓ ${t("certificates.verify.signatureOk")}` : `✗ ${t("certificates.verify.signatureBad")}`}
        </p>
      </header>
      <section aria-labelledby="certificate-heading" className="card">
        <h2 id="certificate-heading" className="sr-only">
          {t("certificates.title")}
        </h2>
        <CertificateDetails certificate={v}>
          {v.revokedAt ? (
            <>
              <dt className="font-semibold">{t("certificates.verify.revokedOn")}</dt>
              <dd>{date(v.revokedAt)}</dd>
            </>
          ) : null}
          {v.reason ? (
            <>
              <dt className="font-semibold">{t("certificates.verify.reason")}</dt>
              <dd>{v.reason}</dd>
            </>
          ) : null}
          <dt className="font-semibold">{t("certificates.competences")}</dt>
          <dd>
            <ul>
              {v.competences.map((c) => (
                <li key={c.id}>
                  <span className="font-mono text-sm text-stone-600">{c.id}</span> {c.name}
                </li>
              ))}
            </ul>
          </dd>
          {v.evidence.length ? (
            <>
              <dt className="font-semibold">{t("certificates.evidence")}</dt>
              <dd>
                <ul>
                  {v.evidence.map((e) => (
                    <li key={e.code}>
                      <Link to={`/verify/${e.code}`}>{e.title}</Link> <span className="font-mono text-sm text-stone-600">{e.displayCode}</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </CertificateDetails>
      </section>
      <section aria-labelledby="machine-heading" className="text-sm">
        <h2 id="machine-heading" className="font-semibold">
          {t("certificates.verify.machineReadable")}
        </h2>
        <ul className="mt-1 flex flex-wrap gap-4">
          <li>
            <a href={v.links.jwks}>{t("certificates.verify.credentialLink")}</a>
          </li>
          <li>
            <a href={v.links.statusList}>{t("certificates.verify.statusListLink")}</a>
          </li>
          <li>
            <a href={v.links.issuer}>{t("certificates.verify.issuerLink")}</a>
          </li>
        </ul>
      </section>
      <p>
        <Link to="/verify">{t("certificates.verify.checkAnother")}</Link>
      </p>
    </article>
  );
}

/** Unknown or malformed codes: a page that says so (404), with the form to try another code. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <div className="mx-auto max-w-xl space-y-6 py-6">
      <title>{`${t("certificates.verify.notFoundTitle")} · Skillshelf`}</title>
      <p className="text-sm font-semibold text-stone-600">404</p>
      <h1 className="page-title">{t("certificates.verify.notFoundTitle")}</h1>
      <p className="text-lg">{t("certificates.verify.notFoundText")}</p>
      <h2 className="text-xl font-semibold">{t("certificates.verify.checkAnother")}</h2>
      <VerifyForm />
    </div>
  );
}
