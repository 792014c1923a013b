import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/profile";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormMessage } from "~/ui/forms";
import { DomainForm, LevelDescriptors } from "~/competences/components/self-assessment";
import { competenceProfile, saveSelfAssessment } from "~/competences/profile.server";
import { domainsOf, fieldOf, framework } from "~/competences/framework.server";
import { selfAssessmentSchema } from "~/competences/schemas";
import { getDb, requireUser } from "~/platform/auth.server";
import { localeContext } from "~/platform/context";
import { inLocale } from "~/i18n";
import { title } from "~/i18n/meta";

export const meta: Route.MetaFunction = ({ matches }) => title(matches, "competences.title");

/** A certificate that ends within this many days is flagged, so the person can plan the recertification. */
const EXPIRES_SOON_DAYS = 60;

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const locale = args.context.get(localeContext);
  const catalogue = framework();
  const now = new Date();
  const entries = new Map((await competenceProfile(getDb(args.context), catalogue, user.id, now)).map((e) => [e.competenceId, e]));
  const soon = now.getTime() + EXPIRES_SOON_DAYS * 86_400_000;
  const domains = domainsOf(catalogue, locale).map((domain) => ({
    ...domain,
    competences: domain.competences.map((c) => {
      const e = entries.get(c.id)!;
      const until = e.reached?.certificate.validUntil ?? null;
      return {
        ...c,
        field: fieldOf(c.id),
        reached: e.reached
          ? {
              level: e.reached.level,
              course: inLocale(locale, e.reached.certificate.titleVi, e.reached.certificate.titleEn),
              code: e.reached.certificate.code,
              validUntil: until?.toISOString() ?? null,
              expiresSoon: until !== null && until.getTime() <= soon,
            }
          : null,
        self: e.self,
        gap: e.gap,
        suggestions: e.suggestions.map((s) => ({ slug: s.slug, title: inLocale(locale, s.titleVi, s.titleEn), level: s.level })),
      };
    }),
  }));
  const saved = args.url.searchParams.get("saved");
  return {
    domains,
    levels: catalogue.levels.map((l) => ({ level: l.level, name: l[locale] })),
    saved: domains.some((d) => d.id === saved) ? saved : null,
  };
}

/** Saves one domain's self-assessment. Anything but that domain's radio groups with levels 1–8 is a 400 that changes nothing. */
export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const form = await args.request.formData();
  const domainId = form.get("domain");
  const domain = domainsOf(framework(), "vi").find((d) => d.id === domainId);
  if (!domain) return data({ domain: null, errors: ["competences.errors.domain"], fields: {} as Record<string, string[]> }, { status: 400 });
  const fields = domain.competences.map((c) => fieldOf(c.id));
  const submission = parseWithZod(form, { schema: selfAssessmentSchema(domain.id, fields) });
  if (submission.status !== "success") {
    const { "": formErrors, ...fieldErrors } = submission.reply().error ?? {};
    const errors = formErrors?.length || Object.keys(fieldErrors).length === 0 ? ["competences.errors.invalid", ...(formErrors ?? [])] : [];
    return data({ domain: domain.id, errors, fields: fieldErrors as Record<string, string[]> }, { status: 400 });
  }
  const value = submission.value as Record<string, number | null | undefined>;
  const answers = domain.competences
    .filter((c) => value[fieldOf(c.id)] !== undefined)
    .map((c) => ({ competenceId: c.id, level: value[fieldOf(c.id)] ?? null }));
  await saveSelfAssessment(getDb(args.context), user.id, answers);
  throw redirect(`/learning/competences?saved=${encodeURIComponent(domain.id)}#domain-${domain.id}`);
}

export default function CompetenceProfilePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { domains, levels, saved } = loaderData;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="page-title">{t("competences.title")}</h1>
        <p className="max-w-prose">{t("competences.intro")}</p>
        <p>
          <Link to="/competences">{t("competences.frameworkLink")}</Link>
        </p>
      </div>
      {actionData && actionData.domain === null ? (
        <FormMessage>{actionData.errors.map((e) => t(e)).join(" ")}</FormMessage>
      ) : null}
      <LevelDescriptors levels={levels} />
      <nav aria-labelledby="domains-nav" className="card">
        <h2 id="domains-nav" className="font-semibold">
          {t("competences.domainsNav")}
        </h2>
        <ul className="mt-2 grid gap-1 sm:grid-cols-2">
          {domains.map((d) => (
            <li key={d.id}>
              <a href={`#domain-${d.id}`} className="inline-block py-1">
                {t("competences.domain", { id: d.id, name: d.name })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {domains.map((domain) => (
        <DomainForm
          key={domain.id}
          domain={domain}
          levels={levels}
          saved={saved === domain.id}
          errors={actionData?.domain === domain.id ? actionData : null}
        />
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
