/** Dates shown to people are in Vietnam's time zone, so server and browser render the same text. */
export function formatDate(iso: string | Date, lang: string) {
  return new Date(iso).toLocaleDateString(lang === "en" ? "en-GB" : "vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}

export function formatDateTime(iso: string | Date, lang: string) {
  return new Date(iso).toLocaleString(lang === "en" ? "en-GB" : "vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    hour: "2-digit",
    minute: "2-digit",
    day: "numeric",
    month: "short",
    year: "numeric",
  });
}

export { formatNumber, formatPercent } from "~/i18n/numbers";
