import { stringify } from "csv-stringify/sync";

/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Vietnamese shows correctly) and cells that
 * start like a formula (= + - @, tab, CR) prefixed with an apostrophe so they stay text.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]) {
  const safe = (cell: string | number | null) => {
    if (cell === null) return "";
    const text = String(cell);
    return typeof cell === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  };
  return `\uFEFF${stringify([header, ...rows.map((r) => r.map(safe))])}`;
}
