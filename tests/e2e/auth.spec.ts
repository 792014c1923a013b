import { DEMO, DEMO_PASSWORD, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const NAV = {
  learner: ["Việc học của tôi", "Danh mục khóa học"],
  trainer: ["Việc học của tôi", "Danh mục khóa học", "Giảng viên"],
  hr: ["Việc học của tôi", "Danh mục khóa học", "Báo cáo"],
  admin: ["Việc học của tôi", "Danh mục khóa học", "Giảng viên", "Báo cáo", "Quản trị"],
} as const;

for (const role of Object.keys(NAV) as (keyof typeof NAV)[]) {
  test(`${role} signs in through the form and sees their navigation`, async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel("Email").fill(DEMO[role].email);
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/learning$/);
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await expect(nav.getByRole("link")).toHaveText([...NAV[role]]);
    await expect(page.getByRole("link", { name: new RegExp(DEMO[role].name) })).toBeVisible();
  });
}

test("a wrong password shows a message and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO.learner.email);
  await page.getByLabel("Mật khẩu").fill("wrong password");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("alert")).toContainText("Email hoặc mật khẩu không đúng.");
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.learner.email);
});

test("a learner who opens an HR page gets 403", async ({ page }) => {
  await loginAs(page, "learner");
  const response = await page.goto("/reports");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bạn không có quyền truy cập");
  await expect(page.getByText("Nhân sự")).toBeVisible();
});

test("a visitor is sent to sign-in and comes back to the page they wanted", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await page.getByLabel("Email").fill(DEMO.hr.email);
  await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tài khoản của tôi");
});

test("switching language keeps the page and shows it in English, then Vietnamese", async ({ page }) => {
  // Each page downloads only its own language's messages.
  const messageChunks: string[] = [];
  page.on("request", (r) => {
    const name = new URL(r.url()).pathname.match(/^\/assets\/bundle\.(vi|en)-[\w-]+\.js$/)?.[1];
    if (name) messageChunks.push(name);
  });
  await loginAs(page, "trainer");
  await page.goto("/account");
  await expect(page.getByRole("button", { name: "English" })).toBeEnabled();
  await page.waitForLoadState("networkidle");
  expect(messageChunks).toContain("vi");
  expect(messageChunks).not.toContain("en");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My account");
  await page.waitForLoadState("networkidle");
  expect(messageChunks).toContain("en");
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tài khoản của tôi");
});

test("signing out ends the session", async ({ page }) => {
  await loginAs(page, "learner");
  await page.goto("/learning");
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  await expect(page.getByRole("status")).toHaveText("Bạn đã đăng xuất.");
  await page.goto("/learning");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Flearning$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("signing in, switching language and signing out work with plain forms", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO.admin.email);
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/learning$/);
    await expect(page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Quản trị" })).toBeVisible();
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My learning");
    // The preference is saved on the account: switch back so later tests find it in Vietnamese.
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Việc học của tôi");
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  });

  test("a bad email is answered with a field error", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Mật khẩu").fill("x");
    // Without JS the browser's own constraint check would stop a type=email field; bypass it to reach the server.
    await page.locator("main form").evaluate((form: HTMLFormElement) => form.setAttribute("novalidate", ""));
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByText("Email không hợp lệ.")).toBeVisible();
  });
});

test("the sign-in page and the home page have no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await expectNoSeriousA11yViolations(page);
  await loginAs(page, "admin");
  await page.goto("/learning");
  await expectNoSeriousA11yViolations(page);
});

test("unknown pages answer 404 in the page's language", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
  // Exactly one <title>, the error's, also for a known route that answers 404.
  await expect(page).toHaveTitle("Không tìm thấy trang · Skillshelf");
  await loginAs(page, "learner");
  await page.goto("/courses/no-such-course");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
  await expect(page).toHaveTitle("Không tìm thấy trang · Skillshelf");
  await expect(page.locator("title")).toHaveCount(1);
});

test("pages carry a nonce-based Content-Security-Policy and security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  const html = await response!.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  await expect(page.getByRole("button", { name: "Đăng nhập" })).toBeEnabled();
});
