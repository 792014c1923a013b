/** The keys of a catalogue card's parts among the HTML a document carries outside the router's data (app/platform/document-html.tsx). */
export const cardHtmlKey = (slug: string, part: "head" | "body") => `card-${part}-${slug}`;
