import { createContext, useContext } from "react";

/*
 * Large server-made HTML (the report charts' SVG) that the document carries once, in the page, and not a second time
 * in the router data the page hydrates from. On a document request the loader leaves the fragment out of its data
 * and puts it in the request's router context (inlineHtmlContext); entry.server provides that map to the render. In
 * the browser the map is absent: hydration keeps the element's server-rendered content (Preact does not touch
 * dangerouslySetInnerHTML while hydrating, nor afterwards while its __html stays the same), and a client-side
 * navigation's data request gets the fragment in its data, to be set as usual.
 */
const InlineHtmlContext = createContext<ReadonlyMap<string, string> | null>(null);
export const InlineHtmlProvider = InlineHtmlContext.Provider;

/** The fragment `key` as the loader gave it (`inData`, on a data request), else as the server render holds it, else "". */
export function useInlineHtml(key: string, inData: string | undefined) {
  const rendered = useContext(InlineHtmlContext);
  return inData ?? rendered?.get(key) ?? "";
}
