import { DEFAULT_LOCALE, getI18n, isLocale } from "./";

type Matches = readonly ({ id: string; loaderData?: unknown } | undefined)[];

/** A page title in the page's language: "<translated key or text> · Skillshelf". */
export function title(matches: Matches, key: string, options?: Record<string, unknown>) {
  const root = matches.find((m) => m?.id === "root")?.loaderData as { locale?: string } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
  const t = getI18n(locale).t;
  return [{ title: `${t(key, options)} · Skillshelf` }];
}
