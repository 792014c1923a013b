// With JavaScript on, a client-side navigation can change the page's language: the account's stored preference wins
// over the browser's, so signing in, setting a password (which signs in) and signing out switch it. The new page must
// come in the new language, in place (no reload), and never as "Application Error: … messages are not loaded".
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";

/** Stores the learner's language preference (over HTTP, like the language switch), then forgets that session. */
async function setLearnerPreference(request: APIRequestContext, locale: "vi" | "en") {
  const login = await request.post("/login", {
    form: { email: DEMO.learner.email, password: DEMO_PASSWORD, redirectTo: "/learning" },
    maxRedirects: 0,
  });
  expect(login.status(), "sign-in as learner").toBe(302);
  const saved = await request.post("/locale", { form: { locale, redirectTo: "/" }, maxRedirects: 0 });
  expect(saved.status(), `preference ${locale}`).toBe(302);
  await request.post("/logout", { maxRedirects: 0 });
}

/** The page is in `lang` (html lang, main heading, title) and shows no error page. */
async function expectPageIn(page: Page, lang: "vi" | "en", heading: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expect(page).toHaveTitle(`${heading} · Skillshelf`);
  await expect(page.getByText(/Application Error|not loaded/)).toHaveCount(0);
}

/** Marks the document, so a test can tell a client-side navigation (marker kept) from a page load (marker gone). */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}
async function expectSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
}

test.describe("in an English browser", () => {
  test.use({ locale: "en-GB" });

  test("a Vietnamese reader signs in and sees Vietnamese; signed out, the page is in English again", async ({ page }) => {
    await page.goto("/login");
    await expectPageIn(page, "en", "Sign in");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    await markDocument(page);
    await page.getByLabel("Email").fill(DEMO.learner.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/learning$/);
    await expectPageIn(page, "vi", "Việc học của tôi");
    await expectSameDocument(page);

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    await expectPageIn(page, "en", "Sign in");
    await expect(page.getByRole("status")).toHaveText("You have signed out.");
    await expectSameDocument(page);
  });

  test("a Vietnamese reader who sets a password from a reset link is signed in in Vietnamese", async ({ page, browser }) => {
    const reset = await page.request.post("/password/forgot", { form: { email: DEMO.learner.email }, maxRedirects: 0 });
    expect(reset.status()).toBeLessThan(400);
    // The link is in the outbox, where an admin can read it.
    const admin = await browser.newContext({ locale: "vi-VN" });
    const adminPage = await admin.newPage();
    const login = await adminPage.request.post("/login", {
      form: { email: DEMO.admin.email, password: DEMO_PASSWORD, redirectTo: "/learning" },
      maxRedirects: 0,
    });
    expect(login.status()).toBe(302);
    await adminPage.goto("/admin/outbox");
    const row = adminPage.getByRole("row").filter({ hasText: DEMO.learner.email });
    await row.getByRole("link", { name: "Đặt lại mật khẩu Skillshelf" }).first().click();
    const link = await adminPage.getByRole("link", { name: /\/password\/set\// }).getAttribute("href");
    await admin.close();
    expect(link).toBeTruthy();

    await page.goto(new URL(link!, "http://localhost").pathname);
    await expectPageIn(page, "en", "Choose a password");
    await expect(page.getByRole("button", { name: "Save the password" })).toBeEnabled();
    await markDocument(page);
    // The demo password again, so the other tests still sign in with it.
    await page.getByLabel("New password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel("Repeat the new password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Save the password" }).click();
    await expect(page).toHaveURL(/\/learning$/);
    await expectPageIn(page, "vi", "Việc học của tôi");
    await expectSameDocument(page);
  });
});

test.describe("in a Vietnamese browser", () => {
  test.use({ locale: "vi-VN" });

  test.beforeEach(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    await setLearnerPreference(request, "en");
    await request.dispose();
  });
  // The preference is stored on the account: put it back for the other tests.
  test.afterEach(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    await setLearnerPreference(request, "vi");
    await request.dispose();
  });

  test("an English reader signs in and sees English; signed out, the page is in Vietnamese again", async ({ page }) => {
    await page.goto("/login");
    await expectPageIn(page, "vi", "Đăng nhập");
    await expect(page.getByRole("button", { name: "Đăng nhập" })).toBeEnabled();
    await markDocument(page);
    await page.getByLabel("Email").fill(DEMO.learner.email);
    await page.getByLabel("Mật khẩu").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/learning$/);
    await expectPageIn(page, "en", "My learning");
    await expectSameDocument(page);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    await expectPageIn(page, "vi", "Đăng nhập");
    await expect(page.getByRole("status")).toHaveText("Bạn đã đăng xuất.");
    await expectSameDocument(page);
  });
});

