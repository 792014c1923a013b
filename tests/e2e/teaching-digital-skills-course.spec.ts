// Course 4 end to end: a learner reads the six lessons, passes the graded final quiz of the review
// lesson (pool of 10 out of 12, shuffled: answered by question id, whichever are drawn) and the course
// counts as completed, with its certificate. Runs as the demo learner; the file sorts after the other
// specs so the completed course changes nothing they look at.
import { type Locator } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const COURSE = "/courses/teaching-digital-skills-to-the-public";
const LESSONS = [
  "libraries-in-the-digital-literacy-movement",
  "short-sessions-for-older-people-and-farmers",
  "online-public-services-and-scams",
  "safe-ai-use-for-citizens",
  "interactive-sessions-with-and-without-internet",
  "evaluating-a-session",
];

// The answer key of 07-review-and-final-quiz.vi.mdx, as a learner who studied the course would answer.
const CHOICES: Record<string, string[]> = { f1: ["c"], f3: ["a"], f4: ["b", "d"], f5: ["d"], f7: ["b"], f9: ["a"] };
const TRUE_FALSE: Record<string, string> = { f2: "false", f6: "true", f8: "false" };
const MATCHING: Record<string, string> = {
  "q:f10:p1": "Thẻ xanh, đỏ giơ tay",
  "q:f10:p2": "Bình chọn trực tuyến qua mã QR",
  "q:f10:p3": "Dán chấm màu lên tờ giấy lớn",
};
const ORDER = [
  "Kiểm tra việc làm được của từng người trước buổi học",
  "Dạy kỹ năng theo trình tự làm mẫu, cùng làm, tự làm",
  "Kiểm tra lại cùng việc đó sau buổi học",
  "Thu phiếu phản hồi ngắn, không ghi tên",
  "Báo cáo số người và tỉ lệ, nêu điều sẽ thay đổi ở buổi sau",
];

/** Answers every question the attempt drew; returns how many were answered. */
async function answerDrawn(quiz: Locator) {
  let answered = 0;
  for (const [id, values] of Object.entries(CHOICES)) {
    for (const value of values) {
      const input = quiz.locator(`input[name="q:${id}"][value="${value}"]`);
      if (await input.count()) await input.check();
    }
    if (await quiz.locator(`input[name="q:${id}"]`).count()) answered++;
  }
  for (const [id, value] of Object.entries(TRUE_FALSE)) {
    const input = quiz.locator(`input[name="q:${id}"][value="${value}"]`);
    if (await input.count()) {
      await input.check();
      answered++;
    }
  }
  const numeric = quiz.locator('input[name="q:f11"]');
  if (await numeric.count()) {
    await numeric.fill("50");
    answered++;
  }
  if (await quiz.locator('select[name^="q:f10:"]').count()) {
    for (const [name, label] of Object.entries(MATCHING)) await quiz.locator(`select[name="${name}"]`).selectOption({ label });
    answered++;
  }
  const ordering = quiz.locator('select[name^="q:f12:"]');
  if (await ordering.count()) {
    for (const [index, item] of ORDER.entries()) {
      await quiz.locator("label", { hasText: item }).locator('select[name^="q:f12:"]').selectOption(String(index + 1));
    }
    answered++;
  }
  return answered;
}

test("a learner completes “Teaching digital skills to the public”: six lessons, the graded final, the certificate", async ({ page }) => {
  await loginAs(page, "learner");
  await page.goto(COURSE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thư viện đồng hành cùng người dân học kỹ năng số");

  for (const lesson of LESSONS) {
    await page.goto(`${COURSE}/${lesson}`);
    await expect(page.getByRole("heading", { name: "Mục tiêu bài học" })).toBeVisible();
    await page.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
    // Completing a lesson moves on to the next one.
    await expect(page).not.toHaveURL(new RegExp(`/${lesson}$`));
  }
  await expect(page).toHaveURL(new RegExp(`${COURSE}/review-and-final-quiz$`));

  await page.goto(`${COURSE}/review-and-final-quiz`);
  const quiz = page.locator("#quiz-final");
  await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(quiz.getByRole("button", { name: "Nộp bài" })).toBeVisible();
  await expect(quiz.locator("fieldset")).toHaveCount(10);
  expect(await answerDrawn(quiz)).toBe(10);
  await quiz.getByRole("button", { name: "Nộp bài" }).click();
  await expect(quiz.getByText("Đạt — Điểm: 10/10 (100 %)")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
  await expect(page).toHaveURL(new RegExp(`${COURSE}$`));
  await page.getByRole("link", { name: "Xem chứng chỉ" }).click();
  await expect(page).toHaveURL(/\/certificates\/[0-9A-Z]{16}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thư viện đồng hành cùng người dân học kỹ năng số");
});
