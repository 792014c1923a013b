import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { inLocale, type Locale } from "~/i18n";

export type PresentedGate = { programme: { slug: string; title: string }; waitingFor: { slug: string; title: string }[] };

/** The gate (see courseGate) in the reader's language, or null when the course is open. */
export function presentGate(
  gate: { programme: { slug: string; titleVi: string; titleEn: string | null }; waitingFor: { slug: string; titleVi: string; titleEn: string | null }[] } | null,
  locale: Locale,
): PresentedGate | null {
  if (!gate) return null;
  return {
    programme: { slug: gate.programme.slug, title: inLocale(locale, gate.programme.titleVi, gate.programme.titleEn) },
    waitingFor: gate.waitingFor.map((c) => ({ slug: c.slug, title: inLocale(locale, c.titleVi, c.titleEn) })),
  };
}

/** Why a course is locked, with a link to the course to take first and to the programme. */
export function LockedCourseNote({ gate }: { gate: PresentedGate }) {
  const { t } = useTranslation();
  const first = gate.waitingFor[0];
  return (
    <div role="note" aria-labelledby="locked-heading" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p id="locked-heading" className="font-semibold">
        <span aria-hidden="true">🔒 </span>
        {t("programmes.locked.title")}
      </p>
      <p>{t("programmes.locked.body")}</p>
      <ul className="list-disc pl-5">
        {gate.waitingFor.map((c) => (
          <li key={c.slug}>
            <Link to={`/courses/${c.slug}`}>{c.title}</Link>
          </li>
        ))}
      </ul>
      <p>
        {t("programmes.locked.programme")} <Link to={`/learning/programmes/${gate.programme.slug}`}>{gate.programme.title}</Link>
      </p>
      {first ? (
        <Link to={`/courses/${first.slug}`} className="btn-primary w-full">
          {t("programmes.locked.takeFirst")}
          <span className="sr-only">: {first.title}</span>
        </Link>
      ) : null}
    </div>
  );
}
