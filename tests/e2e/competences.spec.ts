// Competence profile and heatmap: the demo learner assesses themselves (JS on, then JS off) and HR reads the heatmap.
// The learner's self-assessment is theirs alone: no other spec reads it.
import { expect, expectNoSeriousA11yViolations, loginAs, test, useLanguage } from "./fixtures";

test("learner fills a self-assessment with JavaScript on", async ({ page }) => {
  await loginAs(page, "learner");
  await page.goto("/learning");
  await page.getByRole("link", { name: "Hồ sơ năng lực số" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hồ sơ năng lực số");
  await expect(page.getByText(/Thông tư số 02\/2025\/TT-BGDĐT ngày 24\/01\/2025/)).toBeVisible();
  const domain = page.getByRole("region", { name: /Miền 1:/ });
  await domain.getByRole("group", { name: "Mức bạn tự đánh giá" }).first().getByRole("radio", { name: "Mức 4: Trung cấp 2" }).check();
  await domain.getByRole("button", { name: "Lưu tự đánh giá miền 1" }).click();
  await expect(domain.getByRole("status")).toHaveText("Đã lưu tự đánh giá miền 1.");
  const first = domain.locator("#competence-1\\.1");
  await expect(first).toContainText("Mức 4 (Trung cấp 2)");
  await expect(first.getByRole("radio", { name: "Mức 4: Trung cấp 2" })).toBeChecked();
  await expectNoSeriousA11yViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("learner saves a domain on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, "learner");
    await page.goto("/learning/competences");
    const domain = page.getByRole("region", { name: /Miền 6:/ });
    await domain.locator("#competence-6\\.2").getByText("3", { exact: true }).click();
    await domain.getByRole("button", { name: "Lưu tự đánh giá miền 6" }).click();
    await expect(page).toHaveURL(/\/learning\/competences\?saved=6#domain-6$/);
    await expect(page.getByRole("region", { name: /Miền 6:/ }).getByRole("status")).toHaveText("Đã lưu tự đánh giá miền 6.");
    await expect(page.locator("#competence-6\\.2")).toContainText("Mức 3 (Trung cấp 1)");
    // A level outside 1–8 posted by hand: 400, nothing saved.
    const bad = await page.request.post("/learning/competences", { form: { domain: "6", c6_2: "9" }, maxRedirects: 0 });
    expect(bad.status()).toBe(400);
  });
});

test("HR opens the heatmap and changes the level", async ({ page }) => {
  await loginAs(page, "hr");
  await page.goto("/reports");
  await page.getByRole("link", { name: "Bản đồ năng lực số" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bản đồ năng lực số");
  const table = page.getByRole("table", { name: /Tỷ lệ người đạt từ mức 2 trở lên/ });
  await expect(table.getByRole("rowheader", { name: "Thư viện Quốc gia Việt Nam" })).toBeVisible();
  await expect(table.getByRole("cell", { name: /%$/ }).first()).toBeVisible();
  await page.getByLabel("Từ mức", { exact: true }).selectOption("4");
  await page.getByRole("button", { name: "Xem báo cáo" }).click();
  await expect(page).toHaveURL(/level=4/);
  await expect(page.getByRole("table", { name: /Tỷ lệ người đạt từ mức 4 trở lên/ })).toBeVisible();
  await page.getByRole("link", { name: "Theo tự đánh giá" }).click();
  await expect(page).toHaveURL(/view=self/);
  await expect(page.getByRole("table", { name: /Theo tự đánh giá/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

// The heatmap is HR's (app/competences/heatmap-request.server.ts: requireRole "hr", admins included): a unit manager
// reads their library's completion reports but not the heatmap. What they meet instead, on a phone without JavaScript.
const REFUSED = {
  vi: { title: "Bạn không có quyền truy cập", text: "Trang này dành cho vai trò: Nhân sự.", home: "Về trang chủ", menu: "Trình đơn", reports: "Báo cáo", h1: "Báo cáo hoàn thành" },
  en: { title: "You do not have access", text: "This page is for the role: HR.", home: "Back to the home page", menu: "Menu", reports: "Reports", h1: "Completion reports" },
} as const;

test.describe("a unit manager, without JavaScript, at 390 px", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  // The demo accounts are seeded in Vietnamese; other journeys expect that. In a hook: it runs even after a timeout.
  test.afterEach(async ({ page }) => useLanguage(page, "vi"));

  for (const lang of ["vi", "en"] as const) {
    test(`is refused the heatmap with a plain page in their language (${lang}), and no link leads there`, async ({ page }) => {
      test.setTimeout(120_000);
      const w = REFUSED[lang];
      await loginAs(page, "manager");
      await useLanguage(page, lang);
      for (const path of ["/reports/competences", "/reports/competences?view=self&level=3"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(page).toHaveTitle(`${w.title} · Skillshelf`);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.title);
        await expect(page.getByText(w.text, { exact: true })).toBeVisible();
        await expect(page.getByRole("link", { name: w.home })).toHaveAttribute("href", "/");
        await expect(page.getByText(/Application Error|Unexpected|at \S+ \(/)).toHaveCount(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      }
      // The files are refused the same way.
      for (const file of ["/reports/competences/export.csv", "/reports/competences/export.xlsx"]) {
        expect((await page.request.get(file)).status(), file).toBe(403);
      }

      // The folded menu (a <details>, opened without JavaScript) leads to the reports, not to the heatmap.
      await page.getByText(w.menu, { exact: true }).click();
      const nav = page.getByRole("navigation", { name: lang === "vi" ? "Điều hướng chính" : "Main navigation" });
      await expect(nav.getByRole("link", { name: w.reports })).toBeVisible();
      await expect(page.locator('a[href^="/reports/competences"]')).toHaveCount(0);
      await page.goto("/reports");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.h1);
      await expect(page.locator('a[href^="/reports/competences"]')).toHaveCount(0);
    });
  }
});
