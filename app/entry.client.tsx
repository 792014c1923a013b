import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { DEFAULT_LOCALE, addMessages, isLocale } from "./i18n";

// Only the page's language is downloaded (the server sets <html lang>): each language is its own chunk.
async function hydrate() {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  addMessages(locale, locale === "en" ? (await import("./i18n/bundle.en")).en : (await import("./i18n/bundle.vi")).vi);
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
