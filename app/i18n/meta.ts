import { DEFAULT_LOCALE, availableLocale, getI18n, isLocale } from "./";

type Matches = readonly ({ id: string; loaderData?: unknown; error?: unknown } | undefined)[];

/** A page title in the page's language: "<translated key or text> · Skillshelf". */
export function title(matches: Matches, key: string, options?: Record<string, unknown>) {
  // An error page titles itself (GeneralErrorBoundary): one <title> per page.
  if (matches.some((m) => m?.error)) return [];
  const root = matches.find((m) => m?.id === "root")?.loaderData as { locale?: string } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
  // The page's language is loaded before it renders; should it ever be missing, the title is in the one that is.
  const t = getI18n(availableLocale(locale)).t;
  return [{ title: `${t(key, options)} · Skillshelf` }];
}
