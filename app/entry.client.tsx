import { StrictMode, Suspense, startTransition, useLayoutEffect } from "react";
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

/**
 * While Preact hydrates, the server's style sheets stay where they are: its matching of head elements by order took
 * them out (to be put back by restoreHeadLinks), and a frame painted in between without any style. Returns the undo.
 */
function keepStylesheets(links: HTMLLinkElement[]): () => void {
  const kept = new Set<Node>(links.filter((link) => link.rel === "stylesheet"));
  const head = document.head;
  const removeChild = head.removeChild.bind(head);
  head.removeChild = (<T extends Node>(child: T): T => (kept.has(child) ? child : removeChild(child))) as typeof head.removeChild;
  return () => void Reflect.deleteProperty(head, "removeChild");
}

/** Renders nothing; tells when the boundary it sits in has committed (the router's first render, hydrated). */
function Committed({ then }: { then: () => void }) {
  useLayoutEffect(then, []);
  return null;
}

// Only the page's language is downloaded (the server sets <html lang>), before hydration: each language is its own
// chunk. A client-side navigation to a page in the other language loads that one first (clientMiddleware in root.tsx).
async function hydrate() {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  await loadMessages(locale);
  if (PREACT) {
    // React's server render adds a <link rel="preload" as="image"> near the top of <head> for each image it meets
    // (the header's logo, course covers) that the client's tree does not have. Preact matches head elements by tag in
    // order, so that one extra <link> made it match the icon to the preload and move every element after it: the
    // stylesheet was taken out and put back, and one frame painted without styles (a flash of unstyled page, and
    // axe catching buttons mid-transition). The images are requested by then; the hints can go.
    for (const hint of document.head.querySelectorAll('link[rel="preload"][as="image"]')) hint.remove();
    const links = Array.from(document.head.querySelectorAll("link"));
    const release = keepStylesheets(links);
    // The router's first render waits for its data to be decoded (it throws that promise, as React's Suspense has
    // it): Preact needs the boundary to be there, and keeps the server's DOM while it waits.
    let committed!: () => void;
    const hydrated = new Promise<void>((resolve) => (committed = resolve));
    hydrateRoot(
      documentRoot(),
      <Suspense fallback={null}>
        <HydratedRouter />
        <Committed then={() => committed()} />
      </Suspense>,
    );
    restoreHeadLinks(links);
    // However long the router's data takes to decode (an old phone), the style sheets are kept until it has rendered;
    // effects and their re-renders run on the next frames.
    await hydrated;
    restoreHeadLinks(links);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    restoreHeadLinks(links);
    release();
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