// Without JavaScript the account page's Language section is a plain form posted to /locale: the next page comes in the
// chosen language, and the choice is the account's, so a fresh browser (no cookie) signing in gets it again. The
// browser's own language is the other one each time, so only the stored preference can explain what is shown.
const ACCOUNT = {
  vi: { h1: "Tài khoản của tôi", section: "Ngôn ngữ", save: "Lưu ngôn ngữ", intro: "Ngôn ngữ của các trang và của email Skillshelf gửi cho bạn.", login: "Đăng nhập", email: "Email", password: "Mật khẩu", learning: "Việc học của tôi", browser: "vi-VN" },
  en: { h1: "My account", section: "Language", save: "Save the language", intro: "The language of these pages and of the emails Skillshelf sends you.", login: "Sign in", email: "Email", password: "Password", learning: "My learning", browser: "en-GB" },
} as const;
const OPTION = { vi: "Tiếng Việt", en: "English" } as const;

for (const [from, to] of [["vi", "en"], ["en", "vi"]] as const) {
  test.describe(`without JavaScript, at 390 px, from ${from} to ${to}`, () => {
    test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: ACCOUNT[from].browser });

    test.beforeEach(async ({ playwright, baseURL }) => {
      const request = await playwright.request.newContext({ baseURL });
      await setLearnerPreference(request, from);
      await request.dispose();
    });
    // The demo accounts are seeded in Vietnamese; other journeys expect that.
    test.afterEach(async ({ playwright, baseURL }) => {
      const request = await playwright.request.newContext({ baseURL });
      await setLearnerPreference(request, "vi");
      await request.dispose();
    });

    test(`the learner switches the language on the account page (${from} → ${to}) and keeps it at the next sign-in`, async ({ page, browser }) => {
      const a = ACCOUNT[from];
      const b = ACCOUNT[to];
      await page.goto("/login");
      await page.getByLabel(a.email).fill(DEMO.learner.email);
      await page.getByLabel(a.password, { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: a.login }).click();
      await expectPageIn(page, from, a.learning);

      await page.goto("/account");
      await expectPageIn(page, from, a.h1);
      const section = page.getByRole("region", { name: a.section, exact: true });
      await expect(section.getByText(a.intro)).toBeVisible();
      await section.getByLabel(a.section).selectOption({ label: OPTION[to] });
      await section.getByRole("button", { name: a.save }).click();
      await expect(page).toHaveURL(/\/account$/);
      await expectPageIn(page, to, b.h1);
      const switched = page.getByRole("region", { name: b.section, exact: true });
      await expect(switched.getByText(b.intro)).toBeVisible();
      await expect(switched.getByLabel(b.section)).toHaveValue(to);
      await expect(switched.getByRole("button", { name: b.save })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);

      // Another browser in the old language, with no cookie of this one: signed out it shows the old language,
      // signed in the new one.
      const fresh = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: a.browser });
      try {
        const other = await fresh.newPage();
        await other.goto("/login");
        await expectPageIn(other, from, a.login);
        await other.getByLabel(a.email).fill(DEMO.learner.email);
        await other.getByLabel(a.password, { exact: true }).fill(DEMO_PASSWORD);
        await other.getByRole("button", { name: a.login }).click();
        await expect(other).toHaveURL(/\/learning$/);
        await expectPageIn(other, to, b.learning);
        await other.goto("/account");
        await expect(other.getByRole("region", { name: b.section, exact: true }).getByLabel(b.section)).toHaveValue(to);
      } finally {
        await fresh.close();
      }
    });
  });
}
