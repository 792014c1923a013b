import { StrictMode, Suspense, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { DEFAULT_LOCALE, isLocale, loadMessages } from "./i18n";

// The production browser build runs on Preact (vite.config.ts, preactInBrowser); `npm run dev` on React.
const PREACT = import.meta.env.PROD;

/**
 * What Preact hydrates the page into. React hydrates `document` itself; Preact would take document.documentElement
 * and render a second <html> inside it, or, given `document`, meet the doctype as the first child. This stands for
 * the document with just its <html> element as children.
 */
function documentRoot(): Element {
  return {
    get firstChild() {
      return document.documentElement;
    },
    get childNodes() {
      return [document.documentElement];
    },
    insertBefore: (node: Node, before: Node | null) => (node === document.documentElement ? node : document.insertBefore(node, before)),
    appendChild: (node: Node) => (node === document.documentElement ? node : document.appendChild(node)),
    removeChild: (node: Node) => document.removeChild(node),
    namespaceURI: null,
  } as unknown as Element;
}

/**
 * Preact hydrates by matching elements in order and removes what it has no element for. React's server render puts
 * some head elements where React's client would find them but Preact does not (the stylesheet and preloads it
 * hoists): any <link> of the server's head that hydration removed, and that the page does not have again, is put back.
 */
function restoreHeadLinks(before: HTMLLinkElement[]) {
  const present = new Set(Array.from(document.head.querySelectorAll("link"), (link) => `${link.rel} ${link.href}`));
  for (const link of before) {
    if (!link.isConnected && !present.has(`${link.rel} ${link.href}`)) document.head.appendChild(link);
  }
}

// Only the page's language is downloaded (the server sets <html lang>), before hydration: each language is its own
// chunk. A client-side navigation to a page in the other language loads that one first (clientMiddleware in root.tsx).
async function hydrate() {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  await loadMessages(locale);
  if (PREACT) {
    const links = Array.from(document.head.querySelectorAll("link"));
    // The router's first render waits for its data to be decoded (it throws that promise, as React's Suspense has
    // it): Preact needs the boundary to be there, and keeps the server's DOM while it waits.
    hydrateRoot(
      documentRoot(),
      <Suspense fallback={null}>
        <HydratedRouter />
      </Suspense>,
    );
    // Preact renders synchronously; effects and their re-renders run on the next frames.
    restoreHeadLinks(links);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    restoreHeadLinks(links);
    return;
  }
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
