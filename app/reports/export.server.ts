import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { Db } from "../../db/client";
import { inLocale, type Locale } from "~/i18n";
import { type Cell, csvStream } from "~/platform/csv.server";
import {
  buildMatrix,
  type CourseColumn,
  type PersonReport,
  type ReportContext,
  unitPeoplePage,
} from "./views.server";
import { type Counts, completionPercent, REPORT_TIME_ZONE } from "./reports.server";
import {
  buildProgrammeMatrix,
  type FollowerQuery,
  type ProgrammeColumn,
  type ProgrammeCounts,
  programmeCourseColumns,
  programmePeople,
  type ProgrammePerson,
  programmePercent,
  programmeStatesOf,
} from "./programmes.server";

/** A report view as rows: a title, what was asked (filters, who, when), column names, then the rows (streamed). */
export type ExportTable = {
  /** The view, also the sheet's name; `file` names the download (default `completion-<kind>`). */
  kind: string;
  file?: string;
  title: string;
  meta: [string, string][];
  columns: string[];
  rows: AsyncIterable<Cell[]>;
};

type Who = { fullName: string; email: string };
type Lang = { t: TFunction; locale: Locale };

export function vietnamDateTime(now = new Date()) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: REPORT_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(now);
  return parts.replace(",", "");
}

// Building an Intl.DateTimeFormat is slow: one for every cell of a 10,000-row export took seconds.
const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: REPORT_TIME_ZONE });

/** A day in Vietnam time as YYYY-MM-DD (what the files show, sortable in a spreadsheet). */
export function vietnamDay(date: Date | null) {
  return date ? dayFormat.format(date) : null;
}

/** The filters in words, for the header rows of a file. */
export function describeFilters(ctx: ReportContext, { t, locale }: Lang): [string, string][] {
  const f = ctx.filters;
  const unit = f.unit ? ctx.units.get(f.unit) : null;
  const course = f.course ? ctx.courses.find((c) => c.id === f.course) : null;
  const all = t("hrReports.all");
  return [
    [t("hrReports.unit"), unit ? `${unit.code} ${inLocale(locale, unit.name, unit.nameEn)} (${t("hrReports.withDescendants")})` : all],
    [t("hrReports.course"), course ? inLocale(locale, course.titleVi, course.titleEn) : all],
    [t("hrReports.topic"), f.topic ? t(`topics.${f.topic}`, { defaultValue: f.topic }) : all],
    [t("hrReports.status"), f.status ? t(`hrReports.statuses.${f.status}`) : all],
    [t("hrReports.from"), f.from ?? "—"],
    [t("hrReports.to"), f.to ?? "—"],
  ];
}

export function whoWhen(who: Who, { t }: Lang): [string, string][] {
  return [
    [t("hrReports.file.exportedBy"), `${who.fullName} <${who.email}>`],
    [t("hrReports.file.exportedAt"), vietnamDateTime()],
  ];
}

const countCells = (c: Counts): Cell[] => [c.assigned, c.completed, c.inProgress, c.notStarted, c.overdue, completionPercent(c)];

function countColumns({ t }: Lang) {
  return ["assigned", "completed", "inProgress", "notStarted", "overdue", "percent"].map((k) => t(`hrReports.cols.${k}`));
}

const programmeCells = (c: ProgrammeCounts): Cell[] => [c.counted, c.completed, c.overdue, programmePercent(c)];
const programmeColumns = ({ t }: Lang) => (["counted", "completed", "overdue", "percent"] as const).map((k) => t(`hrReports.programmeCols.${k}`));

