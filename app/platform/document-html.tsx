import { createContext as createReactContext, useContext, useRef } from "react";
import { createContext, type RouterContextProvider } from "react-router";

/**
 * HTML a loader puts in the document but keeps out of the router's data (htmlInDocumentOnly), for this request only:
 * entry.server.tsx hands it to the render. A lesson's body is already HTML (decision 0001); sent in the page and again
 * in the router's data it cost its serialisation and compression twice and its bytes twice.
 */
export const documentHtmlContext = createContext<Map<string, string> | null>(null);

/**
 * Whether the request asks for a document, not the `.data` of a client-side navigation, a revalidation or a fetcher.
 * With v8_passThroughRequests a loader is given the request as it came (`args.url` is the normalised one).
 */
export function isDocumentRequest(request: Request): boolean {
  const { url } = request;
  const query = url.indexOf("?");
  return !(query < 0 ? url : url.slice(0, query)).endsWith(".data");
}

/**
 * For a loader: on a document request, keeps `html` under `key` for the server render and returns null (the browser
 * finds it in the page); on a data request returns it, for the client to render.
 */
export function htmlInDocumentOnly(args: { request: Request; context: Readonly<RouterContextProvider> }, key: string, html: string): string | null {
  if (!isDocumentRequest(args.request)) return html;
  let kept = args.context.get(documentHtmlContext);
  if (!kept) args.context.set(documentHtmlContext, (kept = new Map()));
  kept.set(key, html);
  return null;
}

const DocumentHtml = createReactContext<ReadonlyMap<string, string> | null>(null);
/** Set by entry.server.tsx around the document's render, with the request's documentHtmlContext. */
export const DocumentHtmlProvider = DocumentHtml.Provider;

/**
 * What to give `dangerouslySetInnerHTML` for HTML a loader may have sent in the document only. While the server
 * renders the document: its kept copy. In the browser, as long as the page shows what the document came with
 * (`page` names it: the same lesson in the same language), "": Preact's and React's hydration leave an element's
 * server HTML alone, and "" again on a later render (a revalidation after a quiz action brings the HTML in the data)
 * is no change, so the DOM is not rebuilt. Once the page shows something else, the HTML the data brought.
 * The element takes `suppressHydrationWarning` (React in development compares the HTML).
 */
export function useDocumentHtml(page: string, sentInDocument: boolean): (key: string, html: string | null) => string {
  const server = useContext(DocumentHtml);
  const kept = useRef(sentInDocument ? page : null);
  if (kept.current !== page) kept.current = null;
  const keep = kept.current !== null;
  return (key, html) => server?.get(key) ?? (keep || html === null ? "" : html);
}
