import type { i18n as I18n } from "i18next";
import type { Widen } from "./types";
import type { vi } from "./bundle.vi";
import { asI18n, createTranslator } from "./translate";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
export const LOCALE_COOKIE = "skillshelf_lang";

/** Every language has exactly the keys of the Vietnamese messages. */
export type Messages = Widen<typeof vi>;

// Messages are registered, not imported here: server code takes getI18n from ./i18n.server, which registers both
// languages; the browser loads only the page's language (loadMessages), so a page never downloads the other one.
const bundles = new Map<Locale, Messages>();

export function addMessages(locale: Locale, messages: Messages) {
  bundles.set(locale, messages);
}

export function hasMessages(locale: Locale) {
  return bundles.has(locale);
}

const loading = new Map<Locale, Promise<void>>();

/**
 * Loads a language's messages in the browser, once: each language is its own chunk. The page's language is loaded
 * before the first render (app/entry.client.tsx) and before a navigation that changes it renders (root
 * clientMiddleware); a chunk that fails to download may be asked for again.
 */
export function loadMessages(locale: Locale): Promise<void> {
  if (bundles.has(locale)) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = (locale === "en" ? import("./bundle.en").then((m) => m.en) : import("./bundle.vi").then((m) => m.vi))
      .then((messages) => addMessages(locale, messages))
      .finally(() => loading.delete(locale));
    loading.set(locale, pending);
  }
  return pending;
}

/** The locale asked for when its messages are here, else one that is (the browser holds only the page's language). */
export function availableLocale(locale: Locale): Locale {
  return bundles.has(locale) ? locale : (bundles.keys().next().value ?? locale);
}

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

const instances = new Map<Locale, I18n>();

type Create = (locale: Locale, messages: Messages) => I18n;
// The browser translates with ./translate (a few hundred bytes); the server registers i18next (./i18n.server).
let create: Create = (locale, messages) => asI18n(createTranslator(locale, messages));

/** Which translator getI18n makes from now on (./i18n.server registers i18next's). */
export function setTranslator(make: Create) {
  create = make;
  instances.clear();
}

/** One translator per language (i18next on the server, ./translate in the browser); messages are registered first. */
export function getI18n(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    const messages = bundles.get(locale);
    if (!messages) {
      throw new Error(
        `The ${locale} messages are not loaded: server code takes getI18n from ~/i18n/i18n.server; pages render with availableLocale`,
      );
    }
    instance = create(locale, messages);
    instances.set(locale, instance);
  }
  return instance;
}

/** The user's saved preference wins, then the cookie, then the browser's Accept-Language. */
export function negotiateLocale(options: {
  userLocale?: string | null;
  cookieHeader?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(options.userLocale)) return options.userLocale;
  const fromCookie = options.cookieHeader
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(fromCookie)) return fromCookie;
  const ranked = (options.acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.lang)
    .sort((a, b) => b.q - a.q);
  return ranked.find((entry) => isLocale(entry.lang))?.lang as Locale | undefined ?? DEFAULT_LOCALE;
}

/** A stored text in the reader's language: the English one for English readers when it exists, else the Vietnamese. */
export function inLocale(locale: Locale, vi: string, en: string | null | undefined) {
  return (locale === "en" ? en : null) ?? vi;
}
