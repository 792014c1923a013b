import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, NavLink, useLocation } from "react-router";
import type { Locale } from "~/i18n";
import { LOCALES } from "~/i18n";
import type { NavItem } from "~/platform/permissions";
import { LiteToggle } from "./lite-toggle";

type ShellUser = { fullName: string; roles: string[] } | null;

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
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to="/" className="flex items-center gap-2 text-xl font-bold text-brand-800 no-underline">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            {t("app.name")}
          </Link>
          {user ? (
            <nav aria-label={t("app.mainNav")} className="order-3 w-full sm:order-none sm:w-auto">
              <ul className="flex flex-wrap gap-1">
                {nav.map((item) => (
                  <li key={item.to}>
                    <NavLink
                      to={item.to}
                      className={({ isActive }) =>
                        `block rounded-md px-3 py-2 font-medium no-underline ${
                          isActive ? "bg-brand-50 text-brand-800" : "text-stone-800 hover:bg-stone-100"
                        }`
                      }
                    >
                      {t(`nav.${item.key}`)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <div className="ml-auto flex flex-wrap items-center gap-3">
            <LanguageSwitcher locale={locale} />
            {user ? (
              <>
                {bell}
                <Link to="/account" className="font-medium text-stone-800">
                  <span className="sr-only">{t("nav.account")}: </span>
                  {user.fullName}
                </Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="btn-secondary py-1.5">
                    {t("nav.signOut")}
                  </button>
                </Form>
              </>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="flex flex-wrap justify-center gap-x-6 gap-y-2 border-t border-stone-200 bg-white px-4 py-4 text-center text-sm text-stone-600">
        <p>{t("app.footer")}</p>
        <LiteToggle lite={lite.on} saveData={lite.saveData} labels={FOOTER_LITE} />
      </footer>
    </div>
  );
}

function LanguageSwitcher({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    // A full page load: the browser then downloads the other language's messages with the page.
    <Form method="post" action="/locale" reloadDocument className="flex items-center gap-1" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LOCALES.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="locale"
          value={lng}
          lang={lng}
          aria-pressed={lng === locale}
          className={`rounded px-2 py-1 text-sm font-semibold ${
            lng === locale ? "bg-brand-700 text-white" : "text-stone-800 underline hover:bg-stone-100"
          }`}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </Form>
  );
}
