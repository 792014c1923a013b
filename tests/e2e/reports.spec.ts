import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Download, Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

/** Console messages about the Content-Security-Policy (an inline chart must not trigger any). */
function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function downloaded(download: Download) {
  return readFile((await download.path())!);
}

/** The matrix CSV as rows of cells (after the header rows and the column names). */
function matrixRows(csv: string) {
  const lines = csv.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith("Mã đơn vị,"));
  return lines.slice(start + 1).map((l) => l.split(","));
}

test("HR reads the completion report: filters in the URL, drill-down to a unit and a person, CSV and XLSX", async ({ page }) => {
  const csp = watchCsp(page);
  await loginAs(page, "hr");
  // HR opens a lesson, so the report has at least one person in progress whatever other specs did.
  await page.goto("/courses/digital-library-services/ebooks-and-databases");

  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo hoàn thành");
  const table = page.getByRole("table", { name: /Hoàn thành theo đơn vị và khóa học/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "Thư viện Quốc gia Việt Nam" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Biểu đồ/ }).first()).toBeVisible();
  await page.getByText("Cách tính số liệu").click();
  await expect(page.getByText(/% hoàn thành = Hoàn thành ÷ số người được tính/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The headline figures come first; the summary matrix has a legend and a link to every figure.
  const headline = page.getByRole("region", { name: "Số liệu chính" });
  const figure = async (name: string) =>
    Number((await headline.locator("div").filter({ has: page.locator("dt", { hasText: name }) }).locator("dd").first().innerText()).replace(/\D/g, ""));
  await expect(page.getByText("Cách đọc bảng")).toBeVisible();
  await page.getByRole("link", { name: "Xem đủ mọi số liệu" }).click();
  await expect(page).toHaveURL(/[?&]figures=all/);
  // Exact: "Lượt được giao" in the headline would match at once, before the detailed table has replaced the summary.
  await expect(page.getByText("Giao", { exact: true }).first()).toBeVisible();

  // The page's totals, the headline, the CSV's totals and the CSV's top-level rows agree.
  const footer = (await table.locator("tfoot td").allInnerTexts()).map((s) => s.trim());
  const [assigned, completed, inProgress, notStarted, overdue] = footer.slice(-6).map(Number);
  expect(await figure("Lượt được giao")).toBe(assigned);
  expect(await figure("Đã hoàn thành")).toBe(completed);
  expect(await figure("Quá hạn")).toBe(overdue);
  await page.getByRole("link", { name: "Xem bản tóm tắt" }).click();
  await expect(page).not.toHaveURL(/figures=/);
  expect(completed! + inProgress! + notStarted!).toBeGreaterThanOrEqual(1);
  expect(overdue).toBeLessThanOrEqual(assigned!);
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải CSV" }).click();
  const csvBytes = await downloaded(await csvDownload);
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = matrixRows(csvBytes.toString("utf8"));
  const all = rows.filter((r) => r[3] === "Tất cả khóa học");
  const total = all.find((r) => r[1] === "Tổng cộng")!;
  expect(total.slice(4, 9).map(Number)).toEqual([assigned, completed, inProgress, notStarted, overdue]);
  const topLevel = all.filter((r) => r[2] === "0");
  for (let i = 4; i <= 8; i++) expect(topLevel.reduce((n, r) => n + Number(r[i]), 0)).toBe(Number(total[i]));

  // A filter goes into the URL.
  await page.getByLabel("Chủ đề").selectOption("digital-services");
  await page.getByRole("button", { name: "Xem báo cáo" }).click();
  await expect(page).toHaveURL(/[?&]topic=digital-services/);
  await expect(page.getByLabel("Chủ đề")).toHaveValue("digital-services");
  await expect(table.getByRole("columnheader", { name: "Dịch vụ thư viện số" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: /Trí tuệ nhân tạo/ })).toHaveCount(0);

  const xlsxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải Excel (XLSX)" }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/^completion-matrix-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await downloaded(xlsx)) as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
  expect(cells).toContain("Thư viện Quốc gia Việt Nam");
  expect(cells).toContain("Dịch vụ số");
  expect(cells.some((c) => c.startsWith(DEMO.hr.name))).toBe(true);

  // Drill down: the unit, then the person.
  await table.getByRole("link", { name: "Thư viện Quốc gia Việt Nam" }).click();
  await expect(page).toHaveURL(/\/reports\/units\/[0-9a-f-]{36}\?topic=digital-services$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo đơn vị: Thư viện Quốc gia Việt Nam");
  await expectNoSeriousA11yViolations(page);
  const people = page.getByRole("table", { name: "Cán bộ và tình trạng từng khóa học" });
  const hrRow = people.getByRole("row").filter({ has: page.getByRole("rowheader", { name: DEMO.hr.name }) });
  await expect(hrRow).toContainText("Đang học");
  const unitCsv = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải CSV" }).click();
  const unitText = (await downloaded(await unitCsv)).toString("utf8");
  expect(unitText).toContain(DEMO.hr.name);
  expect(unitText).toContain("Dịch vụ thư viện số: Tình trạng");

  await people.getByRole("link", { name: DEMO.hr.name }).click();
  await expect(page).toHaveURL(/\/reports\/people\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Báo cáo cá nhân: ${DEMO.hr.name}`);
  const courses = page.getByRole("table", { name: `Các khóa học của ${DEMO.hr.name}` });
  await expect(courses.getByRole("row").filter({ hasText: "Dịch vụ thư viện số" })).toContainText("Đang học");
  await expectNoSeriousA11yViolations(page);
  const personXlsx = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải Excel (XLSX)" }).click();
  const personBook = new ExcelJS.Workbook();
  await personBook.xlsx.load((await downloaded(await personXlsx)) as unknown as ArrayBuffer);
  const personCells: string[] = [];
  personBook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => personCells.push(String(cell.value))));
  expect(personCells).toContain(DEMO.hr.name);
  expect(personCells).toContain("Dịch vụ thư viện số");

  expect(csp).toEqual([]);
});

test("the charts and their tables are written once in the page, kept by hydration, and come with the data of a client-side navigation", async ({ page }) => {
  await loginAs(page, "hr");
  const response = await page.request.get("/reports");
  const html = await response.text();
  const routerData = html.slice(html.indexOf("streamController.enqueue"));
  // The document has the weekly and the unit chart as SVG, and its router data does not have them again.
  expect(html.match(/<svg aria-hidden="true"[^>]*font-family/g)?.length).toBe(2);
  expect(routerData).not.toContain("<svg");
  await page.goto("/reports");
  const bars = page.locator("figure[aria-labelledby='bars-title'] [role='img'] svg");
  const weekly = page.locator("figure[aria-labelledby='weekly-title'] [role='img'] svg");
  await page.waitForFunction(() => "__reactRouterDataRouter" in window);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(bars).toHaveCount(1);
  await expect(weekly).toHaveCount(1);
  await expect(bars.locator("text").first()).toBeVisible();
  const weeklyRows = page.locator("figure[aria-labelledby='weekly-title'] table tbody tr");
  await expect(weeklyRows).toHaveCount(26);
  // A client-side navigation to another view of the report: the SVG comes with its data request.
  const dataRequest = page.waitForRequest((r) => r.url().includes("/reports.data"));
  await page.getByRole("link", { name: "Xem đủ mọi số liệu" }).click();
  await dataRequest;
  await expect(page).toHaveURL(/[?&]figures=all/);
  await expect(bars).toHaveCount(1);
  await expect(bars.locator("text").first()).toBeVisible();
  await expect(weekly).toHaveCount(1);
  await expect(weeklyRows).toHaveCount(26);
  await page.locator("figure[aria-labelledby='weekly-title'] summary").click();
  await expect(page.getByRole("table", { name: "Số lượt hoàn thành theo tuần" })).toBeVisible();
});

test("bad filters show a 400 page with the reason; learners and trainers are refused", async ({ page }) => {
  await loginAs(page, "hr");
  const bad = await page.goto("/reports?from=2026-11-30&to=2026-11-01");
  expect(bad?.status()).toBe(400);
  await expect(page.getByText("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")).toBeVisible();
  expect((await page.goto("/reports?from=2026-13-45"))?.status()).toBe(400);
  await expect(page.getByText(/Ngày phải có dạng/)).toBeVisible();
  expect((await page.goto("/reports?unit=00000000-0000-4000-8000-000000000000"))?.status()).toBe(400);
  await expectNoSeriousA11yViolations(page);

  for (const role of ["learner", "trainer"] as const) {
    await page.context().clearCookies();
    await loginAs(page, role);
    expect((await page.goto("/reports"))?.status()).toBe(403);
    expect((await page.request.get("/reports/export.csv")).status()).toBe(403);
    expect((await page.request.get("/reports/export.xlsx")).status()).toBe(403);
  }
});

test("HR finds a person by name without accents, email or staff number, and tells namesakes apart", async ({ page }) => {
  await loginAs(page, "hr");
  await page.goto("/reports");
  const search = page.getByRole("search");
  for (const query of ["le hai yen", "HR@skillshelf.local", "tvqg-0031"]) {
    await search.getByLabel("Tìm cán bộ").fill(query);
    await search.getByRole("button", { name: "Tìm" }).click();
    await expect(page).toHaveURL(/\/reports\/people\?q=/);
    const results = page.getByRole("table", { name: /kết quả cho/ });
    const row = results.getByRole("row").filter({ has: page.getByRole("rowheader", { name: DEMO.hr.name }) });
    await expect(row).toContainText("TVQG-0031");
    await expect(row).toContainText("hr@skillshelf.local");
    await page.goto("/reports");
  }
  await search.getByLabel("Tìm cán bộ").fill("tvqg-0031");
  await search.getByRole("button", { name: "Tìm" }).click();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: DEMO.hr.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Báo cáo cá nhân: ${DEMO.hr.name}`);
  // The unit drill-down shows email and staff number under each name.
  await page.goto("/reports");
  await page.getByRole("table", { name: /Hoàn thành theo đơn vị/ }).getByRole("link", { name: "Thư viện Quốc gia Việt Nam" }).click();
  const people = page.getByRole("table", { name: "Cán bộ và tình trạng từng khóa học" });
  await expect(people.getByRole("rowheader", { name: new RegExp(DEMO.hr.name) })).toContainText("hr@skillshelf.local");
  await expect(people.getByRole("rowheader", { name: new RegExp(DEMO.hr.name) })).toContainText("TVQG-0031");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the filter form works as a plain GET form", async ({ page }) => {
    await loginAs(page, "admin");
    await page.goto("/reports");
    await page.getByLabel("Tình trạng").selectOption("in_progress");
    // Days are typed day/month/year whatever the browser's language (a native date picker would follow it).
    await page.getByLabel("Hoàn thành từ ngày").fill("1/1/2020");
    await page.getByRole("button", { name: "Xem báo cáo" }).click();
    await expect(page).toHaveURL(/[?&]status=in_progress/);
    await expect(page).toHaveURL(/[?&]from=1%2F1%2F2020/);
    await expect(page.getByLabel("Tình trạng")).toHaveValue("in_progress");
    await expect(page.getByLabel("Hoàn thành từ ngày")).toHaveValue("01/01/2020");
    await expect(page.getByRole("table", { name: /Hoàn thành theo đơn vị và khóa học/ })).toBeVisible();
    await page.getByRole("link", { name: "Xóa bộ lọc" }).click();
    await expect(page).toHaveURL(/\/reports$/);
  });
});
