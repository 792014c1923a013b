/** Dates shown to people are in Vietnam's time zone, so server and browser render the same text. */
const DATE = { timeZone: "Asia/Ho_Chi_Minh", day: "numeric", month: "long", year: "numeric" } as const;
const TIME = { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

// A formatter with a time zone is costly to build and cheap to use: one per language and style, kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(style: "date" | "time", lang: string) {
  const tag = lang === "en" ? "en-GB" : "vi-VN";
  let format = formats.get(style + tag);
  if (!format) formats.set(style + tag, (format = new Intl.DateTimeFormat(tag, style === "date" ? DATE : TIME)));
  return format;
}

export function formatDate(iso: string | Date, lang: string) {
  return formatter("date", lang).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD, Vietnam) in the reader's language: printed at noon Vietnam time, so it never shifts. */
export function formatDay(day: string, lang: string) {
  return formatDate(`${day}T12:00:00+07:00`, lang);
}

/**
 * One date-time format everywhere: "09:10, 7 tháng 12, 2026" and "7 December 2026, 09:10" (the time first in
 * Vietnamese, as people write it), the same date words as `formatDate` and a 24-hour clock.
 */
export function formatDateTime(iso: string | Date, lang: string) {
  const at = new Date(iso);
  const date = formatter("date", lang).format(at);
  const time = formatter("time", lang).format(at);
  return lang === "en" ? `${date}, ${time}` : `${time}, ${date}`;
}

export { formatNumber, formatPercent } from "~/i18n/numbers";
