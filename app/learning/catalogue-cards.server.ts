/** The catalogue's cards: what each course shows, and for a search, why it matched (title, description, lessons). */
import type { RouterContextProvider } from "react-router";
import { inLocale, type Locale } from "~/i18n";
import { getI18n } from "~/i18n/i18n.server";
import { getCourseContent, getEntry } from "~/content/content.server";
import { htmlInDocumentOnly } from "~/platform/document-html";
import { escapeHtml, searchTerms } from "~/platform/text";
import type { listCatalogue } from "./catalogue.server";
import { cardHtmlKey } from "./card-html";
import { percentOf } from "./progress.server";
import { containsAll, highlight, type Marked, snippet } from "./search-match";

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

/** Text or marked runs as HTML: escaped, the matches in <mark>. */
function markedHtml(runs: Marked | string) {
  return typeof runs === "string" ? escapeHtml(runs) : runs.map((r) => (r.mark ? `<mark>${escapeHtml(r.text)}</mark>` : escapeHtml(r.text))).join("");
}

type LoaderArgs = { request: Request; context: Readonly<RouterContextProvider> };

// What a card shows that depends on the course and the language only (its topic and level; its time and languages),
// written once per language and course: content is fixed for the life of a build (every field is in the key).
const fixedParts = new Map<string, { tags: string; facts: string }>();

function cardParts(locale: Locale, row: Row, languages: Locale[]) {
  const key = [locale, row.slug, row.topic, row.level, row.estimatedMinutes, ...languages].join("|");
  let parts = fixedParts.get(key);
  if (!parts) {
    const { t } = getI18n(locale);
    const tag = (cls: string, text: string) => `<span class="${cls}">${escapeHtml(text)}</span>`;
    parts = {
      tags: `<p class="card-tags">${tag("card-topic", t(`topics.${row.topic}`))}${tag("card-tag", t(`levels.${row.level}`))}</p>`,
      facts:
        `<dl class="card-facts"><dt class="sr-only">${escapeHtml(t("course.estimated"))}</dt><dd>⏱ ${escapeHtml(t("catalogue.minutes", { count: row.estimatedMinutes }))}</dd>` +
        `<dt class="sr-only">${escapeHtml(t("catalogue.languages"))}</dt><dd>${escapeHtml(languages.map((l) => t(`language.${l}`)).join(" · "))}</dd></dl>`,
    };
    fixedParts.set(key, parts);
  }
  return parts;
}

export function catalogueCards(args: LoaderArgs, rows: Row[], locale: Locale, query: string) {
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
    const parts = cardParts(locale, row, content?.languages ?? ["vi"]);
    // The summary, and for a search the passage of the overview that matched.
    const text =
      `<p class="card-summary">${markedHtml(inSummary ?? summary)}</p>` +
      (overviewSnippet ? `<p class="text-sm text-stone-700" lang="${overviewSnippet.lang}">${markedHtml(overviewSnippet.runs)}</p>` : "");
    return {
      slug: row.slug,
      topic: row.topic,
      // Unmarked text goes as a plain string: most requests have no search, and the router data stays small.
      title: inTitle ?? title,
      // The card's text around its title is HTML the server wrote, in the document only (a data request brings it):
      // fewer elements to render, and not twice in the page.
      head: htmlInDocumentOnly(args, cardHtmlKey(row.slug, "head"), parts.tags),
      body: htmlInDocumentOnly(args, cardHtmlKey(row.slug, "body"), text + parts.facts),
      // The cover's version only: the card writes the URL (/content/<slug>/cover.svg?v=…).
      cover: content?.cover ? content.contentHash.slice(0, 12) : null,
      // null: not started.
      percent: row.startedAt === null ? null : percentOf(row),
      completed: row.completedAt !== null,
      // Why a course was found, for a search only.
      match: terms.length
        ? {
            title: Boolean(inTitle),
            description: Boolean(inSummary || overviewSnippet),
            lessons,
          }
        : null,
    };
  });
}

export type CatalogueCard = ReturnType<typeof catalogueCards>[number];
