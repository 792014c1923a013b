/**
 * Numbers as the reader writes them: Vietnamese "12.345,6" and "91,6 %" (a no-break space before the sign,
 * as Vietnamese typography has it; CLDR's vi pattern has none), English "12,345.6" and "91.6%".
 */
const tags = { vi: "vi-VN", en: "en-GB" } as const;
const tagOf = (lang: string) => (lang === "en" ? tags.en : tags.vi);

// Building an Intl formatter costs far more than using one (it was 3 % of a lesson page's server CPU): one per
// language and precision, kept.
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, lang: string, maximumFractionDigits = 1) {
  // A whole number below a thousand reads the same in both languages, digits only (most figures of a report).
  if (Number.isInteger(value) && value >= 0 && value < 1000) return String(value);
  const tag = tagOf(lang);
  const key = `${tag}|${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(tag, { maximumFractionDigits })));
  return format.format(value);
}

/** `value` is already a percentage (0–100). */
export function formatPercent(value: number, lang: string, maximumFractionDigits = 1) {
  const number = formatNumber(value, lang, maximumFractionDigits);
  return lang === "en" ? `${number}%` : `${number}\u00a0%`;
}
