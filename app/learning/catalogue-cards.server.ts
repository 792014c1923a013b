/** The catalogue's cards: what each course shows, and for a search, why it matched (title, description, lessons). */
import { inLocale, type Locale } from "~/i18n";
import { getCourseContent, getEntry } from "~/content/content.server";
import { searchTerms } from "~/platform/text";
import type { listCatalogue } from "./catalogue.server";
import { percentOf } from "./progress.server";
import { containsAll, highlight, snippet } from "./search-match";

type Row = Awaited<ReturnType<typeof listCatalogue>>[number];


/** The reader's language first, then the other one. */
const LOCALES_FIRST = (locale: Locale): Locale[] => (locale === "en" ? ["en", "vi"] : ["vi", "en"]);

type Text = { lang: Locale; read: () => string | undefined };

/** The first of some texts, in order of preference, that holds a term: a marked passage and its language. Texts are read lazily. */
function firstSnippet(terms: string[], texts: Text[]) {
  for (const { lang, read } of texts) {
    const text = read();
    const runs = text ? snippet(text, terms) : null;
    if (runs) return { runs, lang };
  }
  return null;
}

export function catalogueCards(rows: Row[], locale: Locale, query: string) {
  const terms = searchTerms(query);
  return rows.map((row) => {
    const content = getCourseContent(row.slug);
    const title = inLocale(locale, row.titleVi, row.titleEn);
    const summary = inLocale(locale, row.summaryVi, row.summaryEn);
    const inTitle = terms.length ? highlight(title, terms) : null;
    const inSummary = terms.length ? highlight(summary, terms) : null;
    // The overview's text matched only when neither the title nor the summary holds every word. A reader of English
    // who typed Vietnamese words (the search covers both languages) is shown the Vietnamese passage, marked as such.
    const overviewSnippet =
      terms.length && !containsAll(`${title} ${summary}`, terms)
        ? firstSnippet(terms, [
            ...LOCALES_FIRST(locale).map((lang) => ({ lang, read: () => getEntry(content?.overview[lang])?.plainText })),
            { lang: "vi" as const, read: () => `${row.titleVi}. ${row.summaryVi}` },
          ])
        : null;
    const lessons = row.lessons.map((l) => {
      const lessonTitle = inLocale(locale, l.titleVi, l.titleEn);
      const source = content?.lessons.find((s) => s.slug === l.slug);
      const text = firstSnippet(
        terms,
        LOCALES_FIRST(locale).map((lang) => ({ lang, read: () => getEntry(source?.entries[lang])?.plainText })),
      );
      return { slug: l.slug, title: highlight(lessonTitle, terms) ?? lessonTitle, text };
    });
    return {
      slug: row.slug,
      topic: row.topic,
      level: row.level,
      minutes: row.estimatedMinutes,
      // Unmarked text goes as a plain string: most requests have no search, and the router data stays small.
      title: inTitle ?? title,
      summary: inSummary ?? summary,
      languages: content?.languages ?? ["vi"],
      // The cover's version only: the card writes the URL (/content/<slug>/cover.svg?v=…).
      cover: content?.cover ? content.contentHash.slice(0, 12) : null,
      // null: not started.
      percent: row.startedAt === null ? null : percentOf(row),
      completed: row.completedAt !== null,
      // Why a course was found, for a search only.
      match: terms.length
        ? {
            overviewSnippet,
            title: Boolean(inTitle),
            description: Boolean(inSummary || overviewSnippet),
            lessons,
          }
        : null,
    };
  });
}

export type CatalogueCard = ReturnType<typeof catalogueCards>[number];
