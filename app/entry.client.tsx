import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { DEFAULT_LOCALE, isLocale, loadMessages } from "./i18n";

// Only the page's language is downloaded (the server sets <html lang>), before hydration: each language is its own
// chunk. A client-side navigation to a page in the other language loads that one first (clientMiddleware in root.tsx).
async function hydrate() {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  await loadMessages(locale);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    );
  });
}

void hydrate();
