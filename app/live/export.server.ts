import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { Db } from "../../db/client";
import { type Cell, neutralise, toCsv } from "~/platform/csv.server";
import { activityResults } from "./state.server";
import type { TrainerSession } from "./sessions.server";

/** A session's results as one table: a row per choice, step, word or post of each activity. */
export async function resultRows(db: Db, data: TrainerSession, t: TFunction) {
  const header = ["#", t("live.export.kind"), t("live.export.prompt"), t("live.export.item"), t("live.export.count"), t("live.export.note")];
  const rows: Cell[][] = [];
  for (const [i, activity] of data.activities.entries()) {
    const base: Cell[] = [i + 1, t(`live.kinds.${activity.kind}`), activity.prompt];
    const results = await activityResults(db, activity, { names: data.session.showNames, hidden: true });
    if (results.kind === "poll" || results.kind === "quiz") {
      activity.options.forEach((option, j) => {
        const note = results.kind === "quiz" && activity.correct.includes(j) ? t("live.correct") : "";
        rows.push([...base, option, results.counts[j] ?? 0, note]);
      });
      rows.push([...base, t("live.export.voters"), results.voters, ""]);
    } else if (results.kind === "rating") {
      results.counts.forEach((n, j) => rows.push([...base, String(j + 1), n, ""]));
      rows.push([...base, t("live.export.mean"), results.mean === null ? null : Math.round(results.mean * 100) / 100, `${t("live.export.voters")}: ${results.voters}`]);
    } else if (results.kind === "words") {
      for (const w of results.words) rows.push([...base, w.word, w.count, ""]);
    } else if (results.kind === "wall") {
      for (const p of results.posts) {
        const flags = [p.pinned && t("live.pinned"), p.answered && t("live.answered"), p.hidden && t("live.hidden"), p.author, p.answer && `${t("live.answer")}: ${p.answer}`];
        rows.push([...base, p.body, p.upvotes, flags.filter(Boolean).join("; ")]);
      }
    }
  }
  return { header, rows };
}

const filename = (code: string, ext: string) => `live-${code.toLowerCase()}-${new Date().toISOString().slice(0, 10)}.${ext}`;
const headers = (type: string, name: string) => ({
  "content-type": type,
  "content-disposition": `attachment; filename="${name}"`,
  "cache-control": "private, no-store",
});

export function liveCsv(code: string, table: { header: string[]; rows: Cell[][] }) {
  return new Response(toCsv(table.header, table.rows), { headers: headers("text/csv; charset=utf-8", filename(code, "csv")) });
}

export async function liveXlsx(code: string, title: string, table: { header: string[]; rows: Cell[][] }) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Skillshelf";
  const sheet = workbook.addWorksheet("live");
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  sheet.addRow(table.header).font = { bold: true };
  // Text cells are neutralised as in the CSV: a post that starts with "=" stays text.
  for (const row of table.rows) sheet.addRow(row.map((cell) => (typeof cell === "number" ? cell : neutralise(cell))));
  sheet.getColumn(3).width = 40;
  sheet.getColumn(4).width = 40;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Response(new Uint8Array(buffer as ArrayBuffer), {
    headers: headers("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename(code, "xlsx")),
  });
}
