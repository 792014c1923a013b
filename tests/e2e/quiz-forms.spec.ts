// Quiz forms on a phone (390 px): a prompt that wraps stays inside its box, radios and checkboxes keep their
// size beside long labels, ordering selects show their whole label, and a multiple-answer question says so.
import { expect, loginAs, test } from "./fixtures";

const LESSON = "/courses/ai-in-library-services/prompting-for-reference";

for (const [locale, words] of [
  ["vi", { start: "Bắt đầu làm bài", chooseAll: "Chọn tất cả các đáp án đúng." }],
  ["en", { start: "Start the quiz", chooseAll: "Choose all that apply." }],
] as const) {
  test(`quiz questions read well at 390 px (${locale})`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, "admin");
    await page.request.post("/locale", { form: { locale, redirectTo: "/" }, maxRedirects: 0 });
    try {
      await page.goto(LESSON);
      const quiz = page.locator("#quiz-check-prompting");
      const start = quiz.getByRole("button", { name: words.start });
      if (await start.count()) await start.click();
      const groups = quiz.getByRole("group");
      await expect(groups.first()).toBeVisible();
      const multiple = groups.filter({ has: page.locator('input[type="checkbox"]') }).first();
      await expect(multiple.locator("legend")).toContainText(words.chooseAll);

      const layout = await quiz.evaluate((root) => {
        const boxes = [...root.querySelectorAll("fieldset")].map((fieldset) => {
          const legend = fieldset.querySelector("legend")!;
          return { fieldsetTop: fieldset.getBoundingClientRect().top, legendTop: legend.getBoundingClientRect().top, legendHeight: legend.getBoundingClientRect().height };
        });
        const inputs = [...root.querySelectorAll('input[type="radio"], input[type="checkbox"]')].map((i) => Math.round(i.getBoundingClientRect().width));
        const canvas = document.createElement("canvas").getContext("2d")!;
        const selects = [...root.querySelectorAll("select")].map((select) => {
          const style = getComputedStyle(select);
          canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const text = select.options[select.selectedIndex]?.text ?? "";
          // Room for the text, the padding and the arrow.
          const needed = canvas.measureText(text).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 20;
          return { text, width: select.clientWidth, needed };
        });
        return { boxes, inputs, selects };
      });
      // The legend sits inside the box (below its top border), not on the border line.
      for (const box of layout.boxes) expect(box.legendTop).toBeGreaterThan(box.fieldsetTop);
      expect(layout.boxes.some((b) => b.legendHeight > 30), "some prompt wraps at 390 px").toBe(true);
      expect(new Set(layout.inputs)).toEqual(new Set([16]));
      expect(layout.selects.length).toBeGreaterThan(0);
      for (const select of layout.selects) expect(select.width, select.text).toBeGreaterThanOrEqual(select.needed);
      await quiz.screenshot({ path: testInfo.outputPath(`quiz-390-${locale}.png`) });
    } finally {
      await page.request.post("/locale", { form: { locale: "vi", redirectTo: "/" }, maxRedirects: 0 });
    }
  });
}
