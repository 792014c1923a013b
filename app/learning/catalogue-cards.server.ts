/** The catalogue's cards: what each course shows, and for a search, why it matched (title, description, lessons). */
import { inLocale, type Locale } from "~/i18n";
import { getCourseContent, getEntry, pickLang } from "~/content/content.server";
import { searchTerms } from "~/platform/text";
import type { listCatalogue } from "./catalogue.server";
import { percentOf } from "./progress.server";
import { containsAll, highlight, snippet, type Marked } from "./search-match";

type Row = Awaited<ReturnType<typeof listCatalogue>>[number];

const plain = (text: string): Marked => [{ text, mark: false }];

export function catalogueCards(rows: Row[], locale: Locale, query: string) {
  const terms = searchTerms(query);
  return rows.map((row) => {
    const content = getCourseContent(row.slug);
    const title = inLocale(locale, row.titleVi, row.titleEn);
    const summary = inLocale(locale, row.summaryVi, row.summaryEn);
    const inTitle = terms.length ? highlight(title, terms) : null;
    const inSummary = terms.length ? highlight(summary, terms) : null;
    // The overview's text matched only when neither the title nor the summary holds every word.
    const overviewText = terms.length && !containsAll(`${title} ${summary}`, terms) ? getEntry(pickLang(content?.overview ?? {}, locale)?.value)?.plainText : undefined;
    const inOverview = overviewText ? snippet(overviewText, terms) : null;
    const lessons = row.lessons.map((l) => {
      const lessonTitle = inLocale(locale, l.titleVi, l.titleEn);
      const source = content?.lessons.find((s) => s.slug === l.slug);
      const text = getEntry(source ? pickLang(source.entries, locale)?.value : undefined)?.plainText ?? "";
      return { slug: l.slug, title: highlight(lessonTitle, terms) ?? plain(lessonTitle), text: snippet(text, terms) };
    });
    return {
      slug: row.slug,
      topic: row.topic,
      level: row.level,
      minutes: row.estimatedMinutes,
      title: inTitle ?? plain(title),
      summary: inSummary ?? plain(summary),
      overviewSnippet: inOverview,
      matchedIn: terms.length
        ? { title: Boolean(inTitle), description: Boolean(inSummary || inOverview), lessons: lessons.length }
        : null,
      languages: content?.languages ?? ["vi"],
      cover: content?.cover ? `/content/${row.slug}/cover.svg?v=${content.contentHash.slice(0, 12)}` : null,
      started: row.startedAt !== null,
      completed: row.completedAt !== null,
      percent: percentOf(row),
      lessons,
    };
  });
}

export type CatalogueCard = ReturnType<typeof catalogueCards>[number];
