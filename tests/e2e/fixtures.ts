import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test as base } from "@playwright/test";

export const DEMO = {
  learner: { email: "learner@skillshelf.local", name: "Nguyễn Thị Hồng Vân" },
  trainer: { email: "trainer@skillshelf.local", name: "Trần Đức Thắng" },
  hr: { email: "hr@skillshelf.local", name: "Lê Hải Yến" },
  admin: { email: "admin@skillshelf.local", name: "Hoàng Việt" },
  manager: { email: "manager@skillshelf.local", name: "Phạm Minh Tuấn" },
} as const;
export const DEMO_PASSWORD = "skillshelf-demo";

export type DemoRole = keyof typeof DEMO;

/** Signs in over HTTP (the same form the page posts), leaving the session cookie in the browser context. */
export async function loginAs(page: Page, role: DemoRole) {
  const response = await page.request.post("/login", {
    form: { email: DEMO[role].email, password: DEMO_PASSWORD, redirectTo: "/learning" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in as ${role}`).toBe(302);
}

/** The interface language: the signed-in person's stored preference (set like the language switch does), else the cookie. */
export async function useLanguage(page: Page, locale: "vi" | "en") {
  const saved = await page.request.post("/locale", { form: { locale, redirectTo: "/" }, maxRedirects: 0 });
  expect(saved.status(), `language ${locale}`).toBe(302);
}

/** As an admin (already signed in): the invitation link the outbox holds for `email`, read off its message page. */
export async function invitationLink(page: Page, email: string) {
  await page.goto("/admin/outbox");
  await page.getByRole("row").filter({ hasText: email }).getByRole("link", { name: "Mời bạn tham gia Skillshelf" }).click();
  const link = await page.getByRole("link", { name: /\/password\/set\// }).getAttribute("href");
  expect(link, `invitation for ${email}`).toBeTruthy();
  return link!;
}

// resultTypes: only the violations' nodes are gathered (axe skips listing every node that passed, which is never read).
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export const test = base;
export { expect };

/** axe with the WCAG 2.x A/AA and 2.2 AA rules, as tests/e2e/axe.spec.ts runs it: every violation fails, whatever its impact. */
export async function expectAxeClean(page: Page, where = page.url()) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .options({ resultTypes: ["violations"] })
    .analyze();
  expect(results.violations.map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
