// Programmes in the reports: HR opens a programme's drill-down from the programmes-by-unit table and downloads its
// CSV; a unit manager reads it for their own library only and cannot open HR's competence heatmap; without
// JavaScript at phone width the drill-down's filters are a plain form. Uses the demo programme assignment (Nghệ An).
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const PROGRAMME = "Năng lực số năm thứ nhất";
const DRILL = "/reports/programmes/digital-foundations-year-1";

/** The Nghệ An library's id, read off HR's matrix (its unit link). */
async function nghean(page: Page) {
  await page.goto("/reports");
  const href = await page.getByRole("link", { name: "Thư viện tỉnh Nghệ An", exact: true }).first().getAttribute("href");
  return /\/reports\/units\/([0-9a-f-]{36})/.exec(href ?? "")![1]!;
}

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
