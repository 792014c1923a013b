import { DEMO, DEMO_PASSWORD, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const LESSON = "/courses/ai-in-library-services/what-is-ai";
const LEARNER_PAGES = ["/courses", LESSON, "/learning"];

test("Save-Data: on serves the learner pages without any script, and pages vary on it", async ({ page }) => {
  await loginAs(page, "learner");
  for (const path of LEARNER_PAGES) {
    const normal = await page.request.get(path);
    expect(await normal.text(), path).toContain("<script");
    const lite = await page.request.get(path, { headers: { "save-data": "on" } });
    expect(lite.status(), path).toBe(200);
    const html = await lite.text();
    expect(html, path).not.toContain("<script");
    expect(html, path).not.toContain("modulepreload");
    expect(html, path).toContain('rel="stylesheet"');
    expect(lite.headers()["vary"], path).toMatch(/Save-Data/i);
    expect(lite.headers()["vary"], path).toMatch(/Cookie/i);
    expect(lite.headers()["content-security-policy"], path).toContain("script-src");
  }
});

test.describe("with Save-Data on", () => {
  test.use({ extraHTTPHeaders: { "save-data": "on" } });
  test("a learner signs in, finds a course, reads a lesson and signs out with plain HTML", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("script")).toHaveCount(0);
    await expect(page.getByRole("contentinfo")).toContainText("trình duyệt của bạn đang yêu cầu tiết kiệm dữ liệu");
    await page.getByLabel("Email").fill(DEMO.learner.email);
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/learning$/);
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Danh mục khóa học" }).click();
    await page.getByLabel("Tìm khóa học hoặc bài học").fill("tri tue nhan tao trong dich vu");
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.getByRole("link", { name: /Trí tuệ nhân tạo trong dịch vụ thư viện/ }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Trí tuệ nhân tạo trong dịch vụ thư viện/);
    await page.goto(LESSON);
    await expect(page.locator(".lesson-body h2").first()).toBeVisible();
    await expect(page.locator("script")).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
  });
});

test("signed out, the footer turns lite mode on and off with a cookie", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("script").first()).toBeAttached();
  await page.getByRole("contentinfo").getByRole("button", { name: "Chế độ nhẹ (không JavaScript)" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("script")).toHaveCount(0);
  expect((await page.context().cookies()).find((c) => c.name === "skillshelf_lite")?.value).toBe("1");
  await page.getByRole("contentinfo").getByRole("button", { name: "Tắt chế độ nhẹ" }).click();
  await expect(page.locator("script").first()).toBeAttached();
});

test("a person's lite setting is kept on their account and follows them after signing in again", async ({ page }) => {
  await loginAs(page, "trainer");
  await page.goto("/account");
  await expect(page.getByText("Chế độ nhẹ đang tắt.")).toBeVisible();
  await page.getByRole("main").getByRole("button", { name: "Bật chế độ nhẹ" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("Chế độ nhẹ đang bật.")).toBeVisible();
  await expect(page.locator("script")).toHaveCount(0);
  // The browser gets the cookie too, so server.js compresses this person's pages harder (it reads no session).
  const liteCookie = async () => (await page.context().cookies()).find((c) => c.name === "skillshelf_lite")?.value;
  expect(await liteCookie()).toBe("1");
  await page.context().clearCookies();
  await loginAs(page, "trainer");
  expect(await liteCookie()).toBe("1");
  await page.goto("/courses");
  await expect(page.locator("script")).toHaveCount(0);
  // Back to what the other specs expect.
  await page.goto("/account");
  await page.getByRole("main").getByRole("button", { name: "Tắt chế độ nhẹ" }).click();
  await expect(page.getByText("Chế độ nhẹ đang tắt.")).toBeVisible();
  await expect(page.locator("script").first()).toBeAttached();
  expect(await liteCookie()).toBe("0");
});

test("a lite toggle that is not on or off is a 400 and changes nothing", async ({ request }) => {
  const res = await request.post("/lite", { form: { lite: "maybe", redirectTo: "/" }, maxRedirects: 0 });
  expect(res.status()).toBe(400);
  expect(res.headers()["set-cookie"] ?? "").not.toContain("skillshelf_lite");
});

test("the lite lesson page is within 15 KB as sent, gzip and Brotli, in both languages", async ({ page, baseURL }) => {
  const { liteWeight } = await import("../../scripts/bench/lite-weight");
  await loginAs(page, "learner");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const setLocale = async (locale: string) =>
    expect((await page.request.post("/locale", { form: { locale, redirectTo: "/" }, maxRedirects: 0 })).status()).toBe(302);
  try {
    for (const locale of ["vi", "en"]) {
      await setLocale(locale);
      // Measured as `npm run bench` measures it (scripts/bench/lite-weight.ts): the HTML as the server compresses it
      // and the stylesheets it links. 7 December 2026: 15.7 KB gzip / 15.1 KB br before the staff pages' utilities
      // moved to their own sheet; issue #12 asks ≤ 15 KB.
      for (const encodings of ["gzip", "br, gzip"]) {
        const weight = await liteWeight(baseURL!, LESSON, { cookie }, encodings);
        const where = `${locale}, ${encodings}: HTML ${weight.htmlKB.toFixed(2)} KB + CSS ${weight.cssKB.toFixed(2)} KB`;
        expect(weight.scripts, where).toBe(0);
        expect(weight.htmlKB, where).toBeGreaterThan(2); // the lesson itself, not a redirect to sign-in
        expect(weight.stylesheets, where).toHaveLength(1);
        expect(weight.totalKB, where).toBeLessThanOrEqual(15);
      }
    }
  } finally {
    await setLocale("vi");
  }
});

test("staff pages link the staff sheet after the one every page carries; learner pages do not", async ({ page }) => {
  await loginAs(page, "hr");
  const sheets = async (path: string) => [...(await (await page.request.get(path)).text()).matchAll(/rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
  expect(await sheets("/reports")).toEqual([expect.stringMatching(/\/root-[\w-]+\.css$/), expect.stringMatching(/\/staff-[\w-]+\.css$/)]);
  expect(await sheets("/courses")).toEqual([expect.stringMatching(/\/root-[\w-]+\.css$/)]);
});

// Pages whose browser bundle still validates with zod (their forms' onValidate, or constants kept in a schemas
// module): the list must shrink, never grow. Sign-in, password and account pages validate on the server only.
const STILL_WITH_ZOD = [
  "authoring/routes/course",
  "competences/routes/heatmap",
  "live/routes/trainer-list",
  "live/routes/trainer-session",
  "reports/routes/person",
  "reports/routes/programme",
  "reports/routes/reports",
  "reports/routes/unit",
  "training/routes/assignment",
  "training/routes/assignment-new",
];

test("learner pages stay within their JavaScript budget, and no page but the listed ones loads zod (build output)", async () => {
  const { LEARNER_ROUTES, readManifest, routeBundle } = await import("../../scripts/bench/bundles");
  for (const id of LEARNER_ROUTES) {
    const bundle = routeBundle(id);
    // 6 December 2026: 137–140 KB (react-dom + React Router alone are 103 KB); 7 December 145–148 KB. Then the
    // browser build moved to Preact and a tiny translator instead of i18next (vite.config.ts, app/i18n/translate.ts):
    // 73–79 KB. Issue #12 asks ≤ 100 KB.
    expect(bundle.gzipBytes / 1024, id).toBeLessThanOrEqual(100);
  }
  const withZod = Object.keys(readManifest().routes).filter((id) => routeBundle(id).zod);
  expect(withZod.sort()).toEqual(STILL_WITH_ZOD);
});
