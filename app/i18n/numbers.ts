/**
 * Numbers as the reader writes them: Vietnamese "12.345,6" and "91,6 %" (a no-break space before the sign,
 * as Vietnamese typography has it; CLDR's vi pattern has none), English "12,345.6" and "91.6%".
 */
const tags = { vi: "vi-VN", en: "en-GB" } as const;
const tagOf = (lang: string) => (lang === "en" ? tags.en : tags.vi);

export function formatNumber(value: number, lang: string, maximumFractionDigits = 1) {
  return new Intl.NumberFormat(tagOf(lang), { maximumFractionDigits }).format(value);
}

/** `value` is already a percentage (0–100). */
export function formatPercent(value: number, lang: string, maximumFractionDigits = 1) {
  const number = formatNumber(value, lang, maximumFractionDigits);
  return lang === "en" ? `${number}%` : `${number}\u00a0%`;
}
