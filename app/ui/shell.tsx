import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n";
import type { NavItem } from "~/platform/permissions";
import { SiteHeader, type ShellUser } from "./site-header";

export function Shell({ user, nav, locale, children }: { user: ShellUser; nav: NavItem[]; locale: Locale; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white p-3 font-semibold focus:not-sr-only focus:absolute focus:left-2 focus:top-2"
      >
        {t("app.skipToContent")}
      </a>
      <SiteHeader user={user} nav={nav} locale={locale} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-5 sm:py-8">
        {children}
      </main>
      <footer className="border-t border-stone-200 bg-white py-4 text-center text-sm text-stone-600">
        {t("app.footer")}
      </footer>
    </div>
  );
}
