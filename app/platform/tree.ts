/**
 * Rows of a tree (org units) in depth-first order with their depth, siblings in the order given. A row whose
 * parent is not among the rows starts a tree of its own at depth 0 — so a filtered list (an HR user's subtree)
 * is indented from its own top.
 */
export function depthFirst<T extends { id: string; parentId: string | null }>(rows: readonly T[]): (T & { depth: number })[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const row of rows) {
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    const list = children.get(parent);
    if (list) list.push(row);
    else children.set(parent, [row]);
  }
  const out: (T & { depth: number })[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const row of children.get(parentId) ?? []) {
      out.push({ ...row, depth });
      walk(row.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
