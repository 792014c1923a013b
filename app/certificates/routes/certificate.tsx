import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import type { Route } from "./+types/certificate";
import { CertificateDetails } from "~/certificates/components/certificate-details";
import { CertificateStatusBadge } from "~/certificates/components/certificate-status";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { certificateUrls } from "~/certificates/urls";
import { findOwnCertificate, presentCertificate } from "~/certificates/certificates.server";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { publicOrigin } from "~/platform/request-origin.server";
import { getI18n } from "~/i18n/i18n.server";

export const meta: Route.MetaFunction = ({ loaderData }) => (loaderData ? [{ title: `${loaderData.pageTitle} · Skillshelf` }] : []);

/** The learner's own certificate; anyone else's code is the same 404 as an unknown one. */
export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const locale = args.context.get(localeContext);
  const certificate = await findOwnCertificate(getDb(args.context), user.id, args.params.code);
  if (!certificate) throw data({ reason: "not-found" }, { status: 404 });
  const shown = presentCertificate(certificate, locale);
  return {
    ...shown,
    pageTitle: getI18n(locale).t("certificates.pageTitle", { course: shown.courseTitle }),
    verifyUrl: certificateUrls(publicOrigin(args.request)).verify(certificate.code),
  };
}

export default function CertificatePage({ loaderData: c }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/learning">{t("nav.learning")}</Link>
      </nav>
      <header className="space-y-2">
        <p className="text-sm font-semibold uppercase tracking-wide text-stone-700">{t("certificates.yourCertificate")}</p>
        <h1 className="page-title">{c.courseTitle}</h1>
        <CertificateStatusBadge status={c.status} large />
        {c.replacedByCode ? (
          <p>
            <Link to={`/certificates/${c.replacedByCode}`} className="font-semibold">
              {t("certificates.verify.replacedBy")}
            </Link>
          </p>
        ) : null}
      </header>
      <section aria-labelledby="details-heading" className="card">
        <h2 id="details-heading" className="sr-only">
          {t("certificates.title")}
        </h2>
        <CertificateDetails
          certificate={c}
          // The content version (a hash) stays in the signed credential; people see the course by its title.
          course={<Link to={c.subjectHref}>{c.courseTitle}</Link>}
        >
          <dt className="font-semibold">{t("certificates.competences")}</dt>
          <dd>
            <ul className="space-y-1">
              {c.competences.map((comp) => (
                <li key={comp.id}>
                  <span className="font-mono text-sm text-stone-600">{comp.id}</span> {comp.name} ({t("certificates.competenceLevel", { level: comp.level })})
                </li>
              ))}
            </ul>
          </dd>
          <dt className="font-semibold">{c.programme ? t("certificates.evidence") : t("certificates.scores")}</dt>
          <dd>
            {c.programme ? (
              <ul className="space-y-1">
                {c.evidence.map((e) => (
                  <li key={e.code}>
                    <Link to={`/certificates/${e.code}`}>{e.title}</Link> <span className="font-mono text-sm text-stone-600">{e.displayCode}</span>
                  </li>
                ))}
              </ul>
            ) : c.scores.length === 0 ? (
              t("certificates.noScores")
            ) : (
              <ul>
                {c.scores.map((s) => (
                  <li key={`${s.lessonSlug}-${s.quizId}`}>{t("certificates.scoreLine", { quiz: s.quizId, lesson: s.lessonSlug, percent: Math.round(s.percent) })}</li>
                ))}
              </ul>
            )}
          </dd>
        </CertificateDetails>
      </section>
      <section aria-labelledby="downloads-heading" className="card space-y-3">
        <h2 id="downloads-heading" className="text-xl font-semibold">
          PDF · Open Badges
        </h2>
        <p className="flex flex-wrap gap-3">
          <a href={`/certificates/${c.code}/pdf?lang=vi`} className="btn-primary" download>
            {t("certificates.downloadPdf")}
          </a>
          <a href={`/certificates/${c.code}/pdf?lang=en`} className="btn-secondary" download>
            {t("certificates.downloadPdfEn")}
          </a>
        </p>
        <p>
          <a href={`/certificates/${c.code}/credential.jwt`} download>
            {t("certificates.downloadCredential")}
          </a>
        </p>
        <p className="text-sm text-stone-700">{t("certificates.credentialHint")}</p>
      </section>
      <section aria-labelledby="verify-heading" className="card space-y-2">
        <h2 id="verify-heading" className="text-xl font-semibold">
          {t("certificates.verifyLink")}
        </h2>
        <p>
          <a href={c.verifyUrl} className="break-all font-mono" data-testid="verify-url">
            {c.verifyUrl}
          </a>
        </p>
        <p className="text-sm text-stone-700">{t("certificates.verifyHint")}</p>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
