import { type SQL, sql } from "drizzle-orm";
import type { Locale } from "~/i18n";
import { type CompetenceCatalogue, loadCompetences } from "~/content/competences.server";
import { CONTENT_ROOT } from "~/content/content.server";

/** The framework (content/competences.yaml) as the competence pages read it: re-read when the file changes. */
export function framework(): CompetenceCatalogue {
  return loadCompetences(CONTENT_ROOT);
}

export type DomainView = { id: string; name: string; competences: { id: string; name: string }[] };

/** Domains in file order, each with its competences, in the reader's language. */
export function domainsOf(catalogue: CompetenceCatalogue, locale: Locale): DomainView[] {
  const domains = new Map<string, DomainView>();
  for (const c of catalogue.competences) {
    const domain = domains.get(c.domain.id) ?? { id: c.domain.id, name: c.domain[locale], competences: [] };
    domain.competences.push({ id: c.id, name: c.name[locale] });
    domains.set(c.domain.id, domain);
  }
  return [...domains.values()];
}

/** A competence id as a form field name ("1.1" → "c1_1"): dots would make Conform read nested objects. */
export const fieldOf = (competenceId: string) => `c${competenceId.replace(/\./g, "_")}`;

/**
 * The one definition of a certificate that counts towards a level: not revoked, not replaced by a corrected re-issue
 * (the re-issue counts instead), and not expired at `now`. `c` is the certificates alias. The heatmap's
 * competence_reach applies the same rule in SQL (competence_reach_refresh, migration 0010), expiry at read time:
 * change both together (docs/decisions/0007).
 */
export function certificateCounts(now: Date): SQL {
  return sql`c.revoked_at is null and c.replaced_by_id is null and (c.valid_until is null or c.valid_until > ${now.toISOString()}::timestamptz)`;
}
