// Programmes in the reports: HR opens a programme's drill-down from the programmes-by-unit table and downloads its
// CSV; a unit manager reads it for their own library only and cannot open HR's competence heatmap; without
// JavaScript at phone width the drill-down's filters are a plain form. Uses the demo programme assignment (Nghệ An).
import type { Download, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { DEMO, expect, expectNoSeriousA11yViolations, loginAs, test, useLanguage } from "./fixtures";

const PROGRAMME = "Năng lực số năm thứ nhất";
const DRILL = "/reports/programmes/digital-foundations-year-1";

/** The Nghệ An library's id, read off HR's matrix (its unit link). */
async function nghean(page: Page) {
  await page.goto("/reports");
  const href = await page.getByRole("link", { name: "Thư viện tỉnh Nghệ An", exact: true }).first().getAttribute("href");
  return /\/reports\/units\/([0-9a-f-]{36})/.exec(href ?? "")![1]!;
}

/** What the drill-down and its files say, in each language. */
const WORDS = {
  vi: {
    title: PROGRAMME,
    heading: `Chương trình: ${PROGRAMME}`,
    file: `Người theo chương trình: ${PROGRAMME}`,
    columns: ["Mã cán bộ", "Họ và tên", "Email", "Mã đơn vị", "Đơn vị", "Chức danh", "Được giao", "Chương trình", "Hạn", "Hoàn thành ngày", "Năng lực số nền tảng cho người làm thư viện"],
    meta: { "Đơn vị": "Tất cả", "Gồm cả đơn vị trực thuộc": "có", "Chức danh": "Tất cả" },
    exportedBy: "Người xuất",
    exportedAt: "Thời điểm xuất (giờ Việt Nam)",
    optional: "(tự chọn)",
    assigned: "Được giao",
    states: ["Đã hoàn thành", "Quá hạn", "Đang theo học"],
    courseStates: ["Đã hoàn thành", "Đang học", "Chưa bắt đầu"],
    due: "Hạn",
    csv: "Tải CSV",
    xlsx: "Tải Excel (XLSX)",
    summary: /Tỷ lệ hoàn thành: (\d+(,\d)?\u00a0%|—)/,
    dateTag: "vi-VN",
  },
  en: {
    title: "Digital foundations, year 1",
    heading: "Programme: Digital foundations, year 1",
    file: "People following the programme: Digital foundations, year 1",
    columns: ["Staff number", "Name", "Email", "Unit code", "Org unit", "Job title", "Assigned", "Programme", "Due", "Completed on", "Digital foundations for library staff"],
    meta: { "Org unit": "All", "Include sub-units": "yes", "Job title": "All" },
    exportedBy: "Exported by",
    exportedAt: "Exported at (Vietnam time)",
    optional: "(optional)",
    assigned: "Assigned",
    states: ["Completed", "Overdue", "In progress"],
    courseStates: ["Completed", "In progress", "Not started"],
    due: "Due",
    csv: "Download CSV",
    xlsx: "Download Excel (XLSX)",
    summary: /Completion: (\d+(\.\d)?%|—)/,
    dateTag: "en-GB",
  },
} as const;

/** A file's rows as text, cut at the blank row: the title and the filters above it, the column names and people below. */
function sections(rows: string[][]) {
  const blank = rows.findIndex((r) => r.every((c) => c === ""));
  return { title: rows[0]![0], meta: Object.fromEntries(rows.slice(1, blank).map((r) => [r[0], r[1]])), columns: rows[blank + 1]!, people: rows.slice(blank + 2) };
}

/** A row without its trailing empty cells (a CSV writes them, a workbook leaves them out). */
function trimmed(row: string[]) {
  let end = row.length;
  while (end > 0 && row[end - 1] === "") end--;
  return row.slice(0, end);
}

async function csvRows(download: Download) {
  const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  return (parse(text, { relax_column_count: true }) as string[][]).map(trimmed);
}

async function xlsxRows(download: Download) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  // Every row, the empty one between the filters and the columns included (ExcelJS's values start at index 1).
  for (let n = 1; n <= workbook.worksheets[0]!.rowCount; n++) {
    const values = (workbook.worksheets[0]!.getRow(n).values as unknown[]).slice(1);
    rows.push(trimmed(Array.from(values, (v) => (v === null || v === undefined ? "" : String(v)))));
  }
  return rows;
}

