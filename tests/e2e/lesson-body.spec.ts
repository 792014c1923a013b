// A lesson's body (HTML compiled at content build, decision 0001) is sent once in a document: in the page, not again
// in the router's data. With JavaScript the page keeps it through hydration and through a quiz action's revalidation,
// and a client-side navigation brings the next lesson's body in that navigation's data.
import type { Page } from "@playwright/test";
import { expect, loginAs, test, useLanguage } from "./fixtures";

const COURSE = "/courses/ai-in-library-services";
const FIRST = `${COURSE}/what-is-ai`;
const NEXT = `${COURSE}/prompting-for-reference`;

/** The router's data a document carries: what its inline scripts give streamController.enqueue, as the client reads it. */
function routerData(html: string) {
  const chunks = [...html.matchAll(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\)/g)];
  expect(chunks.length, "the document carries router data").toBeGreaterThan(0);
  return chunks.map((m) => JSON.parse(m[1]!) as string).join("");
}

/**
 * Long text nodes of the lesson body, as written in its HTML (none with a character markup or JSON would escape; not
 * the headings, which the table of contents repeats).
 */
async function bodySentences(page: Page, path: string) {
  await page.goto(path);
  const texts = await page.evaluate(() =>
    [...document.querySelectorAll(".lesson-body")].flatMap((body) => {
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      const found: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest("h2, h3, h4")) found.push(node.nodeValue ?? "");
      }
      return found;
    }),
  );
  return texts.filter((text) => text.length >= 40 && !/[&<>"'\\\n]/.test(text));
}

test("a lesson's body is in the document once, not in its router data", async ({ page }) => {
  await loginAs(page, "learner");
  for (const path of [FIRST, NEXT]) {
    const sentences = await bodySentences(page, path);
    expect(sentences.length, `${path}: the body is in the page`).toBeGreaterThan(2);
    // A client-side navigation's data brings the body (and shows these lines are what the data would carry)…
    const navigation = await (await page.request.get(`${path}.data`)).text();
    for (const sentence of sentences) expect(navigation, path).toContain(sentence);
    // …and the document's does not: the segments are there by reference, the quizzes between them keep their places.
    const html = await (await page.request.get(path)).text();
    const data = routerData(html);
    for (const sentence of sentences) expect(html, path).toContain(sentence);
    for (const sentence of sentences) expect(data, path).not.toContain(sentence);
    expect(data, path).toContain("lesson-0");
  }
});

// The demo learner's stored language is shared by every spec: put it back to Vietnamese (lite-mode.spec, which runs
// next, reads the Vietnamese header).
test.afterEach(async ({ page }) => {
  await useLanguage(page, "vi");
});

for (const locale of ["vi", "en"] as const) {
  test(`with JavaScript the lesson body survives hydration, a quiz action and client-side navigation (${locale})`, async ({ page }) => {
    await loginAs(page, "learner");
    await useLanguage(page, locale);
    const next = (await bodySentences(page, NEXT))[0]!;
    const first = (await bodySentences(page, FIRST))[0]!;
    await page.waitForFunction(() => "__reactRouterDataRouter" in window);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
    await expect(page.locator(".lesson-body").first()).toContainText(first);

    // To the next lesson without a document: its body comes in the navigation's data.
    const documents: string[] = [];
    page.on("request", (request) => void (request.resourceType() === "document" && documents.push(request.url())));
    await page.locator('a[rel="next"]').click();
    await expect(page).toHaveURL(NEXT);
    await expect(page.locator(".lesson-body").first()).toContainText(next);
    await expect(page.locator(".lesson-body").first()).not.toContainText(first);

    // A quiz action revalidates the page: the body stays.
    const quiz = page.locator("#quiz-check-prompting");
    const start = quiz.locator('button[value="quiz-start"]');
    if (await start.count()) {
      await start.click();
      await expect(quiz.getByRole("group").first()).toBeVisible();
    }
    await expect(page.locator(".lesson-body").first()).toContainText(next);

    // And back: the first lesson's body again (from the data this time).
    await page.locator('a[rel="prev"]').click();
    await expect(page).toHaveURL(FIRST);
    await expect(page.locator(".lesson-body").first()).toContainText(first);
    expect(documents).toEqual([]);
  });
}
