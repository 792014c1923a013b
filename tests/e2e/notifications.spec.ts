// Notifications: the bell's count in the header, the list, mark read with and without JavaScript, and the email
// choices. Uses the demo manager (assigned the demo course by the seed) and the demo learner; what it marks read
// no other spec looks at, and the email choice it changes is put back.
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

async function unreadInBell(page: Page, pattern: RegExp) {
  const bell = page.getByRole("link", { name: pattern });
  await expect(bell).toBeVisible();
  const name = (await bell.getAttribute("aria-label")) ?? "";
  return Number(/(\d+)/.exec(name)?.[1] ?? 0);
}

test("the manager sees the bell's count, opens the list, marks one read (JavaScript on) and reads the unit's reports only", async ({ page }) => {
  await loginAs(page, "manager");
  await page.goto("/learning");
  const before = await unreadInBell(page, /^Thông báo, \d+ chưa đọc$/);
  expect(before).toBeGreaterThan(0);
  await page.getByRole("link", { name: /^Thông báo, \d+ chưa đọc$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thông báo");
  await expect(page.getByTestId("unread-count")).toHaveText(`${before} chưa đọc`);
  const list = page.getByRole("list", { name: "Danh sách thông báo, mới nhất trước" });
  const assigned = list.getByRole("link", { name: /Bạn được giao khóa học “Dịch vụ thư viện số”/ });
  await expect(assigned).toHaveAttribute("href", "/courses/digital-library-services");
  await expectNoSeriousA11yViolations(page);

  await list.getByRole("button", { name: /^Đánh dấu đã đọc: Bạn được giao khóa học “Dịch vụ thư viện số”/ }).click();
  await expect(page.getByRole("status")).toHaveText("Đã đánh dấu là đã đọc.");
  await expect(page.getByTestId("unread-count")).toHaveText(`${before - 1} chưa đọc`);
  const after = before - 1 === 0 ? /^Thông báo, không có thông báo chưa đọc$/ : new RegExp(`^Thông báo, ${before - 1} chưa đọc$`);
  await expect(page.getByRole("link", { name: after })).toBeVisible();
  await expect(list.getByRole("button", { name: /Dịch vụ thư viện số/ })).toHaveCount(0);

  // A manager reads the reports (their library only) without HR's actions.
  await page.getByRole("link", { name: "Báo cáo" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo hoàn thành");
  await expect(page.getByRole("link", { name: "Đào tạo bắt buộc" })).toHaveCount(0);
  await expect(page.getByRole("cell", { name: /Thư viện tỉnh Nghệ An/ })).toHaveCount(0);
  expect((await page.request.get("/reports/assignments")).status()).toBe(403);
  expect((await page.request.get("/admin")).status()).toBe(403);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the learner's bell is a plain link with the count, and mark read is a plain form", async ({ page }) => {
    await loginAs(page, "learner");
    await page.goto("/learning");
    const before = await unreadInBell(page, /^Thông báo, \d+ chưa đọc$/);
    expect(before).toBeGreaterThan(0);
    await page.getByRole("link", { name: /^Thông báo, \d+ chưa đọc$/ }).click();
    await expect(page).toHaveURL(/\/notifications$/);
    await page.getByRole("button", { name: /^Đánh dấu đã đọc:/ }).first().click();
    await expect(page.getByRole("status")).toHaveText("Đã đánh dấu là đã đọc.");
    await expect(page.getByTestId("unread-count")).toHaveText(`${before - 1} chưa đọc`);
  });

  test("an email choice is changed from the account page, kept, and put back", async ({ page }) => {
    await loginAs(page, "manager");
    await page.goto("/account");
    await page.getByRole("link", { name: "Chọn thông báo nhận qua email" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thông báo qua email");
    const reminder = page.getByRole("checkbox", { name: "Sắp đến hạn hoàn thành" });
    await expect(reminder).toBeChecked();
    // Managers also choose the weekly digest.
    await expect(page.getByRole("checkbox", { name: "Bản tin tuần về đơn vị của tôi" })).toBeChecked();
    await reminder.uncheck();
    await page.getByRole("button", { name: "Lưu lựa chọn" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã lưu lựa chọn của bạn.");
    await page.reload();
    await expect(page.getByRole("checkbox", { name: "Sắp đến hạn hoàn thành" })).not.toBeChecked();
    await page.getByRole("checkbox", { name: "Sắp đến hạn hoàn thành" }).check();
    await page.getByRole("button", { name: "Lưu lựa chọn" }).click();
    await expect(page.getByRole("checkbox", { name: "Sắp đến hạn hoàn thành" })).toBeChecked();
  });
});

test("the pages read in English at phone size", async ({ page }) => {
  await loginAs(page, "manager");
  await page.setViewportSize({ width: 390, height: 844 });
  expect((await page.request.post("/locale", { form: { locale: "en", redirectTo: "/" }, maxRedirects: 0 })).status()).toBe(302);
  try {
    await page.goto("/notifications");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notifications");
    await expect(page.getByRole("link", { name: /^Notifications, (none unread|\d+ unread)$/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /You have been assigned the course “Digital library services”/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "Choose which notifications reach you by email" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Email notifications");
    await expect(page.getByRole("checkbox", { name: "The weekly digest of my unit" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  } finally {
    await page.request.post("/locale", { form: { locale: "vi", redirectTo: "/" }, maxRedirects: 0 });
  }
});
