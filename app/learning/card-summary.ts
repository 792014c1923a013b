/** The key of a catalogue card's summary among the HTML a document carries outside the router's data (app/platform/document-html.tsx). */
export const summaryKey = (slug: string) => `summary-${slug}`;
