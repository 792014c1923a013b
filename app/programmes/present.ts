/** A learner's programme path in the reader's language, as the pages and components receive it. */
import { inLocale, type Locale } from "~/i18n";
import type { ProgrammePath } from "./programmes.server";

export function presentPath(path: ProgrammePath, locale: Locale) {
  const { programme } = path;
  const title = (c: { titleVi: string; titleEn: string | null }) => inLocale(locale, c.titleVi, c.titleEn);
  return {
    id: programme.id,
    slug: programme.slug,
    title: title(programme),
    description: inLocale(locale, programme.descriptionVi, programme.descriptionEn),
    optionalTitle: programme.optionalTitleVi ? inLocale(locale, programme.optionalTitleVi, programme.optionalTitleEn) : null,
    percent: path.percent,
    complete: path.complete,
    rule: path.rule,
    follow: path.follow,
    certificateCode: path.certificate?.code ?? null,
    steps: path.steps.map((s) => ({
      slug: s.slug,
      title: title(s),
      minutes: s.minutes,
      optional: s.optional,
      status: s.status,
      next: s.next,
      waitingFor: s.waitingFor.map((w) => ({ slug: w.slug, title: title(w) })),
    })),
    nextStep: path.nextStep ? { slug: path.nextStep.slug, title: title(path.nextStep) } : null,
  };
}

export type PresentedPath = ReturnType<typeof presentPath>;
