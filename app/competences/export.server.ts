import type { TFunction } from "i18next";
import type { Cell } from "~/platform/csv.server";
import { type ExportTable, whoWhen } from "~/reports/export.server";
import type { heatmapRequest } from "./heatmap-request.server";
import { share } from "./heatmap.server";

type Heatmap = Awaited<ReturnType<typeof heatmapRequest>>;

/** Round a share for the files: one decimal, as the page shows it. */
const rounded = (p: number | null) => (p === null ? null : Math.round(p * 10) / 10);

/**
 * The heatmap in long form for a spreadsheet: one row per unit and competence (and the total), with people, people
 * at or above the level and the share — a pivot table rebuilds the grid.
 */
export function heatmapTable(h: Heatmap): ExportTable {
  const { t, filters, heatmap, domains, ctx, levels, unitName, user } = h;
  const unit = filters.unit ? ctx.units.get(filters.unit) : null;
  const all = t("hrReports.all");
  const competences = domains.flatMap((d) => d.competences);
  async function* rows(): AsyncIterable<Cell[]> {
    const lines = [...heatmap.rows.map((r) => ({ code: r.unit.code, name: unitName(r.unit), depth: r.depth as number | string, counts: r })), { code: "", name: t("heatmap.total"), depth: "", counts: heatmap.total }];
    for (const line of lines) {
      for (const c of competences) {
        yield [line.code, line.name, line.depth, line.counts.people, c.id, c.name, line.counts.cells[c.id] ?? 0, rounded(share(line.counts, c.id))];
      }
    }
  }
  const level = levels.find((l) => l.level === filters.level)!;
  const domain = filters.domain ? domains[0] : null;
  return {
    kind: "competences",
    file: `competences-${filters.view}-level${filters.level}`,
    title: t("heatmap.file.title"),
    meta: [
      [t("heatmap.file.source"), t(`heatmap.sources.${filters.view}`)],
      [t("heatmap.level"), t("heatmap.levelOption", { level: level.level, name: level.name })],
      [t("hrReports.unit"), unit ? `${unit.code} ${unitName(unit)} (${t("hrReports.withDescendants")})` : all],
      [t("heatmap.jobTitle"), filters.jobTitle ?? all],
      [t("heatmap.domain"), domain ? t("competences.domain", { id: domain.id, name: domain.name }) : all],
      ...whoWhen(user, { t: t as TFunction, locale: h.locale }),
    ],
    columns: [
      t("heatmap.file.unitCode"),
      t("hrReports.unit"),
      t("heatmap.file.depth"),
      t("heatmap.people"),
      t("heatmap.file.competenceId"),
      t("heatmap.file.competence"),
      t("heatmap.file.atOrAbove"),
      t("heatmap.file.share"),
    ],
    rows: rows(),
  };
}
