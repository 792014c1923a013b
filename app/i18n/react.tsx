// The three things the app takes from react-i18next — useTranslation, I18nextProvider, initReactI18next — for both the
// server and the browser (vite.config.ts resolves "react-i18next" to this file; the types stay react-i18next's).
// Every page has one i18next instance per language whose language never changes, so a component needs neither the
// store subscription nor the per-call copy of the instance react-i18next makes (Object.getOwnPropertyDescriptors of
// the whole instance on every useTranslation call: 4 % of the server's CPU on a page that does no database work).
// The translations are i18next's own: the same `t`, so server and browser render the same text.
import type { i18n as I18n, TFunction } from "i18next";
import { createContext, type ReactNode, useContext } from "react";

const I18nContext = createContext<I18n | null>(null);

export function I18nextProvider({ i18n, children }: { i18n: I18n; children?: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

/** i18next's plugin slot for react-i18next: nothing to do, the instance comes from the provider. */
export const initReactI18next = { type: "3rdParty" as const, init() {} };

/**
 * The key of a call's text in the memo, or null when it cannot be kept: options that hold anything but strings,
 * numbers, booleans and null (an object, a function, i18next's own settings such as `lng` or `returnObjects` all
 * go to i18next every time). Key, names and strings are written as JSON, so no call's key can read as another's.
 */
export function memoKey(key: string, options: unknown): string | null {
  if (typeof options !== "object" || options === null || Array.isArray(options)) return null;
  let out = JSON.stringify(key);
  for (const name in options) {
    if (!Object.hasOwn(options, name)) return null;
    if (name === "lng" || name === "lngs" || name === "ns" || name === "returnObjects" || name === "context") return null;
    const value = (options as Record<string, unknown>)[name];
    if (typeof value === "string") out += `,${JSON.stringify(name)}:${JSON.stringify(value)}`;
    else if (typeof value === "number" && !Object.is(value, -0)) out += `,${JSON.stringify(name)}:${value}`;
    else if (typeof value === "boolean" || value === null || value === undefined) out += `,${JSON.stringify(name)}:${String(value)}`;
    else return null;
  }
  return out;
}

type Translation = [TFunction, I18n, boolean] & { t: TFunction; i18n: I18n; ready: boolean };
const translations = new WeakMap<I18n, Translation>();

export function useTranslation(): Translation {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useTranslation needs the I18nextProvider of app/root.tsx");
  let translation = translations.get(i18n);
  if (!translation) {
    const fixed = i18n.getFixedT(i18n.language);
    // A key without options always reads the same in one language: kept (bounded, keys are a closed set but a
    // caller could pass arbitrary text). A report table asks for the same few labels hundreds of times.
    const plain = new Map<string, string>();
    const withOptions = new Map<string, string>();
    const t = ((key: string, ...rest: unknown[]) => {
      if (typeof key !== "string" || rest.length > 1) return (fixed as unknown as (...args: unknown[]) => string)(key, ...rest);
      // With options of plain values ({ count, name }), the text is as fixed as the key's: kept too. A report's cells
      // repeat the same few ("3 of 5 completed"), and i18next's t with options was 9 % of the report page's CPU.
      const memo = rest.length ? memoKey(key, rest[0]) : key;
      if (memo === null) return (fixed as unknown as (...args: unknown[]) => string)(key, ...rest);
      const kept = rest.length ? withOptions : plain;
      let text = kept.get(memo);
      if (text === undefined) {
        text = String((fixed as unknown as (...args: unknown[]) => string)(key, ...rest));
        if (kept.size < 5000) kept.set(memo, text);
      }
      return text;
    }) as unknown as TFunction;
    translation = Object.assign([t, i18n, true] as [TFunction, I18n, boolean], { t, i18n, ready: true });
    translations.set(i18n, translation);
  }
  return translation;
}