export async function matrixTable(db: Db, ctx: ReportContext, who: Who, lang: Lang): Promise<ExportTable> {
  const { t, locale } = lang;
  const [matrix, programmes] = await Promise.all([buildMatrix(db, ctx), buildProgrammeMatrix(db, ctx)]);
  const title = (c: CourseColumn) => inLocale(locale, c.titleVi, c.titleEn);
  async function* rows(): AsyncIterable<Cell[]> {
    for (const row of matrix.rows) {
      const name = inLocale(locale, row.unit.name, row.unit.nameEn);
      for (const course of ctx.courses) yield [row.unit.code, name, row.depth, title(course), ...countCells(row.cells[course.id]!)];
      yield [row.unit.code, name, row.depth, t("hrReports.allCourses"), ...countCells(row.total)];
    }
    for (const course of ctx.courses) yield ["", t("hrReports.total"), "", title(course), ...countCells(matrix.totals[course.id]!)];
    yield ["", t("hrReports.total"), "", t("hrReports.allCourses"), ...countCells(matrix.grand)];
    // The programmes by unit below, as a second block with its own header (its figures are not the courses').
    if (!programmes.programmes.length) return;
    yield [];
    yield [t("hrReports.file.unitCode"), t("hrReports.unit"), t("hrReports.file.level"), t("hrReports.programme.programmeState"), ...programmeColumns(lang)];
    const ptitle = (p: ProgrammeColumn) => inLocale(locale, p.titleVi, p.titleEn);
    for (const row of programmes.rows) {
      const name = inLocale(locale, row.unit.name, row.unit.nameEn);
      for (const p of programmes.programmes) yield [row.unit.code, name, row.depth, ptitle(p), ...programmeCells(row.cells[p.id]!)];
    }
    for (const p of programmes.programmes) yield ["", t("hrReports.total"), "", ptitle(p), ...programmeCells(programmes.totals[p.id]!)];
  }
  return {
    kind: "matrix",
    title: t("hrReports.file.matrix"),
    meta: [...describeFilters(ctx, lang), ...whoWhen(who, lang)],
    columns: [t("hrReports.file.unitCode"), t("hrReports.unit"), t("hrReports.file.level"), t("hrReports.course"), ...countColumns(lang)],
    rows: rows(),
  };
}

export const EXPORT_BATCH = 1000;

type PersonCells = { staffNumber: string | null; fullName: string; email: string; unitId: string; jobTitle: string | null };

/** Who a row of a people export is: the first six columns of the unit and programme files. */
function personCells(ctx: ReportContext, p: PersonCells, locale: Locale): Cell[] {
  const u = ctx.units.get(p.unitId);
  return [p.staffNumber, p.fullName, p.email, u?.code ?? null, u ? inLocale(locale, u.name, u.nameEn) : null, p.jobTitle];
}

function personColumns({ t }: Lang) {
  return [t("hrReports.staffNumber"), t("hrReports.person"), t("hrReports.email"), t("hrReports.file.unitCode"), t("hrReports.unit"), t("hrReports.jobTitle")];
}

type After = { fullName: string; id: string };

/** People in name order, fetched EXPORT_BATCH at a time after the last one (keyset), so a file streams whatever its size. */
async function* inBatches<P extends After>(fetch: (after: After | undefined) => Promise<P[]>): AsyncIterable<P> {
  let after: After | undefined;
  for (;;) {
    const people = await fetch(after);
    yield* people;
    if (people.length < EXPORT_BATCH) return;
    const last = people[people.length - 1]!;
    after = { fullName: last.fullName, id: last.id };
  }
}

