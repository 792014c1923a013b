import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CertificateStatusBadge, type CertificateStatusName } from "~/certificates/components/certificate-status";
import { formatDate } from "~/platform/format";

export type CompletionCertificate = {
  code: string;
  status: CertificateStatusName;
  verifyUrl: string;
  pdfUrl: string;
  linkedInUrl: string | null;
};

/**
 * The completion moment: the course is done and its certificate is right here — the page, the PDF, the public
 * link to share and LinkedIn's "add to profile". Shown on the course page and at the top of My learning.
 */
export function CompletionCard({
  headingLevel = 2,
  courseSlug,
  courseTitle,
  completedAt,
  certificate,
}: {
  headingLevel?: 2 | 3;
  courseSlug: string;
  courseTitle: string;
  completedAt: string;
  certificate: CompletionCertificate | null;
}) {
  const { t, i18n } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `completed-${courseSlug}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border-2 border-emerald-700 bg-emerald-50 p-5 text-emerald-950">
      <div className="flex items-start gap-4">
        <svg aria-hidden="true" viewBox="0 0 48 48" width="48" height="48" className="hidden shrink-0 sm:block">
          <circle cx="24" cy="20" r="14" fill="#047857" />
          <path d="M17 20l5 5 9-10" fill="none" stroke="#fff" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round" />
          <path d="M15 31l-4 13 7-3 4 6 3-12M33 31l4 13-7-3-4 6-3-12" fill="#fbbf24" />
        </svg>
        <div className="min-w-0 flex-1 space-y-3">
          <Heading id={headingId} className="text-xl font-bold">
            {t("completion.heading", { course: courseTitle })}
          </Heading>
          <p>
            {t("course.completedOn", { date: formatDate(completedAt, i18n.language) })}{" "}
            {certificate ? t("completion.certificateReady") : null}
          </p>
          {certificate ? (
            <>
              <p className="flex flex-wrap items-center gap-2">
                <Link to={`/certificates/${certificate.code}`} className="btn-primary">
                  {t("certificates.viewCertificate")}
                </Link>
                <a href={certificate.pdfUrl} className="btn-secondary" download>
                  {t("completion.pdf")}
                </a>
                {certificate.linkedInUrl ? (
                  <a href={certificate.linkedInUrl} className="btn-secondary" target="_blank" rel="noopener noreferrer">
                    {t("completion.linkedIn")}
                    <span className="sr-only"> ({t("completion.newWindow")})</span>
                  </a>
                ) : null}
                <CertificateStatusBadge status={certificate.status} />
              </p>
              <div>
                <p className="text-sm font-semibold">{t("completion.shareLink")}</p>
                <a href={certificate.verifyUrl} className="inline-block break-all py-1 font-mono text-sm text-emerald-900">
                  {certificate.verifyUrl}
                </a>
                <p className="text-sm">{t("completion.shareHint")}</p>
              </div>
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}
