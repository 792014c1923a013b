/**
 * Folds text for search: lower case, Unicode NFC→NFD with the combining marks removed, and đ→d,
 * so "tri tue nhan tao" finds "Trí tuệ nhân tạo". Names are stored exactly; only search folds.
 */
export function foldForSearch(text: string) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The words of a search query, folded; at most 8 so that a pasted paragraph stays cheap. */
export function searchTerms(query: string) {
  return foldForSearch(query)
    .split(" ")
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** Escapes LIKE wildcards so that a query like "100%" matches literally. */
export function escapeLike(term: string) {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Escapes text for HTML (element content and quoted attribute values): & < > " ' as numeric references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
