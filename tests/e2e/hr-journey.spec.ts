// Issue #6's whole story in one journey: an admin brings a new librarian in by CSV and invites her; she sets a
// password from the outbox link; HR assigns a course to her unit; she sees it as assigned and completes it;
// the completion report and its export show it. Everything happens in a unit of its own, so the demo data other
// spec files count on stays as it was.
import { readFile } from "node:fs/promises";
import { expect, expectNoSeriousA11yViolations, invitationLink, loginAs, test } from "./fixtures";

const UNIT_CODE = "E2E-HANHTRINH";
const UNIT_NAME = "Phòng thử nghiệm hành trình";
const COURSE = "Khóa kiểm thử bản dịch";
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("import → invite → set password → assigned → completed → in the report and its export", async ({ page }) => {
  const email = `hanh.trinh.${stamp()}@thuvien.vn`;
  const name = "Phạm Thị Ngọc Diệp";
  const password = "mật khẩu hành trình dài";

  // The admin creates the unit and imports the person with an invitation.
  await loginAs(page, "admin");
  const created = await page.request.post("/admin/units", {
    form: { intent: "create", code: UNIT_CODE, name: UNIT_NAME, nameEn: "Journey test room" },
    maxRedirects: 0,
  });
  expect([302, 400]).toContain(created.status());
  await page.goto("/admin/import");
  const csv = `\uFEFFemail,full name,staff number,org unit code,job title,roles\n${email},${name},HT-${stamp()},${UNIT_CODE},Thủ thư,learner\n`;
  await page.getByLabel("Tệp CSV", { exact: true }).setInputFiles({ name: "nhan-su-moi.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByText("Người mới: 1")).toBeVisible();
  await page.getByRole("button", { name: "Xác nhận nhập" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập: 1 người mới" })).toContainText("Đã gửi 1 lời mời.");
  const link = await invitationLink(page, email);

  // HR assigns a course to the new unit.
  await loginAs(page, "hr");
  await page.goto("/reports/assignments/new");
  await page.getByLabel("Khóa học").selectOption({ label: COURSE });
  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: UNIT_NAME });
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Hạn hoàn thành").fill(due);
  await page.getByRole("button", { name: "Giao khóa học" }).click();
  await expect(page.getByText("Đã giao khóa học.")).toBeVisible();
  const assignmentUrl = page.url().replace(/\?.*$/, "");
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Chưa hoàn thành");

  // Signed out, she sets her password from the invitation and lands in My learning with the assigned course.
  await page.context().clearCookies();
  await page.goto(link!);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(password);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(password);
  await page.getByRole("button", { name: "Lưu mật khẩu" }).click();
  await expect(page).toHaveURL(/\/learning$/);
  const assigned = page.getByRole("region", { name: "Khóa học bắt buộc" });
  const card = assigned.getByRole("listitem").filter({ has: page.getByRole("heading", { name: COURSE }) });
  await expect(card).toContainText("Hạn hoàn thành");
  await card.getByRole("link", { name: /Bắt đầu học/ }).click();
  await page.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
  await expect(page.getByText(/Bạn đã hoàn thành khóa học ngày/)).toBeVisible();
  await page.goto("/learning");
  // Done, it moves from "Required" to "Completed", marked as required training.
  await expect(card).toHaveCount(0);
  const done = page.getByRole("region", { name: "Đã hoàn thành" }).getByRole("listitem").filter({ has: page.getByRole("heading", { name: COURSE }) });
  await expect(done).toContainText("✓ Hoàn thành ngày");
  await expect(done).toContainText("Khóa học bắt buộc");

  // HR sees it in the report: the unit's row, its drill-down, and the drill-down's CSV export.
  await loginAs(page, "hr");
  await page.goto("/reports");
  const matrix = page.getByRole("table", { name: /Hoàn thành theo đơn vị và khóa học/ });
  await matrix.getByRole("link", { name: UNIT_NAME }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Báo cáo đơn vị: ${UNIT_NAME}`);
  const people = page.getByRole("table", { name: "Cán bộ và tình trạng từng khóa học" });
  await expect(people.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) })).toContainText("Hoàn thành");
  await expectNoSeriousA11yViolations(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải CSV" }).click();
  const text = (await readFile((await (await download).path())!)).toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const line = text.split(/\r?\n/).find((l) => l.includes(name));
  expect(line).toBeTruthy();
  expect(line).toContain("Đã hoàn thành");

  // Clean up: the assignment is withdrawn, the history stays.
  await page.goto(assignmentUrl);
  await page.getByRole("link", { name: "Thu hồi việc giao khóa học" }).click();
  await page.getByRole("button", { name: "Có, thu hồi" }).click();
  await expect(page.getByText(/Đã thu hồi ngày/)).toBeVisible();
});
