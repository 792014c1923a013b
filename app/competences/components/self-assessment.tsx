import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { ErrorList, FormMessage, SubmitButton } from "~/ui/forms";
import { formatDate } from "~/platform/format";
import { LEVELS, NOT_ASSESSED } from "~/competences/levels";

type Level = { level: number; name: string };

export type ProfileCompetence = {
  id: string;
  name: string;
  field: string;
  reached: { level: number; course: string; code: string; validUntil: string | null; expiresSoon: boolean } | null;
  self: number | null;
  gap: number | null;
  suggestions: { slug: string; title: string; level: number }[];
};

export type ProfileDomain = { id: string; name: string; competences: ProfileCompetence[] };

/** The eight levels with the framework's descriptors, folded away so the form stays short on a phone. */
export function LevelDescriptors({ levels }: { levels: Level[] }) {
  const { t } = useTranslation();
  return (
    <details className="card">
      <summary className="cursor-pointer py-1 font-semibold">{t("competences.levelsTitle")}</summary>
      <p className="mt-2 text-sm text-stone-700">{t("competences.levelsIntro")}</p>
      <dl className="mt-3 space-y-2">
        {levels.map((l) => (
          <div key={l.level} className="grid gap-x-3 sm:grid-cols-[10rem_1fr]">
            <dt className="font-medium">{t("competences.reachedLevel", { level: l.level, name: l.name })}</dt>
            <dd className="text-stone-700">{t(`competences.descriptors.${l.level}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function Facts({ c, levels }: { c: ProfileCompetence; levels: Level[] }) {
  const { t, i18n } = useTranslation();
  const nameOf = (level: number) => levels.find((l) => l.level === level)?.name ?? String(level);
  return (
    <dl className="grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
      <dt className="font-semibold">{t("competences.reached")}</dt>
      <dd>
        {c.reached ? (
          <>
            {t("competences.reachedLevel", { level: c.reached.level, name: nameOf(c.reached.level) })},{" "}
            <Link to={`/certificates/${c.reached.code}`}>{t("competences.reachedFrom", { course: c.reached.course })}</Link>
            {c.reached.validUntil ? <>, {t("competences.validUntil", { date: formatDate(c.reached.validUntil, i18n.language) })}</> : null}
            {c.reached.expiresSoon ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">{t("competences.expiresSoon")}</span> : null}
          </>
        ) : (
          t("competences.notReached")
        )}
      </dd>
      <dt className="font-semibold">{t("competences.self")}</dt>
      <dd>{c.self ? t("competences.reachedLevel", { level: c.self, name: nameOf(c.self) }) : t("competences.notAssessed")}</dd>
      <dt className="font-semibold">{t("competences.gap")}</dt>
      <dd>{c.gap === null ? t("competences.gapUnknown") : c.gap === 0 ? t("competences.noGap") : t("competences.gapLevels", { count: c.gap })}</dd>
      {c.gap ? (
        <>
          <dt className="font-semibold">{t("competences.suggestions")}</dt>
          <dd>
            {c.suggestions.length === 0 ? (
              t("competences.noSuggestions", { level: c.reached?.level ?? 0 })
            ) : (
              <ul className="space-y-1">
                {c.suggestions.map((s) => (
                  <li key={s.slug}>
                    <Link to={`/courses/${s.slug}`}>{s.title}</Link> ({t("competences.suggestionLevel", { level: s.level })})
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The stage a level belongs to ("Trung cấp 3" → "Trung cấp"), shown under the number. */
const stageOf = (levels: Level[], level: number) => (levels.find((l) => l.level === level)?.name ?? "").replace(/\s*\d+$/, "");

/** One radio group: the eight levels (four rows of two on a phone, two rows of four on a tablet, one row on a wide screen) and "not assessed". */
function LevelChoice({ c, levels, errors }: { c: ProfileCompetence; levels: Level[]; errors?: string[] }) {
  const { t } = useTranslation();
  const errorId = errors?.length ? `${c.field}-error` : undefined;
  const option = "flex min-h-11 cursor-pointer items-center gap-2 rounded border border-stone-300 px-2 py-1 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-700";
  return (
    <fieldset className="mt-3" aria-describedby={errorId}>
      <legend className="text-sm font-semibold">{t("competences.yourLevel")}</legend>
      <div className="mt-1 grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-9">
        {LEVELS.map((level) => (
          <label key={level} className={option}>
            <input type="radio" name={c.field} value={String(level)} defaultChecked={c.self === level} className="size-4" />
            <span className="min-w-0">
              <span className="sr-only">{t("competences.levelOption", { level })}: </span>
              <span aria-hidden="true" className="block text-base leading-tight font-semibold">
                {level}
              </span>
              <span aria-hidden="true" className="block text-xs leading-tight text-stone-600">
                {stageOf(levels, level)}
              </span>
              <span className="sr-only">{levels.find((l) => l.level === level)?.name}</span>
            </span>
          </label>
        ))}
        <label className={`${option} col-span-2 sm:col-span-4 xl:col-span-1`}>
          <input type="radio" name={c.field} value={NOT_ASSESSED} defaultChecked={c.self === null} className="size-4" />
          <span className="text-sm">{t("competences.clear")}</span>
        </label>
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

/** A domain: each competence's level reached, self-assessment, gap and suggestions, and one form to save the domain. */
export function DomainForm({
  domain,
  levels,
  saved,
  errors,
}: {
  domain: ProfileDomain;
  levels: Level[];
  saved: boolean;
  errors: { errors: string[]; fields: Record<string, string[]> } | null;
}) {
  const { t } = useTranslation();
  const certified = domain.competences.filter((c) => c.reached).length;
  const assessed = domain.competences.filter((c) => c.self).length;
  return (
    <section id={`domain-${domain.id}`} aria-labelledby={`domain-${domain.id}-heading`} className="card scroll-mt-4 space-y-4">
      <div>
        <h2 id={`domain-${domain.id}-heading`} className="text-xl font-semibold">
          {t("competences.domain", { id: domain.id, name: domain.name })}
        </h2>
        <p className="text-sm text-stone-700">{t("competences.summary", { certified, assessed, total: domain.competences.length })}</p>
      </div>
      {saved ? <FormMessage tone="success">{t("competences.saved", { id: domain.id })}</FormMessage> : null}
      {errors?.errors.length ? <ErrorList errors={errors.errors} /> : null}
      <Form method="post" preventScrollReset className="space-y-4">
        <input type="hidden" name="domain" value={domain.id} />
        {domain.competences.map((c) => (
          <div key={c.id} id={`competence-${c.id}`} className="rounded border border-stone-200 p-3">
            <h3 className="mb-2 font-semibold">
              <span className="font-mono text-stone-600">{c.id}</span> {c.name}
            </h3>
            <Facts c={c} levels={levels} />
            <LevelChoice c={c} levels={levels} errors={errors?.fields[c.field]} />
          </div>
        ))}
        <SubmitButton>{t("competences.save", { id: domain.id })}</SubmitButton>
      </Form>
    </section>
  );
}
