import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

// People imported here go to a unit of their own, so that other spec files' counts per unit stay as seeded.
const UNIT = "E2E-NHAP";

async function ensureUnit(page: Page) {
  const response = await page.request.post("/admin/units", {
    form: { intent: "create", code: UNIT, name: "Phòng thử nghiệm nhập", nameEn: "Import test room" },
    maxRedirects: 0,
  });
  expect([302, 400]).toContain(response.status());
}

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function staffCsv(email: string, name: string) {
  return Buffer.from(`\uFEFFemail;họ và tên;mã cán bộ;mã đơn vị;chức danh;vai trò\n${email};${name};E2E-${stamp()};${UNIT};Thủ thư;học viên\n`, "utf8");
}

test("an admin imports a new person, invites them, and the person sets a password from the outbox link", async ({ page }) => {
  const email = `e2e.${stamp()}@thuvien.vn`;
  const name = "Đinh Thị Ngọc Ánh";
  await loginAs(page, "admin");
  await ensureUnit(page);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Mục quản trị" }).getByRole("link", { name: "Nhập từ CSV" }).click();
  await expect(page).toHaveURL(/\/admin\/import$/);
  // The template, in the app's language, is a file the import reads as it is (two example people, no errors).
  const templateDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: /Tải tệp mẫu/ }).click();
  const template = await templateDownload;
  expect(template.suggestedFilename()).toBe("mau-nhap-can-bo.csv");
  const templatePath = await template.path();
  expect(readFileSync(templatePath!, "utf8")).toMatch(/^\uFEFFemail,họ và tên,mã cán bộ,mã đơn vị,chức danh,vai trò/);
  // The file button speaks the app's language (not the browser's "Choose file").
  await expect(page.getByText("Chọn tệp…")).toBeVisible();
  await page.getByLabel("Tệp CSV", { exact: true }).setInputFiles(templatePath!);
  await expect(page.getByText("Đã chọn:")).toBeVisible();
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByText("Người mới: 2")).toBeVisible();
  await page.getByRole("link", { name: "Hủy" }).click();

  await page.getByLabel("Tệp CSV", { exact: true }).setInputFiles({ name: "nhan-su.csv", mimeType: "text/csv", buffer: staffCsv(email, name) });
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByRole("heading", { name: "Xem trước: nhan-su.csv" })).toBeVisible();
  await expect(page.getByText("Người mới: 1")).toBeVisible();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expect(page.getByLabel("Gửi lời mời đặt mật khẩu cho những người mới")).toBeChecked();
  await page.getByRole("button", { name: "Xác nhận nhập" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập: 1 người mới" })).toContainText("Đã gửi 1 lời mời.");

  await page.getByRole("link", { name: "Hộp thư đi" }).click();
  const row = page.getByRole("row").filter({ hasText: email });
  await row.getByRole("link", { name: "Mời bạn tham gia Skillshelf" }).click();
  await expect(page.getByRole("heading", { name: "Mời bạn tham gia Skillshelf" })).toBeVisible();
  const link = await page.getByRole("link", { name: /\/password\/set\// }).getAttribute("href");
  expect(link).toBeTruthy();

  // Signed out, the person follows the link.
  await page.context().clearCookies();
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đặt mật khẩu");
  await expect(page.getByText(`Chào ${name}`)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("một mật khẩu dài");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("một mật khẩu dài");
  await page.getByRole("button", { name: "Lưu mật khẩu" }).click();
  await expect(page).toHaveURL(/\/learning$/);
  await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();

  // The link is used up; the new password signs them in.
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  const again = await page.goto(link!);
  expect(again?.status()).toBe(410);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill("một mật khẩu dài");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/learning$/);
  await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
});

test("a file with a bad row shows row-level errors and imports nothing", async ({ page }) => {
  await loginAs(page, "admin");
  await page.goto("/admin/import");
  const csv = Buffer.from(`email,full name,org unit code\nok.${stamp()}@thuvien.vn,A,LS-PV\nbad.${stamp()}@thuvien.vn,B,HN-07\n`);
  await page.getByLabel("Tệp CSV", { exact: true }).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: csv });
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByRole("alert")).toContainText('Dòng 3: không có đơn vị mã "HN-07"');
  await expect(page.getByRole("button", { name: "Xác nhận nhập" })).toHaveCount(0);
});

