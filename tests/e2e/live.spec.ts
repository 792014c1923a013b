// Live workshops end to end: the trainer makes a session with two activities and starts it; two participants join
// by code on phones (390 px), one of them without JavaScript (its forms post, a waiting page refreshes itself); both
// vote; the presenter's screen shows both votes as they come; the trainer locks and reveals; the results export as
// CSV. axe finds nothing on the presenter's and the participants' pages.
import { readFile } from "node:fs/promises";
import { type Browser, type Page } from "@playwright/test";
import { expect, expectAxeClean, loginAs, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };

async function participant(browser: Browser, code: string, nickname: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled, locale: "vi-VN" });
  const page = await context.newPage();
  await page.goto("/live");
  await page.getByLabel("Mã tham gia").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Tham gia" }).click();
  await expect(page).toHaveURL(new RegExp(`/live/${code}$`));
  await page.getByLabel("Biệt danh của bạn").fill(nickname);
  await page.getByRole("button", { name: "Tham gia" }).click();
  await expect(page.getByText(`Bạn là ${nickname}`)).toBeVisible();
  return { context, page };
}

/** The page fits the phone: nothing wider than the viewport. */
async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

test("a trainer runs a live poll; two phones vote, one without JavaScript; lock, reveal, export", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await loginAs(page, "trainer");
  const title = `Tập huấn trực tiếp ${Date.now().toString(36)}`;
  await page.goto("/trainer/live");
  await page.getByLabel("Tên phiên").fill(title);
  await page.getByLabel("Cho phép khách không đăng nhập (dùng biệt danh)").check();
  await page.getByRole("button", { name: "Tạo phiên" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const sessionUrl = page.url();

  const add = async (kind: string, prompt: string, options = "") => {
    await page.getByLabel("Loại").selectOption({ label: kind });
    await page.getByLabel("Câu hỏi", { exact: true }).fill(prompt);
    await page.getByLabel("Các lựa chọn").fill(options);
    await page.getByRole("button", { name: "Thêm hoạt động" }).click();
    await expect(page.getByText(prompt, { exact: false }).first()).toBeVisible();
  };
  await add("Thăm dò ý kiến", "Thư viện của bạn đã số hóa tài liệu nào?", "Sách cổ\nBáo địa phương\nẢnh tư liệu");
  await add("Đám mây từ khóa", "Một từ về chuyển đổi số");
  await page.getByRole("button", { name: "Bắt đầu phiên" }).click();
  await expect(page.getByText("Đang diễn ra")).toBeVisible();
  const code = (await page.locator("strong.font-mono").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);

  // The presenter's screen, open before anyone votes: the votes arrive over the event stream.
  await page.getByRole("link", { name: "Màn hình trình chiếu" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thư viện của bạn đã số hóa tài liệu nào?" })).toBeVisible();
  const voters = page.locator("[data-live-voters]");
  await expect(voters).toHaveText("0");
  await expectAxeClean(page, "presenter");

  const withJs = await participant(browser, code, "Lan", true);
  const noJs = await participant(browser, code, "Minh", false);
  // axe and the width check run scripts in the page, so they look at the phone with JavaScript: the server sends the
  // same HTML to both (the participant page has no framework JavaScript to hydrate).
  await expectAxeClean(withJs.page, "participant");
  await fitsPhone(withJs.page);

  await withJs.page.getByLabel("Báo địa phương").check();
  await withJs.page.getByRole("button", { name: "Gửi" }).click();
  await expect(withJs.page.getByText("Đã ghi nhận bình chọn của bạn.")).toBeVisible();
  await expect(voters).toHaveText("1");

  await noJs.page.getByLabel("Ảnh tư liệu").check();
  await noJs.page.getByRole("button", { name: "Gửi" }).click();
  await expect(noJs.page).toHaveURL(/\?done=live\.voted$/);
  await expect(noJs.page.getByText("Đã ghi nhận bình chọn của bạn.")).toBeVisible();
  await expect(noJs.page.getByLabel("Ảnh tư liệu")).toBeChecked();
  await expect(voters).toHaveText("2");
  await expect(page.getByText(/^1 · 50/)).toHaveCount(2);

  // Lock: the phone with JavaScript learns it at once; the one without waits and refreshes itself.
  await page.getByRole("button", { name: "Khóa bình chọn" }).click();
  await expect(page.getByText("Đã khóa bình chọn cho câu hỏi này.")).toBeVisible();
  await expect(withJs.page.getByText("Đã khóa bình chọn cho câu hỏi này.")).toBeVisible();
  await expect(withJs.page.getByRole("button", { name: "Gửi" })).toHaveCount(0);
  await noJs.page.goto(`/live/${code}`);
  await expect(noJs.page.getByText("Đã khóa bình chọn cho câu hỏi này.")).toBeVisible();
  await expect(noJs.page.locator('meta[http-equiv="refresh"]')).toHaveCount(1);

  // Reveal: both phones show the results.
  await page.getByRole("button", { name: "Hiện kết quả" }).click();
  await expect(withJs.page.getByRole("heading", { name: "Kết quả" })).toBeVisible();
  await expect(withJs.page.locator("[data-live-voters]")).toHaveText("2");
  await noJs.page.getByRole("link", { name: "Tải lại" }).click();
  await expect(noJs.page.locator("[data-live-voters]")).toHaveText("2");
  await expectAxeClean(withJs.page, "participant, revealed");
  await fitsPhone(withJs.page);
  await expectAxeClean(page, "presenter, revealed");

  // Export: a row per choice with its count.
  await page.goto(`${sessionUrl}/results`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải kết quả (CSV)" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toMatch(/Sách cổ,0,/);
  expect(csv).toMatch(/Báo địa phương,1,/);
  expect(csv).toMatch(/Ảnh tư liệu,1,/);
  await withJs.context.close();
  await noJs.context.close();
});
