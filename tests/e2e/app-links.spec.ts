// The links every page repeats (header, notifications bell, a course's outline, a lesson's previous/next) are plain
// <a data-nav> elements (app/ui/app-link.tsx). With JavaScript one document click handler makes them client-side
// navigations, as React Router's <Link> would be; without JavaScript the browser follows them.
import type { Page } from "@playwright/test";
import { expect, loginAs, test } from "./fixtures";

const LESSON = "/courses/ai-in-library-services/what-is-ai";
// Opening lessons starts the course for whoever opens them. The demo learner's courses must stay unstarted for the
// journeys of other specs (courses.spec starts this one from its catalogue card): the admin reads them here, whose
// course courses.spec opens anyway.
const WHO = "admin";

/** The URLs of the documents the page loads from now on (a client-side navigation loads none). */
function documentLoads(page: Page) {
  const urls: string[] = [];
  page.on("request", (request) => void (request.resourceType() === "document" && urls.push(new URL(request.url()).pathname)));
  return urls;
}

test("with JavaScript the header and outline links navigate on the client, history included", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await loginAs(page, WHO);
  await page.goto(LESSON);
  await page.waitForFunction(() => "__reactRouterDataRouter" in window);
  const documents = documentLoads(page);
  const nav = page.getByRole("banner").getByRole("navigation", { name: "Điều hướng chính" });

  // The catalogue is marked as the section a lesson is in.
  await expect(nav.getByRole("link", { name: "Danh mục khóa học" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Việc học của tôi" }).click();
  await expect(page).toHaveURL(/\/learning$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Việc học của tôi");
  await expect(nav.getByRole("link", { name: "Việc học của tôi" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Danh mục khóa học" })).not.toHaveAttribute("aria-current");

  await page.goBack();
  await expect(page).toHaveURL(LESSON);
  const outline = page.getByRole("navigation", { name: "Nội dung khóa học" });
  await outline.getByRole("link", { name: /^Chatbot phục vụ bạn đọc/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chatbot phục vụ bạn đọc");
  await expect(outline.locator('[aria-current="page"]')).toContainText("Chatbot phục vụ bạn đọc");

  await page.getByTestId("notification-bell").click();
  await expect(page).toHaveURL(/\/notifications$/);
  expect(documents).toEqual([]);
});

test("a click with a modifier key is the browser's: the page does not navigate itself", async ({ page, context }) => {
  await loginAs(page, WHO);
  await page.goto(LESSON);
  await page.waitForFunction(() => "__reactRouterDataRouter" in window);
  const opened = context.waitForEvent("page");
  await page.getByRole("navigation", { name: "Nội dung khóa học" }).getByRole("link", { name: /^Chatbot phục vụ bạn đọc/ }).click({ modifiers: ["Control"] });
  const tab = await opened;
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe("/courses/ai-in-library-services/library-chatbots");
  await expect(page).toHaveURL(LESSON);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same links are plain links", async ({ page }) => {
    await loginAs(page, WHO);
    await page.goto(LESSON);
    const documents = documentLoads(page);
    await page.getByRole("navigation", { name: "Nội dung khóa học" }).getByRole("link", { name: /^Chatbot phục vụ bạn đọc/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chatbot phục vụ bạn đọc");
    await page.getByTestId("notification-bell").click();
    await expect(page).toHaveURL(/\/notifications$/);
    expect(documents).toEqual(["/courses/ai-in-library-services/library-chatbots", "/notifications"]);
  });
});