/** Every person of the unit (± descendants), fetched in batches so the file streams whatever its size. */
export function unitTable(
  db: Db,
  ctx: ReportContext,
  unitId: string,
  descendants: boolean,
  who: Who,
  lang: Lang,
  programmes: readonly ProgrammeColumn[] = [],
): ExportTable {
  const { t, locale } = lang;
  const unit = ctx.units.get(unitId)!;
  const labels = new Map<string, string>();
  for (const status of ["completed", "in_progress", "not_started"]) {
    labels.set(`${status}:false`, t(`hrReports.statuses.${status}`));
    labels.set(`${status}:true`, `${t(`hrReports.statuses.${status}`)} (${t("hrReports.statuses.overdue")})`);
  }
  const statusText = (pair: { status: string; overdue: boolean } | undefined) => (pair ? labels.get(`${pair.status}:${pair.overdue}`)! : null);
  // Each batch of people comes with their programmes' states (the columns after the courses).
  const batch = async (after: After | undefined) => {
    const { people } = await unitPeoplePage(db, ctx, unitId, { descendants, limit: EXPORT_BATCH, after });
    const states = await programmeStatesOf(db, ctx, people.map((p) => p.id));
    return people.map((p) => ({ ...p, programmes: states.get(p.id) ?? {} }));
  };
  async function* rows(): AsyncIterable<Cell[]> {
    for await (const p of inBatches(batch)) {
      const cells = personCells(ctx, p, locale);
      for (const course of ctx.courses) {
        const pair = p.pairs[course.id];
        cells.push(statusText(pair), pair?.dueOn ?? null, vietnamDay(pair?.completedAt ?? null));
      }
      for (const programme of programmes) {
        const state = p.programmes[programme.id];
        cells.push(state ? t(`hrReports.programme.states.${state}`) : null);
      }
      yield cells;
    }
  }
  const columns = personColumns(lang);
  for (const course of ctx.courses) {
    const name = inLocale(locale, course.titleVi, course.titleEn);
    columns.push(`${name}: ${t("hrReports.status")}`, `${name}: ${t("hrReports.due")}`, `${name}: ${t("hrReports.completedOn")}`);
  }
  for (const programme of programmes) columns.push(`${t("hrReports.programme.programmeState")}: ${inLocale(locale, programme.titleVi, programme.titleEn)}`);
  return {
    kind: "unit",
    title: t("hrReports.file.unit"),
    meta: [
      [t("hrReports.unit"), `${unit.code} ${inLocale(locale, unit.name, unit.nameEn)}`],
      [t("hrReports.includeDescendants"), descendants ? t("hrReports.file.yes") : t("hrReports.file.no")],
      ...describeFilters(ctx, lang).slice(1),
      ...whoWhen(who, lang),
    ],
    columns,
    rows: rows(),
  };
}

/** What a drill-down says of a person's programme: completed, overdue or in progress. */
export function programmeState(p: Pick<ProgrammePerson, "completedAt" | "overdue">) {
  return p.completedAt ? "completed" : p.overdue ? "overdue" : "following";
}

/** Everyone following a programme in the drill-down's units and job title, in batches (the file streams). */
export async function programmeTable(
  db: Db,
  ctx: ReportContext,
  programme: ProgrammeColumn,
  query: Omit<FollowerQuery, "limit" | "offset" | "after"> & { unitId?: string; descendants: boolean },
  who: Who,
  lang: Lang,
): Promise<ExportTable> {
  const { t, locale } = lang;
  const courses = await programmeCourseColumns(db, programme.id);
  async function* rows(): AsyncIterable<Cell[]> {
    for await (const p of inBatches((after) => programmePeople(db, ctx, programme.id, { ...query, limit: EXPORT_BATCH, after }))) {
      yield [
        ...personCells(ctx, p, locale),
        p.assigned ? t("hrReports.programme.assigned") : t("hrReports.programme.selfStarted"),
        t(`hrReports.programme.states.${programmeState(p)}`),
        p.dueOn,
        vietnamDay(p.completedAt),
        ...courses.map((c) => t(`hrReports.programme.courseStates.${p.courses[c.id] ?? "none"}`)),
      ];
    }
  }
  const unit = query.unitId ? ctx.units.get(query.unitId) : null;
  const all = t("hrReports.all");
  return {
    kind: "programme",
    file: `programme-${programme.slug}`,
    title: `${t("hrReports.programme.file")}: ${inLocale(locale, programme.titleVi, programme.titleEn)}`,
    meta: [
      [t("hrReports.unit"), unit ? `${unit.code} ${inLocale(locale, unit.name, unit.nameEn)}` : all],
      [t("hrReports.includeDescendants"), query.descendants ? t("hrReports.file.yes") : t("hrReports.file.no")],
      [t("hrReports.programme.jobTitle"), query.jobTitle ?? all],
      ...whoWhen(who, lang),
    ],
    columns: [
      ...personColumns(lang),
      t("hrReports.statuses.assigned"),
      t("hrReports.programme.programmeState"),
      t("hrReports.due"),
      t("hrReports.completedOn"),
      ...courses.map((c) => inLocale(locale, c.titleVi, c.titleEn) + (c.optional ? ` (${t("hrReports.programme.optional")})` : "")),
    ],
    rows: rows(),
  };
}

