// i18next for the server (registered by ./i18n.server.ts): the browser uses ./translate instead, which renders the
// same text (tests/unit/i18n/translate.test.ts).
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { memoised } from "./memo";
import { formatNumber, formatPercent } from "./numbers";
import type { Locale, Messages } from "./index";

/** An initialised i18next instance for one language; messages are given, so init is synchronous. */
export function createI18next(locale: Locale, messages: Messages): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: messages } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // "{{percent, percent}}" and "{{count, number}}" in messages write numbers the reader's way.
  instance.services.formatter?.add("percent", (value, lng) => formatPercent(Number(value), lng ?? locale));
  instance.services.formatter?.add("number", (value, lng) => formatNumber(Number(value), lng ?? locale));
  // Loaders, meta titles and emails call the instance's t directly: kept as useTranslation's is (./memo.ts). The
  // instance's language never changes (one instance per language), so the text depends only on key and options.
  instance.t = memoised(instance.t.bind(instance));
  return instance;
}
