import { useTranslation } from "react-i18next";

export type CertificateStatusName = "valid" | "expired" | "revoked" | "replaced";

const TONES: Record<CertificateStatusName, string> = {
  valid: "border-emerald-700 bg-emerald-50 text-emerald-900",
  expired: "border-amber-700 bg-amber-50 text-amber-900",
  revoked: "border-red-700 bg-red-50 text-red-900",
  replaced: "border-stone-600 bg-stone-100 text-stone-900",
};

/** A certificate's status as a labelled badge: the word carries the meaning, colour only repeats it. */
export function CertificateStatusBadge({ status, large = false }: { status: CertificateStatusName; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded border font-semibold ${TONES[status]} ${large ? "px-3 py-1 text-lg" : "px-2 py-0.5 text-sm"}`}>
      {status === "valid" ? "✓ " : status === "revoked" ? "✗ " : ""}
      {t(`certificates.status.${status}`)}
    </span>
  );
}
