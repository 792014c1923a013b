// Programmes as people meet them: HR assigns a programme to a unit, the librarian in it (a person of this spec's
// own, brought in by CSV import and invitation, so the demo accounts are untouched) sees its path in My learning,
// opens the programme page, and finds a course that waits for another locked, with the course to take first named
// and linked; its lessons lead back to the course page. Also without JavaScript, at 390 px, and in English; and a
// one-course programme (a test fixture) completed, with its certificate.
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, invitationLink, loginAs, test } from "./fixtures";

const UNIT_CODE = "E2E-CTDT";
const UNIT_NAME = "Phòng thử nghiệm chương trình";
const PROGRAMME = "Năng lực số năm thứ nhất";
const PASSWORD = "mật khẩu học viên chương trình";
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function newLearner(page: Page) {
  const email = `ctdt.${stamp()}@thuvien.vn`;
  await loginAs(page, "admin");
  const created = await page.request.post("/admin/units", {
    form: { intent: "create", code: UNIT_CODE, name: UNIT_NAME, nameEn: "Programme test room" },
    maxRedirects: 0,
  });
  expect([302, 400]).toContain(created.status());
  await page.goto("/admin/import");
  const csv = `\uFEFFemail,full name,staff number,org unit code,job title,roles\n${email},Phan Thị Lộ Trình,CT-${stamp()},${UNIT_CODE},Thủ thư,learner\n`;
  await page.getByLabel("Tệp CSV", { exact: true }).setInputFiles({ name: "ctdt.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await page.getByRole("button", { name: "Xác nhận nhập" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập: 1 người mới" })).toBeVisible();
  const link = await invitationLink(page, email);
  await page.context().clearCookies();
  return { email, link };
}

async function setPassword(page: Page, link: string) {
  await page.goto(link);
  // Signed out, the page follows the browser's language.
  await page.getByLabel(/^(Mật khẩu mới|New password)$/).fill(PASSWORD);
  await page.getByLabel(/^(Nhập lại mật khẩu mới|Repeat the new password)$/).fill(PASSWORD);
  await page.getByRole("button", { name: /^(Lưu mật khẩu|Save the password)/ }).click();
  await expect(page).toHaveURL(/\/learning$/);
}

/** A new learner of this spec's own signs in and follows a programme with the button on its page. */
async function followAsNewLearner(page: Page, slug: string) {
  const { link } = await newLearner(page);
  await setPassword(page, link);
  await page.goto(`/learning/programmes/${slug}`);
  await page.getByRole("button", { name: "Tham gia chương trình" }).click();
  await expect(page.getByText("Bạn đang theo chương trình này.")).toBeVisible();
}

