import { expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const COURSE = "Khóa kiểm thử bản dịch";

/** A calendar day `days` from today in Vietnam, and how the pages write it in Vietnamese. */
function dayFromToday(days: number) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  const iso = date.toISOString().slice(0, 10);
  const shown = new Date(`${iso}T12:00:00+07:00`).toLocaleDateString("vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  const [y, m, d] = iso.split("-");
  return { iso, shown, typed: `${d}/${m}/${y}` };
}

test("HR assigns a course to the learner's library; the learner sees it first with its due date, completes it, and it shows as done", async ({ page }) => {
  const due = dayFromToday(5);
  await loginAs(page, "hr");
  await page.goto("/reports");
  await page.getByRole("link", { name: "Đào tạo bắt buộc" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đào tạo bắt buộc");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Giao khóa học" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Giao khóa học");
  await expectNoSeriousA11yViolations(page);

  // Saving without a target is answered with a field error.
  await page.getByLabel("Khóa học").selectOption({ label: COURSE });
  // A text field in the app's format (day/month/year), not a date picker in the browser's; it starts filled that way.
  await expect(page.getByLabel("Hạn hoàn thành")).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  await page.getByLabel("Hạn hoàn thành").fill("31/02/2027");
  await page.getByRole("button", { name: "Giao khóa học" }).click();
  await expect(page.getByText("Hãy nhập một ngày hợp lệ.")).toBeVisible();
  await page.getByLabel("Hạn hoàn thành").fill(due.typed);
  await page.getByRole("button", { name: "Giao khóa học" }).click();
  await expect(page.getByText("Hãy chọn đơn vị, chức danh hoặc ít nhất một người.")).toBeVisible();

  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Thư viện tỉnh Lạng Sơn" });
  await page.getByRole("button", { name: "Xem số người được giao" }).click();
  await expect(page.getByText(/Số người sẽ được giao: [1-9]\d*/)).toBeVisible();
  await page.getByRole("button", { name: "Giao khóa học" }).click();
  await expect(page.getByText("Đã giao khóa học.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE);
  const assignmentUrl = page.url().replace(/\?.*$/, "");
  await expect(page.getByRole("row").filter({ hasText: "Nguyễn Thị Hồng Vân" })).toContainText("Chưa hoàn thành");
  await expectNoSeriousA11yViolations(page);

  await loginAs(page, "learner");
  await page.goto("/learning");
  const assigned = page.getByRole("region", { name: "Khóa học bắt buộc" });
  const card = assigned.getByRole("listitem").first();
  await expect(card.getByRole("heading")).toHaveText(COURSE);
  await expect(card).toContainText(`Hạn hoàn thành: ${due.shown}`);
  await expect(card).not.toContainText("Quá hạn");
  await expectNoSeriousA11yViolations(page);
  await card.getByRole("link", { name: /Bắt đầu học/ }).click();
  await page.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
  await expect(page.getByText(/Bạn đã hoàn thành khóa học ngày/)).toBeVisible();
  await page.goto("/learning");
  // Done, it leaves "Required" for "Completed", with its certificate; the other groups do not claim nothing happened.
  await expect(assigned.getByRole("heading", { name: COURSE })).toHaveCount(0);
  const done = page.getByRole("region", { name: "Đã hoàn thành" }).getByRole("listitem").filter({ has: page.getByRole("heading", { name: COURSE }) });
  await expect(done).toContainText("✓ Hoàn thành ngày");
  await expect(done).toContainText("Khóa học bắt buộc");
  await expect(done.getByRole("link", { name: /Xem chứng chỉ/ })).toBeVisible();
  await expect(page.getByText("Bạn chưa bắt đầu khóa học nào.")).toHaveCount(0);
  await expect(page.getByText("Bạn chưa hoàn thành khóa học nào.")).toHaveCount(0);

  // HR sees the completion, then withdraws the assignment (after confirming) so other tests see the demo as it was.
  await loginAs(page, "hr");
  await page.goto(assignmentUrl);
  await expect(page.getByRole("row").filter({ hasText: "Nguyễn Thị Hồng Vân" })).toContainText("Đã hoàn thành");
  await page.getByRole("link", { name: "Thu hồi việc giao khóa học" }).click();
  await expect(page.getByRole("heading", { name: "Thu hồi việc giao khóa học này?" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Có, thu hồi" }).click();
  await expect(page.getByText(/Đã thu hồi ngày/)).toBeVisible();
  await page.goto("/reports/assignments?status=withdrawn");
  await expect(page.getByRole("row").filter({ hasText: COURSE })).toContainText("Đã thu hồi");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("HR finds people without diacritics and previews the coverage with plain forms; nothing is saved", async ({ page }) => {
    await loginAs(page, "hr");
    await page.goto("/reports/assignments/new");
    await page.getByLabel("Khóa học").selectOption({ label: COURSE });
    await page.getByLabel("Tìm người theo tên hoặc email").fill("hong van");
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    await page.getByLabel(/Nguyễn Thị Hồng Vân/).check();
    await page.getByRole("button", { name: "Xem số người được giao" }).click();
    await expect(page.getByText("Số người sẽ được giao: 1")).toBeVisible();
    // What was typed and picked survives the round trips.
    await expect(page.getByLabel("Khóa học")).toHaveValue(/.+/);
    await expect(page.getByLabel(/Nguyễn Thị Hồng Vân/)).toBeChecked();
    await page.goto("/reports/assignments");
    await expect(page.getByRole("row").filter({ hasText: COURSE })).toHaveCount(0);
  });

  test("learners are refused the assignment pages", async ({ page }) => {
    await loginAs(page, "learner");
    expect((await page.goto("/reports/assignments"))?.status()).toBe(403);
    expect((await page.goto("/reports/assignments/new"))?.status()).toBe(403);
  });
});
