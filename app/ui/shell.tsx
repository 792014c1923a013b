import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n";
import type { NavItem } from "~/platform/permissions";
import { LiteToggle } from "./lite-toggle";
import { SiteHeader, type ShellUser } from "./site-header";

const FOOTER_LITE = { on: "lite.turnOn", off: "lite.turnOff", byBrowser: "lite.byBrowser" };

export function Shell({
  user,
  nav,
  locale,
  bell,
  lite = { on: false, saveData: false },
  children,
}: {
  user: ShellUser;
  nav: NavItem[];
  locale: Locale;
  /** The notifications bell (the composition root hands it in: shared ground knows no capability). */
  bell?: ReactNode;
  lite?: { on: boolean; saveData: boolean };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white p-3 font-semibold focus:not-sr-only focus:absolute focus:left-2 focus:top-2"
      >
        {t("app.skipToContent")}
      </a>
      <SiteHeader user={user} nav={nav} locale={locale} bell={bell} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-5 sm:py-8">
        {children}
      </main>
      <footer className="flex flex-wrap justify-center gap-x-6 gap-y-2 border-t border-stone-200 bg-white px-4 py-4 text-center text-sm text-stone-600">
        <p>{t("app.footer")}</p>
        <LiteToggle lite={lite.on} saveData={lite.saveData} labels={FOOTER_LITE} />
      </footer>
    </div>
  );
}