test("the admin pages have no serious accessibility violations", async ({ page }) => {
  await loginAs(page, "admin");
  for (const path of ["/admin", "/admin/units", "/admin/import", "/admin/outbox", "/admin/audit", "/admin/staff/new"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhân sự và tổ chức");
    await expectNoSeriousA11yViolations(page);
  }
  await page.goto("/admin?q=hoang%20viet");
  await expect(page.getByRole("link", { name: `Sửa thông tin ${DEMO.admin.name}` })).toBeVisible();
  await page.getByRole("link", { name: `Sửa thông tin ${DEMO.admin.name}` }).click();
  await expectNoSeriousA11yViolations(page);
  await page.context().clearCookies();
  await page.goto("/password/forgot");
  await expectNoSeriousA11yViolations(page);
});

test("a unit that still has people cannot be deactivated, and the page says why", async ({ page }) => {
  await loginAs(page, "admin");
  await page.goto("/admin/units");
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "LS-PV", exact: true }) });
  await row.getByRole("button", { name: /Ngừng hoạt động/ }).click();
  await expect(page.getByRole("alert")).toContainText(/Đơn vị còn \d+ cán bộ đang làm việc/);
  await expect(row.getByRole("cell", { name: "Hoạt động", exact: true })).toBeVisible();
});

test("forgot password always gives the same answer", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quên mật khẩu");
  await page.getByLabel("Email").fill(`nobody.${stamp()}@thuvien.vn`);
  await page.getByRole("button", { name: "Gửi đường link" }).click();
  await expect(page.getByRole("status")).toContainText("Nếu địa chỉ này có trong hệ thống");
});

test("a learner gets 403 on the admin pages", async ({ page }) => {
  await loginAs(page, "learner");
  for (const path of ["/admin", "/admin/import", "/admin/outbox", "/admin/audit"]) {
    expect((await page.goto(path))?.status(), path).toBe(403);
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("import preview → confirm works with plain forms, and the audit log records it", async ({ page }) => {
    const email = `nojs.${stamp()}@thuvien.vn`;
    await loginAs(page, "admin");
    await ensureUnit(page);
    await page.goto("/admin/import");
    await page.getByLabel("Tệp CSV", { exact: true }).setInputFiles({ name: "nojs.csv", mimeType: "text/csv", buffer: staffCsv(email, "Phan Bội Châu") });
    await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
    await expect(page.getByText("Người mới: 1")).toBeVisible();
    await page.getByLabel("Gửi lời mời đặt mật khẩu cho những người mới").uncheck();
    await page.getByRole("button", { name: "Xác nhận nhập" }).click();
    await expect(page).toHaveURL(/\/admin\/import\?new=1&changed=0&unchanged=0&invited=0$/);
    await page.goto("/admin?q=phan%20boi%20chau");
    await expect(page.getByRole("cell", { name: email })).toBeVisible();
    await page.goto("/admin/audit?action=staff.import");
    await expect(page.getByRole("cell", { name: /Hoàng Việt nhập tệp nojs\.csv: 1 người mới/ })).toBeVisible();
  });

  test("a 50 MB upload is refused with a clear message", async ({ page }, testInfo) => {
    const path = testInfo.outputPath("big.csv");
    writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, 0x41));
    await loginAs(page, "admin");
    await page.goto("/admin/import");
    await page.getByLabel("Tệp CSV", { exact: true }).setInputFiles(path);
    await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
    await expect(page.getByText("Tệp lớn hơn 5 MB. Hãy chia thành nhiều tệp nhỏ hơn.")).toBeVisible({ timeout: 20_000 });
  });
});
