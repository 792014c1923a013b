// Hydration keeps the page as the server sent it: under the browser build's Preact, a mismatch in <head> once took the
// style sheet out and put it back, and a frame painted with no style at all (a flash of an unstyled page on every load
// with JavaScript, and buttons caught mid-transition by axe).
import type { Page } from "@playwright/test";
import { expect, loginAs, test } from "./fixtures";

/** Records, from the first byte, every style sheet <link> taken out of the document and every frame with no style sheet. */
async function watchStyles(page: Page) {
  await page.addInitScript(() => {
    const seen = { removed: [] as string[], unstyledFrames: 0 };
    (window as unknown as { __styles: typeof seen }).__styles = seen;
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.removedNodes)
          if (node instanceof HTMLLinkElement && node.rel === "stylesheet") seen.removed.push(node.getAttribute("href") ?? "");
    }).observe(document, { childList: true, subtree: true });
    const frame = () => {
      if (document.body && document.styleSheets.length === 0) seen.unstyledFrames++;
      if (performance.now() < 10_000) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

async function styles(page: Page) {
  // Hydrated (the router exists), then a few frames for effects and their re-renders.
  await page.waitForFunction(() => "__reactRouterDataRouter" in window);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
  return page.evaluate(() => ({
    ...(window as unknown as { __styles: { removed: string[]; unstyledFrames: number } }).__styles,
    sheets: [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => new URL((link as HTMLLinkElement).href).pathname),
  }));
}

test("loading a page with JavaScript never takes its style sheets out nor paints a frame without them", async ({ page }) => {
  await watchStyles(page);
  for (const path of ["/login", "/verify"]) {
    await page.goto(path);
    const seen = await styles(page);
    expect(seen.removed, path).toEqual([]);
    expect(seen.unstyledFrames, path).toBe(0);
    expect(seen.sheets, path).toHaveLength(1);
  }
  // Pages with images (the header's logo, course covers) and the staff pages' second sheet.
  await loginAs(page, "hr");
  for (const [path, sheets] of [["/courses", 1], ["/learning", 1], ["/reports", 2]] as const) {
    await page.goto(path);
    const seen = await styles(page);
    expect(seen.removed, path).toEqual([]);
    expect(seen.unstyledFrames, path).toBe(0);
    expect(seen.sheets, path).toHaveLength(sheets);
  }
});