export function personTable(report: PersonReport, who: Who, lang: Lang): ExportTable {
  const { t, locale } = lang;
  async function* rows(): AsyncIterable<Cell[]> {
    for (const row of report.courses) {
      const best = row.quizzes.length ? Math.max(...row.quizzes.map((q) => q.best ?? 0)) : null;
      yield [
        inLocale(locale, row.course.titleVi, row.course.titleEn),
        row.pair ? t(`hrReports.statuses.${row.pair.status}`) : null,
        row.pair?.assigned ? t("hrReports.file.yes") : t("hrReports.file.no"),
        row.pair?.overdue ? t("hrReports.file.yes") : t("hrReports.file.no"),
        row.pair?.dueOn ?? null,
        vietnamDay(row.pair?.completedAt ?? null),
        `${row.lessonsDone}/${row.lessons.length}`,
        best,
      ];
    }
    for (const c of report.certificates) {
      yield [inLocale(locale, c.titleVi, c.titleEn), `${t("hrReports.certificates")}: ${t(`hrReports.certStatus.${c.status}`)}`, c.code, c.cycle, vietnamDay(c.issuedAt), vietnamDay(c.validUntil)];
    }
  }
  const unit = report.unit;
  return {
    kind: "person",
    title: t("hrReports.file.person"),
    meta: [
      [t("hrReports.person"), report.person.fullName],
      [t("hrReports.staffNumber"), report.person.staffNumber ?? "—"],
      [t("hrReports.unit"), `${unit.code} ${inLocale(locale, unit.name, unit.nameEn)}`],
      ...whoWhen(who, lang),
    ],
    columns: [
      t("hrReports.course"),
      t("hrReports.status"),
      t("hrReports.statuses.assigned"),
      t("hrReports.statuses.overdue"),
      t("hrReports.due"),
      t("hrReports.completedOn"),
      t("hrReports.lessonsDone"),
      `${t("hrReports.bestScore")} (%)`,
    ],
    rows: rows(),
  };
}

async function* withHeader(table: ExportTable): AsyncIterable<Cell[]> {
  yield [table.title];
  for (const [label, value] of table.meta) yield [label, value];
  yield [];
  yield table.columns;
  yield* table.rows;
}

const headers = (type: string, filename: string) => ({
  "content-type": type,
  "content-disposition": `attachment; filename="${filename}"`,
  "cache-control": "private, no-store",
});

export function exportFilename(table: ExportTable, extension: "csv" | "xlsx", today: string) {
  return `${table.file ?? `completion-${table.kind}`}-${today}.${extension}`;
}

export function csvResponse(table: ExportTable, today: string) {
  return new Response(csvStream(withHeader(table)), { headers: headers("text/csv; charset=utf-8", exportFilename(table, "csv", today)) });
}

/** The rows written straight into a streamed workbook (ExcelJS WorkbookWriter): memory stays flat. */
export function xlsxStream(table: ExportTable): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Skillshelf";
  const write = async () => {
    const sheet = workbook.addWorksheet(table.kind);
    const titleRow = sheet.addRow([table.title]);
    titleRow.font = { bold: true, size: 14 };
    titleRow.commit();
    for (const [label, value] of table.meta) sheet.addRow([label, value]).commit();
    sheet.addRow([]).commit();
    const header = sheet.addRow(table.columns);
    header.font = { bold: true };
    header.commit();
    let n = 0;
    for await (const row of table.rows) {
      sheet.addRow(row).commit();
      // Let the client catch up instead of buffering the file in memory.
      if (++n % 200 === 0 && out.writableNeedDrain) await once(out, "drain");
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

export function xlsxResponse(table: ExportTable, today: string) {
  return new Response(xlsxStream(table), {
    headers: headers("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exportFilename(table, "xlsx", today)),
  });
}
