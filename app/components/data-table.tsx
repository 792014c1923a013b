import { type ReactNode, useId } from "react";

export type Column<Row> = {
  key: string;
  header: ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** This column's cells are the row's header (<th scope="row">). */
  rowHeader?: boolean;
  /** Columns next to each other with the same group get one spanning header above them. */
  group?: { key: string; header: ReactNode };
  cell: (row: Row) => ReactNode;
};

type Props<Row> = {
  caption: ReactNode;
  /** Visually hide the caption (it is still read by screen readers). */
  hideCaption?: boolean;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Rows of totals, in <tfoot>. */
  footer?: readonly Row[];
  className?: string;
  empty?: ReactNode;
};

const cellClass = (numeric?: boolean) => `px-2 py-1.5 align-top ${numeric ? "text-right tabular-nums" : "text-left"}`;

/** An accessible table: a caption, column headers with scope, optional row headers and grouped column headers. */
export function DataTable<Row>({ caption, hideCaption, columns, rows, rowKey, footer, className, empty }: Props<Row>) {
  const captionId = useId();
  const grouped = columns.some((c) => c.group);
  const groups: { key: string; header: ReactNode; span: number; grouped: boolean; column: Column<Row> }[] = [];
  for (const column of columns) {
    const last = groups[groups.length - 1];
    if (column.group && last?.grouped && last.key === column.group.key) last.span += 1;
    else groups.push({ key: column.group?.key ?? column.key, header: column.group?.header ?? column.header, span: 1, grouped: Boolean(column.group), column });
  }
  const body = (row: Row) =>
    columns.map((c) =>
      c.rowHeader ? (
        <th key={c.key} scope="row" className={`${cellClass(c.numeric)} font-medium`}>
          {c.cell(row)}
        </th>
      ) : (
        <td key={c.key} className={cellClass(c.numeric)}>
          {c.cell(row)}
        </td>
      ),
    );
  return (
    // A wide table scrolls sideways: the region is focusable so keyboard users can scroll it too.
    <div className={`overflow-x-auto ${className ?? ""}`} role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="w-full border-collapse text-sm">
        <caption id={captionId} className={hideCaption ? "sr-only" : "mb-2 text-left font-semibold"}>
          {caption}
        </caption>
        <thead>
          {grouped ? (
            <>
              <tr className="border-b border-stone-200">
                {groups.map((g) =>
                  g.grouped ? (
                    <th key={g.key} scope="colgroup" colSpan={g.span} className="border-l border-stone-200 px-2 py-1.5 text-center">
                      {g.header}
                    </th>
                  ) : (
                    <th key={g.key} scope="col" rowSpan={2} className={`${cellClass(g.column.numeric)} align-bottom`}>
                      {g.header}
                    </th>
                  ),
                )}
              </tr>
              <tr className="border-b border-stone-300">
                {columns
                  .filter((c) => c.group)
                  .map((c) => (
                    <th key={c.key} scope="col" className={`${cellClass(c.numeric)} font-medium`}>
                      {c.header}
                    </th>
                  ))}
              </tr>
            </>
          ) : (
            <tr className="border-b border-stone-300">
              {columns.map((c) => (
                <th key={c.key} scope="col" className={cellClass(c.numeric)}>
                  {c.header}
                </th>
              ))}
            </tr>
          )}
        </thead>
        <tbody>
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={columns.length} className="px-2 py-3">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="border-b border-stone-200">
                {body(row)}
              </tr>
            ))
          )}
        </tbody>
        {footer?.length ? (
          <tfoot>
            {footer.map((row) => (
              <tr key={rowKey(row)} className="border-t-2 border-stone-400 font-semibold">
                {body(row)}
              </tr>
            ))}
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
