import { I18nextProvider } from "react-i18next";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import "./app.css";
import { GeneralErrorBoundary } from "./ui/error-boundary";
import { Shell } from "./ui/shell";
import { useEffect } from "react";
import { DEFAULT_LOCALE, availableLocale, getI18n } from "./i18n";
import { getUser } from "./platform/auth.server";
import { localeContext } from "./platform/context";
import { rootMiddleware } from "./platform/middleware.server";
import { navFor } from "./platform/permissions";
import { useNonce } from "./platform/nonce";

export const middleware: Route.MiddlewareFunction[] = [rootMiddleware];

export function loader({ context }: Route.LoaderArgs) {
  const user = getUser(context);
  return {
    locale: context.get(localeContext),
    user: user ? { fullName: user.fullName, roles: user.roles } : null,
    nav: user ? navFor(user) : [],
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  // After a client-side navigation that changed the language (e.g. signing in as someone who reads English), the
  // browser does not have that language's messages yet: show the page in the one it has and load the page again.
  const shown = availableLocale(locale);
  useEffect(() => {
    if (shown !== locale) window.location.reload();
  }, [shown, locale]);
  return (
    <html lang={locale} dir="ltr">
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
          <Shell user={data?.user ?? null} nav={data?.nav ?? []} locale={locale}>
            {children}
          </Shell>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
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
