import { useEffect } from "react";
import { I18nextProvider } from "react-i18next";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import "./app.css";
import { useAppLinks } from "./ui/app-link";
import { GeneralErrorBoundary } from "./ui/error-boundary";
import { Shell } from "./ui/shell";
import { DEFAULT_LOCALE, availableLocale, getI18n, isLocale, loadMessages } from "./i18n";
import { getDb, getUser } from "./platform/auth.server";
import { NotificationBell } from "./notifications/components/bell";
import { unreadCount } from "./notifications/notifications.server";
import { liteContext, localeContext, unreadAtSessionContext } from "./platform/context";
import { savesData, wantsScripts } from "./platform/lite";
import { rootMiddleware } from "./platform/middleware.server";
import { navFor } from "./platform/permissions";
import { useNonce } from "./platform/nonce";

export const middleware: Route.MiddlewareFunction[] = [rootMiddleware];

/**
 * A client-side navigation or revalidation can change the page's language: signing in as someone who reads the other
 * one, signing out, setting a password. The root loader's answer says which language the page is in; its messages
 * are loaded here, after the data arrives and before the new page renders, so no page meets unloaded messages. It
 * costs no request of its own: the data still comes in one single fetch, and a language's chunk is fetched once.
 */
export const clientMiddleware: Route.ClientMiddlewareFunction[] = [
  async ({ request }, next) => {
    const root = (await next()).root;
    const locale = root?.type === "data" ? (root.result as { locale?: unknown } | null)?.locale : undefined;
    if (!isLocale(locale)) return;
    try {
      await loadMessages(locale);
    } catch {
      // The chunk could not be had (offline, or a new release replaced it): the server renders the page in full.
      window.location.assign(request.url);
      await new Promise(() => {});
    }
  },
];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = getUser(context);
  return {
    locale: context.get(localeContext),
    lite: context.get(liteContext),
    saveData: savesData(request.headers),
    user: user ? { fullName: user.fullName, roles: user.roles } : null,
    nav: user ? navFor(user) : [],
    // A page read shows the count looked up with the session, in the same query; after an action (marking
    // notifications read, say) in the same request it is counted again.
    unread: user ? (context.get(unreadAtSessionContext) ?? (await unreadCount(getDb(context), user.id))) : 0,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  // The page's language is loaded before it renders (entry.client, clientMiddleware); availableLocale only guards an
  // error page whose root data is missing, in the browser's one language.
  const shown = availableLocale(locale);
  // Lite mode, or a route whose handle says `hydrate: false`: no script at all — no <Scripts/> (and so no
  // modulepreload links and no router data), no scroll restoration. Every flow works as plain HTML forms and links.
  const scripts = wantsScripts(data?.lite ?? false, useMatches());
  useAppLinks();
  // A client-side navigation can change the language (signing in, out): the attributes of the <html> the page was
  // hydrated into follow it, under React and under the browser build's Preact alike (which keeps the server's
  // attributes on the element it hydrated).
  useEffect(() => {
    document.documentElement.lang = shown;
    document.documentElement.dir = "ltr";
  }, [shown]);
  return (
    <html lang={shown} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={getI18n(shown)}>
          <Shell
            user={data?.user ?? null}
            nav={data?.nav ?? []}
            locale={shown}
            bell={data?.user ? <NotificationBell unread={data.unread} /> : null}
            lite={{ on: data?.lite ?? false, saveData: data?.saveData ?? false }}
          >
            {children}
          </Shell>
        </I18nextProvider>
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
