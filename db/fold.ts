import { sql, type SQLWrapper } from "drizzle-orm";

/**
 * The characters PostgreSQL's translate() folds for search (users.search_text), built from the same rule as
 * foldForSearch so that SQL and JavaScript agree: every precomposed Latin letter whose fold is one ASCII letter.
 */
function foldChar(ch: string) {
  return ch
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

function build() {
  let from = "";
  let to = "";
  const ranges: [number, number][] = [
    [0x00c0, 0x024f],
    [0x1e00, 0x1eff],
  ];
  for (const [start, end] of ranges) {
    for (let cp = start; cp <= end; cp++) {
      const ch = String.fromCodePoint(cp);
      const folded = foldChar(ch);
      if (/^[a-z]$/.test(folded)) {
        from += ch;
        to += folded;
      }
    }
  }
  return { from, to };
}

const folded = build();
export const FOLD_FROM = folded.from;
export const FOLD_TO = folded.to;

/**
 * `text` folded in SQL as foldForSearch folds it in JavaScript (lower case, marks and đ removed), with the same
 * table as users.search_text, so a folded search term can be looked for in it with like/position.
 */
export function foldSql(text: SQLWrapper) {
  return sql`lower(translate(${text}, ${FOLD_FROM}, ${FOLD_TO}))`;
}
