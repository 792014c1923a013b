import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/platform/format";

type Shown = {
  fullName: string;
  courseTitle: string;
  completedAt: string;
  validUntil: string | null;
  issuerName: string;
  displayCode: string;
  /** A programme's certificate (its subject is named "Programme", not "Course"). */
  programme?: boolean;
};

/** The facts printed on a certificate, as a description list; pages add their own rows after them. */
export function CertificateDetails({ certificate: c, course, children }: { certificate: Shown; course?: ReactNode; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
      <dt className="font-semibold">{t("certificates.holder")}</dt>
      <dd className="text-lg">{c.fullName}</dd>
      <dt className="font-semibold">{c.programme ? t("certificates.programme") : t("certificates.course")}</dt>
      <dd>{course ?? c.courseTitle}</dd>
      <dt className="font-semibold">{t("certificates.completedOn")}</dt>
      <dd>{formatDate(c.completedAt, i18n.language)}</dd>
      <dt className="font-semibold">{t("certificates.validUntil")}</dt>
      <dd>{c.validUntil ? formatDate(c.validUntil, i18n.language) : t("certificates.noExpiry")}</dd>
      <dt className="font-semibold">{t("certificates.issuer")}</dt>
      <dd>{c.issuerName}</dd>
      <dt className="font-semibold">{t("certificates.code")}</dt>
      <dd className="font-mono text-lg tracking-wider">{c.displayCode}</dd>
      {children}
    </dl>
  );
}
