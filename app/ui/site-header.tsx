import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Form, useLocation } from "react-router";
import type { Locale } from "~/i18n";
import { LOCALES } from "~/i18n";
import type { NavItem } from "~/platform/permissions";
import { AppLink } from "./app-link";

export type ShellUser = { fullName: string; roles: string[] } | null;

/**
 * The site header. From `xl` up (1280 px: a 1366 × 768 office screen) everything sits in one row that never wraps,
 * a long name cut with an ellipsis; below it (phones, tablets, small laptops) the navigation, the account and the
 * language switch fold behind a `<details>` menu button, which opens and closes without JavaScript. With
 * JavaScript a client-side navigation closes it (a full page load does that by itself).
 *
 * The navigation and the account are in the page once, for every size: the `<details>` holds only its button, and
 * what follows it is shown while it is open (`peer-open:`, a CSS sibling rule) and always from `xl` up. An open menu
 * pushes the page down rather than covering it. The notifications bell (handed in by the composition root) sits next
 * to the menu button on every size, so the unread count is seen without opening the menu.
 */
export function SiteHeader({ user, nav, locale, bell }: { user: ShellUser; nav: NavItem[]; locale: Locale; bell?: ReactNode }) {
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    menu.current?.removeAttribute("open");
  }, [location.key]);
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 px-4 py-2 xl:flex-nowrap xl:gap-x-4 xl:py-3">
        <AppLink to="/" className="flex min-h-11 shrink-0 items-center gap-2 text-xl font-bold text-brand-800 no-underline">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {t("app.name")}
        </AppLink>
        {user ? (
          <>
            <details ref={menu} className="group peer order-1 ml-auto xl:hidden">
              <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-md border border-stone-300 px-3 font-semibold text-stone-900 hover:bg-stone-100 [&::-webkit-details-marker]:hidden">
                <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" className="group-open:hidden">
                  <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
                </svg>
                <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" className="hidden group-open:block">
                  <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
                </svg>
                {t("nav.menu")}
              </summary>
            </details>
            <nav aria-label={t("app.mainNav")} className="order-3 hidden basis-full border-t border-stone-200 pt-2 mt-2 peer-open:block xl:order-none xl:mt-0 xl:block xl:basis-auto xl:border-0 xl:pt-0">
              <NavLinks nav={nav} pathname={location.pathname} />
            </nav>
            {bell ? <div className="order-2 xl:order-none xl:ml-auto">{bell}</div> : null}
            <div className="order-4 hidden basis-full flex-wrap items-center gap-3 border-t border-stone-200 py-3 mt-2 peer-open:flex xl:order-none xl:mt-0 xl:flex xl:min-w-0 xl:flex-nowrap xl:basis-auto xl:border-0 xl:py-0">
              <LanguageSwitcher locale={locale} />
              <AccountLinks user={user} />
            </div>
          </>
        ) : (
          <div className="ml-auto">
            <LanguageSwitcher locale={locale} />
          </div>
        )}
      </div>
    </header>
  );
}

/** Whether the page at `pathname` is `to` or one under it. */
function isIn(pathname: string, to: string) {
  return pathname === to || pathname.startsWith(`${to}/`);
}

/** The main navigation: stacked in the open menu, one row from `xl` up. */
function NavLinks({ nav, pathname }: { nav: NavItem[]; pathname: string }) {
  const { t } = useTranslation();
  return (
    <ul className="grid gap-1 xl:flex xl:gap-0.5 xl:whitespace-nowrap">
      {nav.map((item) => (
        <li key={item.to}>
          {/* The section the page is in is marked, as NavLink would: its own page and the pages under it. */}
          <AppLink to={item.to} className="nav-link" aria-current={isIn(pathname, item.to) ? "page" : undefined}>
            {t(`nav.${item.key}`)}
          </AppLink>
        </li>
      ))}
    </ul>
  );
}

/**
 * The account link and sign-out. From `xl` up the name is cut with an ellipsis rather than wrapping (the whole name
 * stays in the link's accessible name and its tooltip). The name stays a plain text node in the link, so the only
 * element whose text is exactly the person's name is one the page itself shows.
 */
function AccountLinks({ user }: { user: NonNullable<ShellUser> }) {
  const { t } = useTranslation();
  return (
    <>
      <AppLink to="/account" title={user.fullName} className="block min-w-0 truncate font-medium leading-[2.75rem] text-stone-800 xl:max-w-44">
        <span className="sr-only">{t("nav.account")}: </span>
        {user.fullName}
      </AppLink>
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
    // A plain form, so a full page load: the browser then downloads the other language's messages with the page.
    <form method="post" action="/locale" className="flex shrink-0 items-center gap-1 whitespace-nowrap" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LOCALES.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="locale"
          value={lng}
          lang={lng}
          aria-pressed={lng === locale}
          className="lang-button"
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </form>
  );
}
