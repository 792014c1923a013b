/** What the completion moment offers for a certificate: its page, PDF, public verification link and LinkedIn link. */
import type { Locale } from "~/i18n";
import { issuerNames } from "~/certificates/issuer.server";
import { formatCode, type CertificateStatus } from "~/certificates/certificates.server";
import { certificateUrls, linkedInAddToProfileUrl } from "~/certificates/urls";
import { publicOrigin } from "~/platform/request-origin.server";

export type CertificateShare = ReturnType<typeof certificateShare>;

export function certificateShare(
  request: Request,
  locale: Locale,
  courseTitle: string,
  certificate: { code: string; issuedAt: Date; validUntil: Date | null; status: CertificateStatus },
) {
  // Links that leave the app are built from the trusted origin (APP_URL), never from the request's Host alone.
  const verifyUrl = certificateUrls(publicOrigin(request)).verify(certificate.code);
  const names = issuerNames();
  return {
    code: certificate.code,
    status: certificate.status,
    verifyUrl,
    pdfUrl: `/certificates/${certificate.code}/pdf?lang=${locale}`,
    linkedInUrl:
      certificate.status === "valid"
        ? linkedInAddToProfileUrl({
            name: courseTitle,
            organizationName: locale === "en" ? names.nameEn : names.nameVi,
            issuedAt: certificate.issuedAt,
            validUntil: certificate.validUntil,
            certUrl: verifyUrl,
            certId: formatCode(certificate.code),
          })
        : null,
  };
}
