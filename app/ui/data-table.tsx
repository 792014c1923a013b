import { type ReactNode, useId } from "react";
import { Link } from "react-router";

export type Column<Row> = {
  key: string;
  header: ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** This column's cells are the row's header (<th scope="row">). */
  rowHeader?: boolean;
  /** Columns next to each other with the same group get one spanning header above them. */
  group?: { key: string; header: ReactNode };
  /**
   * A sortable column: the header is a link (works without JavaScript) to `href`; `label` names the link for screen
   * readers; `direction` marks the column the rows are sorted by now (aria-sort and a visible arrow).
   */
  sort?: { href: string; label: string; direction?: "asc" | "desc" };
  /** Extra classes for this column's body cells. */
  cellClassName?: string | ((row: Row) => string);
  cell: (row: Row) => ReactNode;
};

/** The table is named either by its own caption or by a heading already on the page (`labelledBy`, its id). */
type Naming =
  | {
      caption: ReactNode;
      /** Visually hide the caption (it is still read by screen readers). */
      hideCaption?: boolean;
      labelledBy?: never;
    }
  | { labelledBy: string; caption?: never; hideCaption?: never };

type Props<Row> = Naming & {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Rows of totals, in <tfoot>. */
  footer?: readonly Row[];
  /** Extra classes for the scrolling box around the table. */
  className?: string;
  /** Extra classes for the <table> itself (e.g. a minimum width, so narrow columns do not squeeze on phones). */
  tableClassName?: string;
  /** Extra classes for a body row. */
  rowClassName?: (row: Row) => string;
  empty?: ReactNode;
};

const cellClass = (numeric?: boolean) => `px-2 py-1.5 align-top ${numeric ? "text-right tabular-nums" : "text-left"}`;
// The same as one short class per body cell (app/theme.css: `cell`, `cell-num`): a report's tables have hundreds of
// cells, and the utilities written out in each were a seventh of its HTML. (Header cells keep cellClass: theirs
// combine with align-bottom, which must win.)
const bodyCellClass = (numeric?: boolean) => (numeric ? "cell-num" : "cell");
const classes = (...names: (string | undefined)[]) => names.filter(Boolean).join(" ");

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

function HeaderContent<Row>({ column }: { column: Column<Row> }) {
  const { sort } = column;
  if (!sort) return <>{column.header}</>;
  return (
    <Link to={sort.href} aria-label={sort.label}>
      {column.header}
      {sort.direction === "asc" ? " ↑" : sort.direction === "desc" ? " ↓" : ""}
    </Link>
  );
}

const bodyClass = <Row,>(column: Column<Row>, row: Row) =>
  typeof column.cellClassName === "function" ? column.cellClassName(row) : (column.cellClassName ?? "");

/**
 * An accessible table: a caption (or a heading naming it), column headers with scope, optional row headers, grouped
 * column headers and sortable columns.
 */
export function DataTable<Row>({
  caption,
  hideCaption,
  labelledBy,
  columns,
  rows,
  rowKey,
  footer,
  className,
  tableClassName,
  rowClassName,
  empty,
}: Props<Row>) {
  const ownId = useId();
  const captionId = labelledBy ?? ownId;
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
        <th key={c.key} scope="row" className={classes(bodyCellClass(c.numeric), "font-medium", bodyClass(c, row))}>
          {c.cell(row)}
        </th>
      ) : (
        <td key={c.key} className={classes(bodyCellClass(c.numeric), bodyClass(c, row))}>
          {c.cell(row)}
        </td>
      ),
    );
  return (
    // A wide table scrolls sideways: the box is focusable so keyboard users can scroll it too. Named by a heading that
    // already labels a region around it, it is a group, so the page does not get two regions with the same name.
    // `relative` keeps positioned content (screen-reader-only text is absolutely positioned) inside the scrolling box,
    // and `max-w-full` keeps the box within its column, so the page itself never scrolls sideways.
    <div
      className={["relative max-w-full overflow-x-auto", className].filter(Boolean).join(" ")}
      role={labelledBy ? "group" : "region"}
      aria-labelledby={captionId}
      tabIndex={0}
    >
      <table className={["w-full border-collapse text-sm", tableClassName].filter(Boolean).join(" ")} aria-labelledby={labelledBy}>
        {labelledBy ? null : (
          <caption id={captionId} className={hideCaption ? "sr-only" : "mb-2 text-left font-semibold"}>
            {caption}
          </caption>
        )}
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
                    <th
                      key={g.key}
                      scope="col"
                      rowSpan={2}
                      className={`${cellClass(g.column.numeric)} align-bottom`}
                      aria-sort={g.column.sort?.direction ? ARIA_SORT[g.column.sort.direction] : undefined}
                    >
                      <HeaderContent column={g.column} />
                    </th>
                  ),
                )}
              </tr>
              <tr className="border-b border-stone-300">
                {columns
                  .filter((c) => c.group)
                  .map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      className={`${cellClass(c.numeric)} font-medium`}
                      aria-sort={c.sort?.direction ? ARIA_SORT[c.sort.direction] : undefined}
                    >
                      <HeaderContent column={c} />
                    </th>
                  ))}
              </tr>
            </>
          ) : (
            <tr className="border-b border-stone-300">
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={cellClass(c.numeric)}
                  aria-sort={c.sort?.direction ? ARIA_SORT[c.sort.direction] : undefined}
                >
                  <HeaderContent column={c} />
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
              <tr key={rowKey(row)} className={classes("border-b border-stone-200", rowClassName?.(row))}>
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
