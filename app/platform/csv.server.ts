import { Readable } from "node:stream";
import { stringify as stringifyStream } from "csv-stringify";
import { stringify } from "csv-stringify/sync";

export type Cell = string | number | null;

/** A cell that starts like a formula (= + - @, tab, CR) gets an apostrophe so spreadsheets keep it as text. */
export function neutralise(cell: Cell) {
  if (cell === null) return "";
  const text = String(cell);
  return typeof cell === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Vietnamese shows correctly) and cells that
 * start like a formula (= + - @, tab, CR) prefixed with an apostrophe so they stay text.
 */
export function toCsv(header: string[], rows: Cell[][]) {
  return `\uFEFF${stringify([header, ...rows.map((r) => r.map(neutralise))])}`;
}

/** The same CSV as a stream, row by row with back-pressure, for exports too large to build as one string. */
export function csvStream(rows: AsyncIterable<Cell[]>): ReadableStream<Uint8Array> {
  async function* safe() {
    for await (const row of rows) yield row.map(neutralise);
  }
  const stringifier = stringifyStream({ bom: true });
  const source = Readable.from(safe());
  source.on("error", (error) => stringifier.destroy(error));
  source.pipe(stringifier);
  return Readable.toWeb(stringifier) as unknown as ReadableStream<Uint8Array>;
}
