import { DEMO, DEMO_PASSWORD, expect, expectNoSeriousA11yViolations, loginAs, test, useLanguage } from "./fixtures";
import type { Page } from "@playwright/test";

async function signInThroughForm(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/learning$/);
}

async function journey(page: Page, search: string, courseTitle: RegExp, firstLesson: RegExp, secondLesson: RegExp) {
  await signInThroughForm(page, DEMO.learner.email);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Danh mục khóa học" }).click();
  await page.getByLabel("Tìm khóa học hoặc bài học").fill(search);
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page.getByRole("main").getByRole("listitem").first().getByRole("heading")).toHaveText(courseTitle);
  await page.getByRole("link", { name: courseTitle }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(courseTitle);
  await page.getByRole("link", { name: "Bắt đầu học" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(firstLesson);
  await expect(page.locator(".lesson-body h2").first()).toBeVisible();
  await page.getByRole("button", { name: "Đánh dấu hoàn thành và học tiếp" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(secondLesson);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  await signInThroughForm(page, DEMO.learner.email);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: courseTitle }) });
  await card.getByRole("link", { name: /Học tiếp/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(secondLesson);
  await page.goto(page.url().replace(/\/[^/]+$/, ""));
  await expect(page.getByText(/Đã hoàn thành 1\/6 bài/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Học tiếp" })).toBeVisible();
}

test("a learner finds a course by searching without diacritics, learns, and Continue resumes after signing in again", async ({ page }) => {
  await journey(page, "tri tue nhan tao trong dich vu", /Trí tuệ nhân tạo trong dịch vụ thư viện/, /Trí tuệ nhân tạo và AI tạo sinh là gì\?/, /câu lệnh/i);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same journey works with plain forms and links", async ({ page }) => {
    await journey(page, "nang luc du lieu cho thu vien", /Dữ liệu lớn và năng lực dữ liệu cho thư viện/, /Thư viện có những loại dữ liệu nào\?/, /thu thập và làm sạch/i);
  });
});

test.describe("without JavaScript, in English", () => {
  test.use({ javaScriptEnabled: false });
  // The switch stores the language on HR's account: put it back for the later tests, whatever happened.
  test.afterEach(async ({ page }) => useLanguage(page, "vi"));

  // The cards' topic, level, time and languages are HTML the server writes once per language and course
  // (catalogue-cards.server.ts); only the language names stay in their own language.
  test("the catalogue cards read in English after the language switch, and a card leads to its course", async ({ page }) => {
    await loginAs(page, "hr");
    await page.goto("/courses");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page).toHaveURL(/\/courses$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Course catalogue");

    const grid = page.locator(".catalogue-grid");
    const cards = await grid.getByRole("listitem").count();
    expect(cards).toBeGreaterThan(0);
    const each = async (selector: string, shape: RegExp) => {
      const texts = await grid.locator(selector).allTextContents();
      expect(texts, selector).toHaveLength(cards);
      for (const text of texts) expect(text, selector).toMatch(shape);
    };
    await each(".card-topic", /^(Artificial intelligence|Data|Digital services)$/);
    await each(".card-tag", /^(Beginner|Intermediate|Advanced)$/);
    await each(".card-facts", /^Estimated time⏱ \d+ minLanguages(Tiếng Việt|English)( · (Tiếng Việt|English))?$/);
    await each(".card-status", /^(Not started|\d+\s?% done|Completed)$/);
    expect(await grid.textContent()).not.toMatch(
      /phút|Cơ bản|Trung cấp|Nâng cao|Trí tuệ|Dữ liệu|Dịch vụ số|Thời lượng|Ngôn ngữ|Chưa bắt đầu|Đã học|Đã hoàn thành/,
    );

    const card = grid.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "AI in library services" }) });
    await expect(card.locator(".card-topic")).toHaveText("Artificial intelligence");
    await expect(card.locator(".card-tag")).toHaveText("Beginner");
    await expect(card.getByRole("definition")).toHaveText(["⏱ 180 min", "Tiếng Việt · English"]);
    await card.getByRole("link", { name: "AI in library services" }).click();
    await expect(page).toHaveURL(/\/courses\/ai-in-library-services$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("AI in library services");
    await expect(page.getByRole("heading", { level: 2, name: "Lessons" })).toBeVisible();
  });
});

test("a lesson renders in English after switching language", async ({ page }) => {
  await loginAs(page, "hr");
  await page.goto("/courses/digital-library-services/ebooks-and-databases");
  await expect(page.locator("article [lang]").first()).toHaveAttribute("lang", "vi");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page).toHaveURL(/\/courses\/digital-library-services\/ebooks-and-databases$/);
  await expect(page.locator("article [lang]").first()).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/e-books/i);
  await expect(page.getByRole("button", { name: "Mark complete and continue" })).toBeVisible();
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.locator("article [lang]").first()).toHaveAttribute("lang", "vi");
});

test("unknown courses and lessons answer 404; a forged completion answers 400", async ({ page }) => {
  await loginAs(page, "trainer");
  expect((await page.goto("/courses/no-such-course"))?.status()).toBe(404);
  expect((await page.goto("/courses/ai-in-library-services/no-such-lesson"))?.status()).toBe(404);
  const forged = await page.request.post("/courses/ai-in-library-services/what-is-ai", {
    form: { intent: "complete", lessonId: "00000000-0000-4000-8000-000000000000" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(400);
});

test("catalogue, course and lesson pages have no serious accessibility violations", async ({ page }) => {
  await loginAs(page, "admin");
  for (const path of ["/courses", "/courses/ai-in-library-services", "/courses/ai-in-library-services/what-is-ai"]) {
    await page.goto(path);
    await expectNoSeriousA11yViolations(page);
  }
});

test("a lesson without an English version falls back to Vietnamese with a visible note", async ({ page }) => {
  await loginAs(page, "hr");
  await page.goto("/courses/e2e-fallback-course/vietnamese-only");
  await expect(page.getByRole("note").filter({ hasText: "chưa có bản" })).toHaveCount(0);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("note").filter({ hasText: "This lesson has no English version yet" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bài chỉ có tiếng Việt");
  await expect(page.getByRole("heading", { level: 1 })).toHaveAttribute("lang", "vi");
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  // The language is saved on the account: wait for the switch back so later tests see Vietnamese.
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("note").filter({ hasText: "This lesson has no English version yet" })).toHaveCount(0);
});

test("a one-lesson course's lesson has a single way back to the course, not two", async ({ page }) => {
  // Signed in as HR: the certificate journey completes this course as the learner, and nobody else touches it.
  await loginAs(page, "hr");
  await page.goto("/courses/e2e-cert-course/first-steps");
  const pager = page.getByRole("navigation", { name: "Chuyển bài" });
  await expect(pager.getByRole("link")).toHaveCount(1);
  await expect(pager.getByRole("link")).toHaveAttribute("href", "/courses/e2e-cert-course");
});
