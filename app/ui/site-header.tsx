import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, NavLink, useLocation } from "react-router";
import type { Locale } from "~/i18n";
import { LOCALES } from "~/i18n";
import type { NavItem } from "~/platform/permissions";

export type ShellUser = { fullName: string; roles: string[] } | null;

/**
 * The site header. From `xl` up (1280 px: a 1366 × 768 office screen) everything sits in one row that never wraps,
 * a long name cut with an ellipsis; below it (phones, tablets, small laptops) the navigation, the account and the
 * language switch fold into a `<details>` menu, which opens and closes without JavaScript. With
 * JavaScript a client-side navigation closes it (a full page load does that by itself).
 *
 * The notifications bell (handed in by the composition root) sits next to the menu button on every size, so the
 * unread count is seen without opening the menu.
 */
export function SiteHeader({ user, nav, locale, bell }: { user: ShellUser; nav: NavItem[]; locale: Locale; bell?: ReactNode }) {
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    menu.current?.removeAttribute("open");
  }, [location.key]);
  return (
    <header className="relative border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-x-4 px-4 py-2 xl:py-3">
        <Link to="/" className="flex min-h-11 shrink-0 items-center gap-2 text-xl font-bold text-brand-800 no-underline">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {t("app.name")}
        </Link>
        {user ? (
          <nav aria-label={t("app.mainNav")} className="hidden xl:block">
            <NavLinks nav={nav} />
          </nav>
        ) : null}
        <div className="ml-auto flex min-w-0 items-center gap-3">
          {bell ?? null}
          <div className={user ? "hidden min-w-0 items-center gap-3 xl:flex" : "flex items-center gap-3"}>
            <LanguageSwitcher locale={locale} />
            {user ? <AccountLinks user={user} compact /> : null}
          </div>
          {user ? (
            <details ref={menu} className="group xl:hidden">
              <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-md border border-stone-300 px-3 font-semibold text-stone-900 hover:bg-stone-100 [&::-webkit-details-marker]:hidden">
                <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" className="group-open:hidden">
                  <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
                </svg>
                <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" className="hidden group-open:block">
                  <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
                </svg>
                {t("nav.menu")}
              </summary>
              <div className="absolute inset-x-0 top-full z-40 border-b border-stone-300 bg-white px-4 pb-4 shadow-lg">
                <nav aria-label={t("app.mainNav")} className="mx-auto max-w-6xl pt-2">
                  <NavLinks nav={nav} stacked />
                </nav>
                <div className="mx-auto mt-3 flex max-w-6xl flex-wrap items-center gap-3 border-t border-stone-200 pt-3">
                  <AccountLinks user={user} />
                  <LanguageSwitcher locale={locale} />
                </div>
              </div>
            </details>
          ) : null}
        </div>
      </div>
    </header>
  );
}

/** Items that stay visible beside the menu button at every size (none yet). */
function NavLinks({ nav, stacked = false }: { nav: NavItem[]; stacked?: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className={stacked ? "grid gap-1" : "flex gap-0.5 whitespace-nowrap"}>
      {nav.map((item) => (
        <li key={item.to}>
          <NavLink
            to={item.to}
            className={({ isActive }) =>
              `flex min-h-11 items-center rounded-md font-medium no-underline ${stacked ? "px-3" : "px-2.5"} ${
                isActive ? "bg-brand-50 text-brand-800" : "text-stone-800 hover:bg-stone-100"
              }`
            }
          >
            {t(`nav.${item.key}`)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

/**
 * The account link and sign-out. `compact` (the one-row header): the name is cut with an ellipsis rather than wrapping
 * (the whole name stays in the link's accessible name and its tooltip). The name stays a plain text node in the link
 * either way, so the only element whose text is exactly the person's name is one the page itself shows.
 */
function AccountLinks({ user, compact = false }: { user: NonNullable<ShellUser>; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Link
        to="/account"
        title={compact ? user.fullName : undefined}
        className={
          compact
            ? "block min-w-0 max-w-44 truncate font-medium leading-[2.75rem] text-stone-800"
            : "inline-flex min-h-11 items-center font-medium text-stone-800"
        }
      >
        <span className="sr-only">{t("nav.account")}: </span>
        {user.fullName}
      </Link>
      <Form method="post" action="/logout">
        <button type="submit" className="btn-secondary whitespace-nowrap py-1.5">
          {t("nav.signOut")}
        </button>
      </Form>
    </>
  );
}

function LanguageSwitcher({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    // A full page load: the browser then downloads the other language's messages with the page.
    <Form method="post" action="/locale" reloadDocument className="flex shrink-0 items-center gap-1 whitespace-nowrap" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LOCALES.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="locale"
          value={lng}
          lang={lng}
          aria-pressed={lng === locale}
          className={`min-h-8 rounded px-2 py-1 text-sm font-semibold ${
            lng === locale ? "bg-brand-700 text-white" : "text-stone-800 underline hover:bg-stone-100"
          }`}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </Form>
  );
}
