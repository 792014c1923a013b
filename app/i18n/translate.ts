// The browser's translator: the few i18next features the messages use, in ~1 KB instead of i18next's 15.8 KB gzip
// (issue #12's JavaScript budget). The server keeps i18next (./i18next.ts, registered by ./i18n.server.ts);
// tests/unit/i18n/translate.test.ts renders every message of both languages through both and expects the same text.
//
// What it does, as i18next does with this app's options (escapeValue false, no fallback language):
// - nested keys "a.b.c"; a missing key reads as the key itself;
// - "{{name}}" from the options, and "{{name, number}}" / "{{name, percent}}" through the reader's number format;
//   a variable that is not given is left as written;
// - with `count`, the key's plural form for the language (Intl.PluralRules: key_one, key_other, …), else key_other.
import type { i18n as I18n } from "i18next";
import { formatNumber, formatPercent } from "./numbers";

type Tree = { readonly [key: string]: string | Tree };
type Options = Record<string, unknown>;

const formats: Record<string, (value: unknown, lang: string) => string> = {
  number: (value, lang) => formatNumber(Number(value), lang),
  percent: (value, lang) => formatPercent(Number(value), lang),
};

const VARIABLE = /\{\{(.+?)\}\}/g;

export interface Translator {
  language: string;
  t: (key: string, options?: Options) => string;
  exists: (key: string, options?: Options) => boolean;
  getFixedT: (lang?: string | null) => (key: string, options?: Options) => string;
}

export function createTranslator(language: string, messages: Tree): Translator {
  const plurals = new Intl.PluralRules(language);
  const lookup = (key: string): string | undefined => {
    let node: string | Tree | undefined = messages;
    for (const part of key.split(".")) {
      if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
      node = node[part];
    }
    return typeof node === "string" ? node : undefined;
  };
  const resolve = (key: string, options?: Options) => {
    const count = options?.count;
    if (typeof count === "number") {
      const plural = lookup(`${key}_${plurals.select(count)}`) ?? lookup(`${key}_other`);
      if (plural !== undefined) return plural;
    }
    return lookup(key);
  };
  const t = (key: string, options?: Options): string => {
    const text = resolve(key, options);
    if (text === undefined) return key;
    if (!options || !text.includes("{{")) return text;
    return text.replace(VARIABLE, (match, inner: string) => {
      const [name = "", format] = inner.split(",").map((part) => part.trim());
      if (!Object.hasOwn(options, name) || options[name] === undefined) return match;
      const value = options[name];
      const formatter = format ? formats[format] : undefined;
      if (formatter) return formatter(value, language);
      return value === null ? "" : String(value);
    });
  };
  return {
    language,
    t,
    exists: (key, options) => resolve(key, options) !== undefined,
    getFixedT: () => t,
  };
}

/** The translator where the components expect i18next's instance: they use only `language`, `t`, `exists`, `getFixedT`. */
export function asI18n(translator: Translator): I18n {
  return translator as unknown as I18n;
}