test.describe("in the reader's language", () => {
  // The demo accounts are seeded in Vietnamese; other journeys expect that. In a hook: it runs even after a timeout.
  test.afterEach(async ({ page }) => useLanguage(page, "vi"));

  for (const lang of ["en", "vi"] as const) {
    test(`HR's programme drill-down and its CSV and XLSX files are in the reader's language (${lang})`, async ({ page }) => {
      const w = WORDS[lang];
      await loginAs(page, "hr");
      await useLanguage(page, lang);
      await page.goto(DRILL);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.heading);
      await expect(page.getByText(w.summary)).toBeVisible();

      const files: Record<"csv" | "xlsx", string[][]> = { csv: [], xlsx: [] };
      for (const [kind, link, read] of [["csv", w.csv, csvRows], ["xlsx", w.xlsx, xlsxRows]] as const) {
        const download = page.waitForEvent("download");
        await page.getByRole("link", { name: link, exact: true }).click();
        const file = await download;
        expect(file.suggestedFilename()).toMatch(new RegExp(`^programme-digital-foundations-year-1-\\d{4}-\\d{2}-\\d{2}\\.${kind}$`));
        files[kind] = await read(file);
      }
      // Both files hold the same rows, cell for cell.
      expect(files.xlsx).toEqual(files.csv);

      const { title, meta, columns, people } = sections(files.csv);
      expect(title).toBe(w.file);
      expect(meta).toMatchObject(w.meta);
      expect(meta[w.exportedBy]).toBe(`${DEMO.hr.name} <${DEMO.hr.email}>`);
      // Dates and times in the files are written YYYY-MM-DD (HH:MM): sortable and the same in both languages.
      expect(meta[w.exportedAt]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(columns.slice(0, w.columns.length)).toEqual(w.columns);
      expect(columns.filter((c) => c.endsWith(w.optional))).toHaveLength(2);
      expect(people.length).toBeGreaterThan(0);
      const assigned = people.filter((r) => r[6] === w.assigned);
      expect(assigned.length, "the demo's Nghệ An staff are assigned the programme").toBeGreaterThan(0);
      for (const row of people) {
        expect(w.states).toContain(row[7]);
        for (const state of row.slice(10)) expect(w.courseStates).toContain(state);
        if (row[8]) expect(row[8]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (row[9]) expect(row[9]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }

      // The page shows the same due date in the reader's words, as the date formatter of their language writes it.
      const shown = (await page.locator("tbody").getByRole("rowheader").allInnerTexts()).join("\n");
      const dated = assigned.find((r) => r[8] && shown.includes(r[2]!));
      expect(dated, "an assigned person with a due date on the first page").toBeTruthy();
      const words = new Intl.DateTimeFormat(w.dateTag, { timeZone: "Asia/Ho_Chi_Minh", day: "numeric", month: "long", year: "numeric" });
      const row = page.getByRole("row").filter({ has: page.getByRole("rowheader").filter({ hasText: dated![2]! }) });
      await expect(row).toContainText(`${w.due}: ${words.format(new Date(`${dated![8]}T12:00:00+07:00`))}`);
    });
  }
});

test("HR opens a programme's drill-down from the reports and downloads its CSV", async ({ page }) => {
  await loginAs(page, "hr");
  await page.goto("/reports");
  await page.getByRole("link", { name: PROGRAMME, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${DRILL}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chương trình: ${PROGRAMME}`);
  const table = page.getByRole("table", { name: /Người theo chương trình/ });
  await expect(table.getByRole("columnheader", { name: "Năng lực số nền tảng cho người làm thư viện" })).toBeVisible();
  const people = table.locator("tbody tr");
  expect(await people.count()).toBeGreaterThan(0);
  const first = (await people.first().getByRole("rowheader").getByRole("link").textContent())!.trim();
  await expectNoSeriousA11yViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^programme-digital-foundations-year-1-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, "utf8");
  expect(csv).toContain(PROGRAMME);
  expect(csv).toContain(first);
  expect(csv).toMatch(/,NA-(PV|SH),/);
});

test("a unit manager reads the programme for their library only and cannot open HR's heatmap", async ({ page }) => {
  await loginAs(page, "hr");
  const na = await nghean(page);
  await page.context().clearCookies();

  await loginAs(page, "manager");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo hoàn thành");
  await expect(page.getByRole("link", { name: "Bản đồ năng lực số" })).toHaveCount(0);
  expect((await page.request.get("/reports/competences")).status()).toBe(403);
  expect((await page.request.get(`/reports/competences?unit=${na}`)).status()).toBe(403);

  await page.goto(DRILL);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Chương trình: ${PROGRAMME}`);
  const units = page.getByLabel("Đơn vị", { exact: true });
  await expect(units.getByRole("option", { name: /Thư viện tỉnh Lạng Sơn/ })).toHaveCount(1);
  await expect(units.getByRole("option", { name: /Nghệ An/ })).toHaveCount(0);
  await expect(page.getByRole("cell", { name: /Thư viện tỉnh Nghệ An/ })).toHaveCount(0);
  expect((await page.request.get(`${DRILL}?unit=${na}`)).status()).toBe(404);
  expect((await page.request.get(`/reports/export.csv?view=programme&id=00000000-0000-4000-8000-000000000000`)).status()).toBe(404);
  await expectNoSeriousA11yViolations(page);
});

test.describe("without JavaScript, at 390 px", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test("HR narrows the drill-down to a unit with the plain filter form", async ({ page }) => {
    await loginAs(page, "hr");
    const na = await nghean(page);
    await page.goto(DRILL);
    await page.getByLabel("Đơn vị", { exact: true }).selectOption(na);
    await page.getByLabel("Gồm cả đơn vị trực thuộc").selectOption("0");
    await page.getByRole("button", { name: "Xem báo cáo" }).click();
    await expect(page).toHaveURL(new RegExp(`unit=${na}`));
    await expect(page).toHaveURL(/descendants=0/);
    // Nghệ An's own staff only: its people sit in its departments, so nobody; with them, the departments' people.
    await expect(page.getByText("Không có ai theo chương trình này với các bộ lọc đã chọn.")).toBeVisible();
    await page.getByLabel("Gồm cả đơn vị trực thuộc").selectOption("1");
    await page.getByRole("button", { name: "Xem báo cáo" }).click();
    const rows = page.getByRole("table", { name: /Người theo chương trình/ }).locator("tbody tr").filter({ has: page.getByRole("rowheader") });
    expect(await rows.count()).toBeGreaterThan(0);
    for (const unit of await rows.locator("td:nth-child(2)").allTextContents()) expect(["Phòng Phục vụ bạn đọc", "Phòng Số hóa tài liệu"]).toContain(unit);
    const hasScroll = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(hasScroll).toBe(false);
  });
});
