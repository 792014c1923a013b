// The learner's journey in an English-language browser on a Vietnamese account, on a phone and at desktop size:
// sign in → catalogue (search shows why a course matched) → course (lessons and Start above the fold) → a lesson,
// then another through the outline and the next link → a practice check → My learning's one "Continue". Each run
// uses a learner of its own (created by the admin, password set from the invitation), so the demo accounts that
// later spec files count on stay as they were.
import type { Browser, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, invitationLink, loginAs, test } from "./fixtures";

const COURSE = "Dịch vụ thư viện số";
const LESSON_1 = "Sách điện tử và cơ sở dữ liệu trực tuyến";
const LESSON_2 = "Tài nguyên giáo dục mở và kho lưu trữ thể chế";
const LESSON_3 = "Dịch vụ tham khảo số";
const PASSWORD = "hành trình học viên dài";
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 768 } } as const;
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The admin adds a learner whose stored language is Vietnamese and invites her; returns the invitation link. */
async function invitedVietnameseLearner(browser: Browser) {
  const email = `hoc.vien.${stamp()}@thuvien.vn`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, "admin");
  const created = await page.request.post("/admin/staff/new", {
    form: { fullName: "Đỗ Thị Thu Trang", email, roles: "learner", active: "on", locale: "vi", invite: "on" },
    maxRedirects: 0,
  });
  expect(created.status(), "staff created").toBe(302);
  const link = await invitationLink(page, email);
  await context.close();
  return { email, link: new URL(link).pathname };
}

/**
 * Opens the main navigation: on a phone it is folded behind the "Menu" button (a <details>), which works without
 * JavaScript; the navigation shows while it is open.
 */
async function mainNav(page: Page, phone: boolean) {
  const nav = page.getByRole("banner").getByRole("navigation", { name: "Điều hướng chính" });
  if (phone) {
    const menu = page.locator("header details");
    await expect(menu).not.toHaveAttribute("open");
    await expect(nav).toBeHidden();
    await menu.locator("summary").click();
    await expect(menu).toHaveAttribute("open");
    await expect(nav).toBeVisible();
  }
  return nav;
}

async function journey(page: Page, browser: Browser, size: keyof typeof SIZES, js = true) {
  const phone = size === "phone";
  // axe runs inside the page: only with JavaScript on (the JS-on runs check the same pages).
  const axe = () => (js ? expectNoSeriousA11yViolations(page) : Promise.resolve());
  await page.setViewportSize(SIZES[size]);
  const { link } = await invitedVietnameseLearner(browser);

  // Signed out, the English browser gets English; setting the password signs her in, in her own Vietnamese.
  await page.goto(link);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the new password").fill(PASSWORD);
  await page.getByRole("button", { name: "Save the password" }).click();
  await expect(page).toHaveURL(/\/learning$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Việc học của tôi");
  await expect(page.getByText(/Application Error|not loaded/)).toHaveCount(0);

  // The catalogue, searched without diacritics: the card says why it matched, the words marked.
  await (await mainNav(page, phone)).getByRole("link", { name: "Danh mục khóa học" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Danh mục khóa học");
  if (phone) await expect(page.locator("header details")).not.toHaveAttribute("open");
  await page.getByLabel("Tìm khóa học hoặc bài học").fill("tham khao so");
  await page.getByRole("button", { name: "Lọc" }).click();
  const card = page.getByRole("main").getByRole("listitem").filter({ has: page.getByRole("heading", { name: COURSE }) });
  await expect(card.getByText("Khớp ở:")).toBeVisible();
  await expect(card.getByRole("link", { name: LESSON_3 }).locator("mark").first()).toHaveText(/tham|khảo|số/);
  await expect(card.locator("img, svg").first()).toBeVisible(); // the cover, or the topic's pattern
  await card.getByRole("link", { name: COURSE }).click();

  // The course: the lessons and Start are above the fold.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE);
  const start = page.getByRole("link", { name: /^Bắt đầu học/ });
  await expect(start).toBeInViewport();
  await expect(page.getByRole("heading", { name: "Các bài học" })).toBeInViewport();
  await start.click();

  // Lesson 1: where it sits in the course; its practice check, answered in part then submitted anyway.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LESSON_1);
  await expect(page.getByText("Bài 1/6", { exact: true })).toBeVisible();
  const check = page.locator("#quiz-check-ebooks-databases");
  await check.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await check.getByLabel("Mua dựa trên bằng chứng sử dụng").check(); // questions may come in any order
  await check.getByRole("button", { name: "Nộp bài" }).click();
  await check.getByRole("button", { name: "Vẫn nộp bài" }).click();
  await expect(check.getByText(/Điểm: 1\/\d+/)).toBeVisible();
  await axe();
  await page.getByRole("button", { name: "Đánh dấu hoàn thành và học tiếp" }).click();

  // Lesson 2, then back to lesson 1 and forward again through the outline, then on with "next".
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LESSON_2);
  // One outline for every size: on a phone folded behind its button, which opens it without JavaScript.
  const outline = page.getByRole("navigation", { name: "Nội dung khóa học" });
  if (phone) {
    await expect(outline.getByRole("list")).toBeHidden();
    await outline.locator("summary").click();
  }
  await expect(outline.getByRole("link", { name: new RegExp(`^${LESSON_1} \\(đã hoàn thành\\)`) })).toBeVisible();
  await expect(outline.locator('[aria-current="page"]')).toContainText(LESSON_2);
  await outline.getByRole("link", { name: new RegExp(`^${LESSON_1}`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LESSON_1);
  await page.getByRole("navigation", { name: "Chuyển bài" }).getByRole("link", { name: new RegExp(LESSON_2) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LESSON_2);
  await page.getByRole("navigation", { name: "Chuyển bài" }).getByRole("link", { name: new RegExp(LESSON_3) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LESSON_3);

  // My learning: one clear Continue, to the first lesson not done.
  await (await mainNav(page, phone)).getByRole("link", { name: "Việc học của tôi" }).click();
  const next = page.getByRole("region", { name: "Tiếp theo" });
  await expect(next).toContainText(COURSE);
  await expect(next).toContainText(`Bài tiếp theo: ${LESSON_2}`);
  await expect(next.getByRole("link", { name: /^Học tiếp/ })).toBeInViewport();
  await axe();
  await next.getByRole("link", { name: /^Học tiếp/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LESSON_2);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
}

test.describe("in an English browser on a Vietnamese account", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "en-GB,en;q=0.9" } });

  for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
    test(`the learner's journey works at ${size} size`, async ({ page, browser }) => {
      test.setTimeout(240_000); // axe over a long lesson page is slow on a busy machine
      await journey(page, browser, size);
    });
  }

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the phone's menu opens and leads on, and the journey works with plain links and forms", async ({ page, browser }) => {
      test.setTimeout(240_000); // axe over a long lesson page is slow on a busy machine
      await journey(page, browser, "phone", false);
    });
  });
});
