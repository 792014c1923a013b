// axe on every main page, in both languages, at desktop and phone sizes, with the WCAG 2.x A/AA and 2.2 AA rules
// (2.2 brings target size, 2.5.8). Every violation fails, whatever its impact. On the same pages: the headings are in
// order (one h1 first, no level skipped), the page never scrolls sideways, and the header stays one short row.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, loginAs, test, useLanguage, type DemoRole } from "./fixtures";
import { PAGES, SIZES } from "./pages";

// Only the violations' nodes are collected: axe then skips gathering every node that passed (results we never read).
async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .options({ resultTypes: ["violations"] })
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * The page as the reader sees it: hydrated (React Router's data router exists: under the Preact build, hydration
 * then finishes in the same task) unless the page has no script at all, its fonts loaded, and one frame laid out.
 */
async function settled(page: Page) {
  await page.waitForFunction(() => !document.querySelector('script[type="module"]') || "__reactRouterDataRouter" in window);
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

/** The header's height limit in CSS pixels: one row of 44 px targets with its padding, at either size. */
const HEADER_LIMIT = { desktop: 90, phone: 80 } as const;

/** What is wrong with the page's layout and outline, in words (empty when nothing is). */
async function layoutProblems(page: Page, size: keyof typeof SIZES) {
  const { levels, overflow, header } = await page.evaluate(() => ({
    levels: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1])),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    header: document.querySelector("body header")?.getBoundingClientRect().height ?? 0,
  }));
  const problems: string[] = [];
  if (levels[0] !== 1) problems.push(`the first heading is h${levels[0] ?? "-"}, not h1`);
  if (levels.filter((l) => l === 1).length > 1) problems.push("more than one h1");
  levels.forEach((level, i) => {
    const before = levels[i - 1];
    if (before !== undefined && level > before + 1) problems.push(`h${level} follows h${before}`);
  });
  if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow}px`);
  if (header > HEADER_LIMIT[size]) problems.push(`the header is ${Math.round(header)}px tall (limit ${HEADER_LIMIT[size]})`);
  return problems;
}

type Size = keyof typeof SIZES;
const sizes = Object.entries(SIZES) as [Size, (typeof SIZES)[Size]][];

// One test per role and language. Each page is loaded once, at desktop size, then checked again at phone size on the
// same document: the server's HTML does not depend on the viewport and no script reads it, so a resized document is
// what a phone gets; the CSS and the layout follow the new width (the frame waited for in settled()).
for (const [who, paths] of Object.entries(PAGES) as [DemoRole | "signedOut", string[]][]) {
  for (const locale of ["vi", "en"] as const) {
    test(`axe finds nothing on the ${who} pages in ${locale} at desktop and phone sizes; headings in order, no sideways scroll`, async ({ page }) => {
      test.setTimeout(Math.max(120_000, paths.length * 30_000));
      if (who !== "signedOut") await loginAs(page, who);
      await useLanguage(page, locale);
      try {
        const found: string[] = [];
        for (const path of paths) {
          for (const [i, [size, viewport]] of sizes.entries()) {
            await page.setViewportSize(viewport);
            if (i === 0) {
              await page.goto(path);
              await expect(page.locator("html")).toHaveAttribute("lang", locale);
              await expect(page).toHaveTitle(/\S/);
            }
            await settled(page);
            found.push(...(await violations(page)).map((v) => `${path} (${size}): ${v}`));
            found.push(...(await layoutProblems(page, size)).map((p) => `${path} (${size}): ${p}`));
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
