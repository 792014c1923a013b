import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { type Column, DataTable } from "~/ui/data-table";

type Row = { id: string; name: string; score: number; active: boolean };
const rows: Row[] = [
  { id: "a", name: "An", score: 7, active: true },
  { id: "b", name: "Bình", score: 9, active: false },
];

const render = (node: React.ReactNode) => renderToStaticMarkup(<MemoryRouter>{node}</MemoryRouter>);

describe("DataTable", () => {
  it("names a scrollable region by its caption, with column headers and row headers", () => {
    const html = render(
      <DataTable
        caption="Scores"
        columns={[
          { key: "name", header: "Name", rowHeader: true, cell: (r: Row) => r.name },
          { key: "score", header: "Score", numeric: true, cell: (r: Row) => r.score },
        ]}
        rows={rows}
        rowKey={(r) => r.id}
      />,
    );
    const captionId = /<caption id="([^"]+)"/.exec(html)?.[1];
    expect(captionId).toBeTruthy();
    expect(html).toContain(`role="region" aria-labelledby="${captionId}" tabindex="0"`);
    expect(html).toMatch(/<th scope="col"[^>]*>Name<\/th>/);
    expect(html).toMatch(/<th scope="row"[^>]*>Bình<\/th>/);
    expect(html).toMatch(/<td class="cell-num">9<\/td>/); // right-aligned tabular figures (app/theme.css)
  });

  it("makes sortable headers plain links and marks the sorted column with aria-sort", () => {
    const columns: Column<Row>[] = [
      { key: "name", header: "Name", sort: { href: "?sort=name&dir=desc", label: "Sort by name" }, cell: (r) => r.name },
      {
        key: "score",
        header: "Score",
        sort: { href: "?sort=score&dir=asc", label: "Sort by score", direction: "desc" },
        cell: (r) => r.score,
      },
    ];
    const html = render(<DataTable caption="Scores" columns={columns} rows={rows} rowKey={(r) => r.id} />);
    expect(html).toMatch(/<th scope="col"[^>]*aria-sort="descending"[^>]*><a [^>]*href="\/\?sort=score&amp;dir=asc"[^>]*>Score ↓<\/a><\/th>/);
    expect(html).toMatch(/<th scope="col" class="[^"]*"><a [^>]*aria-label="Sort by name"[^>]*>Name<\/a><\/th>/);
    expect(html.match(/aria-sort=/g)).toHaveLength(1);
  });

  it("can be named by a heading already on the page instead of a caption (a group, not a second region)", () => {
    const html = render(
      <DataTable
        labelledBy="scores-heading"
        columns={[{ key: "name", header: "Name", cellClassName: (r: Row) => (r.active ? "" : "italic"), cell: (r: Row) => r.name }]}
        rows={rows}
        rowKey={(r) => r.id}
        rowClassName={(r) => (r.active ? "" : "text-stone-600")}
      />,
    );
    expect(html).not.toContain("<caption");
    expect(html).toContain('role="group" aria-labelledby="scores-heading"');
    expect(html).toContain('<table class="w-full border-collapse text-sm" aria-labelledby="scores-heading">');
    expect(html).toMatch(/<tr class="[^"]*text-stone-600"><td class="[^"]*italic">Bình<\/td><\/tr>/);
  });
});
