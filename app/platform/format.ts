/** Dates shown to people are in Vietnam's time zone, so server and browser render the same text. */
const DATE = { timeZone: "Asia/Ho_Chi_Minh", day: "numeric", month: "long", year: "numeric" } as const;
const DATE_TIME = {
  timeZone: "Asia/Ho_Chi_Minh",
  hour: "2-digit",
  minute: "2-digit",
  day: "numeric",
  month: "short",
  year: "numeric",
} as const;

// A formatter with a time zone is costly to build and cheap to use: one per language and style, kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(style: "date" | "dateTime", lang: string) {
  const tag = lang === "en" ? "en-GB" : "vi-VN";
  let format = formats.get(style + tag);
  if (!format) formats.set(style + tag, (format = new Intl.DateTimeFormat(tag, style === "date" ? DATE : DATE_TIME)));
  return format;
}

export function formatDate(iso: string | Date, lang: string) {
  return formatter("date", lang).format(new Date(iso));
}

export function formatDateTime(iso: string | Date, lang: string) {
  return formatter("dateTime", lang).format(new Date(iso));
}

export { formatNumber, formatPercent } from "~/i18n/numbers";