test("HR assigns a programme; the learner follows its path and meets a locked course that names the one to take first", async ({ page }) => {
  test.setTimeout(180_000);
  const { link } = await newLearner(page);

  // HR assigns the year-1 programme to the unit, in the same form as a course.
  await loginAs(page, "hr");
  await page.goto("/reports/assignments/new");
  await page.getByLabel("Khóa học").selectOption({ label: PROGRAMME });
  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: UNIT_NAME });
  await page.getByLabel("Hạn hoàn thành").fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Giao khóa học" }).click();
  await expect(page.getByText("Đã giao khóa học.")).toBeVisible();
  await page.context().clearCookies();

  // The learner sees the programme in My learning and opens it.
  await setPassword(page, link);
  await expect(page.getByRole("heading", { name: "Chương trình đào tạo của tôi" })).toBeVisible();
  await page.getByRole("link", { name: PROGRAMME }).first().click();
  await expect(page).toHaveURL(/\/learning\/programmes\/digital-foundations-year-1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PROGRAMME);
  await expect(page.getByText("Chưa mở").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Data protection waits for Digital foundations: its page says so and links to the course to take first.
  await page.goto("/courses/personal-data-protection-in-libraries");
  await expect(page.getByText("Khóa học chưa mở")).toBeVisible();
  await expect(page.getByRole("link", { name: "Bắt đầu học" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  // A lesson of the locked course leads back to the course page.
  await page.goto("/courses/personal-data-protection-in-libraries/law-and-decree-for-libraries");
  await expect(page).toHaveURL(/\/courses\/personal-data-protection-in-libraries$/);
  await page.getByRole("link", { name: "Học khóa này trước" }).first().click();
  await expect(page).toHaveURL(/\/courses\/digital-foundations-for-library-staff$/);
  await expect(page.getByRole("link", { name: /Bắt đầu học/ }).first()).toBeVisible();
});

test("a learner whose programme completes sees the programme's certificate", async ({ page }) => {
  test.setTimeout(180_000);
  await followAsNewLearner(page, "e2e-one-course-path");
  await expect(page.getByRole("link", { name: "Xem chứng chỉ chương trình" })).toHaveCount(0);
  // Its one course, completed: the programme completes with it.
  await page.goto("/courses/e2e-programme-course/first-steps");
  await page.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
  await expect(page).toHaveURL(/\/courses\/e2e-programme-course$/);
  await page.goto("/learning/programmes/e2e-one-course-path");
  await expect(page.getByText("Bạn đã hoàn thành chương trình này.")).toBeVisible();
  await page.getByRole("link", { name: "Xem chứng chỉ chương trình" }).click();
  await expect(page).toHaveURL(/\/certificates\/[0-9A-Z]{16}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lộ trình kiểm thử một khóa");
  await expect(page.getByText("Phan Thị Lộ Trình", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("a locked course opens once the course before it in the programme is completed", async ({ page }) => {
  test.setTimeout(180_000);
  await followAsNewLearner(page, "e2e-two-step-path");

  // The second course is locked: its page names the first, and its lesson leads back to the course page.
  await page.goto("/courses/e2e-fallback-course");
  await expect(page.getByText("Khóa học chưa mở")).toBeVisible();
  await expect(page.getByRole("link", { name: /Bắt đầu học/ })).toHaveCount(0);
  await page.goto("/courses/e2e-fallback-course/vietnamese-only");
  await expect(page).toHaveURL(/\/courses\/e2e-fallback-course$/);
  await page.getByRole("link", { name: "Học khóa này trước" }).first().click();
  await expect(page).toHaveURL(/\/courses\/e2e-programme-course$/);

  // The first course, completed: the second opens, and its lesson can be read and completed.
  await page.goto("/courses/e2e-programme-course/first-steps");
  await page.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
  await expect(page).toHaveURL(/\/courses\/e2e-programme-course$/);
  await page.goto("/courses/e2e-fallback-course");
  await expect(page.getByText("Khóa học chưa mở")).toHaveCount(0);
  await page.getByRole("link", { name: /Bắt đầu học/ }).first().click();
  await expect(page).toHaveURL(/\/courses\/e2e-fallback-course\/vietnamese-only$/);
  await page.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
  await expect(page).toHaveURL(/\/courses\/e2e-fallback-course$/);
  await page.goto("/learning/programmes/e2e-two-step-path");
  await expect(page.getByText("Bạn đã hoàn thành chương trình này.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test.describe("without JavaScript, at 390 px, in English", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: "en-GB" });
  test("a learner starts a programme with a plain form and sees its path", async ({ page }) => {
    test.setTimeout(180_000);
    const { link } = await newLearner(page);
    await setPassword(page, link);
    // She switches the app to English with the header's language form (inside the phone menu).
    await page.getByText("Trình đơn").click();
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/learning/programmes");
    await page.getByRole("link", { name: "Data and AI in library services" }).first().click();
    await expect(page).toHaveURL(/\/learning\/programmes\/data-and-ai-services$/);
    await page.getByRole("button", { name: "Follow this programme" }).click();
    await expect(page.getByText("You are following this programme.")).toBeVisible();
    // (axe runs scripts in the page, so it is run in the JavaScript test above, not here.)
    // AI waits for both data courses now that she follows the programme.
    await page.goto("/courses/ai-in-library-services");
    await expect(page.getByText("This course is locked")).toBeVisible();
    const hasScroll = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(hasScroll).toBe(false);
  });
});
