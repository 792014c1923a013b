// The three things the app takes from react-i18next — useTranslation, I18nextProvider, initReactI18next — for both the
// server and the browser (vite.config.ts resolves "react-i18next" to this file; the types stay react-i18next's).
// Every page has one i18next instance per language whose language never changes, so a component needs neither the
// store subscription nor the per-call copy of the instance react-i18next makes (Object.getOwnPropertyDescriptors of
// the whole instance on every useTranslation call: 4 % of the server's CPU on a page that does no database work).
// The translations are i18next's own: the same `t`, so server and browser render the same text.
import type { i18n as I18n, TFunction } from "i18next";
import { createContext, type ReactNode, useContext } from "react";
import { memoised } from "./memo";

const I18nContext = createContext<I18n | null>(null);

export function I18nextProvider({ i18n, children }: { i18n: I18n; children?: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

/** i18next's plugin slot for react-i18next: nothing to do, the instance comes from the provider. */
export const initReactI18next = { type: "3rdParty" as const, init() {} };

type Translation = [TFunction, I18n, boolean] & { t: TFunction; i18n: I18n; ready: boolean };
const translations = new WeakMap<I18n, Translation>();

export function useTranslation(): Translation {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useTranslation needs the I18nextProvider of app/root.tsx");
  let translation = translations.get(i18n);
  if (!translation) {
    const fixed = i18n.getFixedT(i18n.language);
    // The same key with the same plain options always reads the same in one language: kept (./memo.ts). A report
    // table asks for the same few labels hundreds of times, a lesson page for a dozen counts.
    const t = memoised(fixed) as unknown as TFunction;
    translation = Object.assign([t, i18n, true] as [TFunction, I18n, boolean], { t, i18n, ready: true });
    translations.set(i18n, translation);
  }
  return translation;
}

