// axe on every main page, in both languages, at desktop and phone sizes, with the WCAG 2.x A/AA and 2.2 AA rules
// (2.2 brings target size, 2.5.8). Every violation fails, whatever its impact.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, loginAs, test, type DemoRole } from "./fixtures";
import { PAGES, SIZES } from "./pages";

/** The interface language: the signed-in person's stored preference (set like the switch does), else the cookie. */
async function useLanguage(page: Page, locale: "vi" | "en") {
  const saved = await page.request.post("/locale", { form: { locale, redirectTo: "/" }, maxRedirects: 0 });
  expect(saved.status()).toBe(302);
}

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const [who, paths] of Object.entries(PAGES) as [DemoRole | "signedOut", string[]][]) {
  for (const locale of ["vi", "en"] as const) {
    test(`axe finds nothing on the ${who} pages in ${locale}, at desktop and phone sizes`, async ({ page }) => {
      test.setTimeout(180_000);
      if (who !== "signedOut") await loginAs(page, who);
      await useLanguage(page, locale);
      try {
        const found: string[] = [];
        for (const [size, viewport] of Object.entries(SIZES)) {
          await page.setViewportSize(viewport);
          for (const path of paths) {
            await page.goto(path);
            await expect(page.locator("html")).toHaveAttribute("lang", locale);
            await expect(page).toHaveTitle(/\S/);
            found.push(...(await violations(page)).map((v) => `${path} (${size}): ${v}`));
          }
        }
        expect(found).toEqual([]);
      } finally {
        // The demo accounts are seeded in Vietnamese; other journeys expect that.
        await useLanguage(page, "vi");
      }
    });
  }
}
