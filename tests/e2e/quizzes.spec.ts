import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, loginAs, test, type DemoRole } from "./fixtures";

const LESSON = "/courses/e2e-quiz-course/checking-sources";

async function answer(page: Page, q1: "Mười hai" | "Mười lăm", q2: "Đúng" | "Sai") {
  const quiz = page.locator("#quiz-final");
  await quiz.getByRole("group", { name: /Câu 1/ }).getByLabel(q1).check();
  await quiz.getByRole("group", { name: /Câu 2/ }).getByLabel(q2).check();
}

async function failRetakePassComplete(page: Page, role: DemoRole) {
  await loginAs(page, role);
  await page.goto(LESSON);
  const quiz = page.locator("#quiz-final");
  await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await answer(page, "Mười hai", "Sai");
  await quiz.getByRole("button", { name: "Nộp bài" }).click();
  await expect(quiz.getByText("Chưa đạt — Điểm: 1/2 (50 %)")).toBeVisible();
  await expect(quiz.getByText("Dublin Core gồm mười lăm yếu tố cơ bản.")).toBeVisible();
  await expect(quiz.getByText("Còn 2 lần làm bài")).toBeVisible();
  await quiz.getByRole("button", { name: "Làm lại" }).click();
  await answer(page, "Mười lăm", "Sai");
  await quiz.getByRole("button", { name: "Nộp bài" }).click();
  await expect(quiz.getByText("Đạt — Điểm: 2/2 (100 %)")).toBeVisible();
  await page.getByRole("button", { name: "Đánh dấu hoàn thành" }).click();
  await expect(page).toHaveURL(/\/courses\/e2e-quiz-course$/);
  await expect(page.getByText(/Bạn đã hoàn thành khóa học ngày/)).toBeVisible();
}

test("a learner fails the graded quiz, sees feedback, retakes it, passes, and the course is complete", async ({ page }) => {
  await failRetakePassComplete(page, "learner");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same quiz journey works with plain forms, including saving and the unanswered warning", async ({ page }) => {
    await loginAs(page, "hr");
    await page.goto(LESSON);
    const quiz = page.locator("#quiz-final");
    await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
    await quiz.getByRole("group", { name: /Câu 1/ }).getByLabel("Mười lăm").check();
    await quiz.getByRole("button", { name: "Lưu câu trả lời" }).click();
    await page.goto(LESSON);
    await expect(page.locator("#quiz-final").getByRole("group", { name: /Câu 1/ }).getByLabel("Mười lăm")).toBeChecked();
    await page.locator("#quiz-final").getByRole("button", { name: "Nộp bài" }).click();
    await expect(page.locator("#quiz-final").getByRole("alert")).toHaveText("Còn 1 câu chưa trả lời.");
    await page.locator("#quiz-final").getByRole("group", { name: /Câu 2/ }).getByLabel("Sai").check();
    await page.locator("#quiz-final").getByRole("button", { name: "Vẫn nộp bài" }).click();
    await expect(page.locator("#quiz-final").getByText("Đạt — Điểm: 2/2 (100 %)")).toBeVisible();
  });
  test("fail, retake, pass and complete without JavaScript", async ({ page }) => {
    await failRetakePassComplete(page, "admin");
  });
});

/** Explanations and answer-bearing keys of every quiz the build extracted for the lesson. */
function answerKeySecrets(courseSlug: string, lessonSlug: string) {
  const cache = path.resolve(".data/e2e-cache");
  const manifest = JSON.parse(readFileSync(path.join(cache, "manifest.json"), "utf8"));
  const lesson = manifest.courses.find((c: { slug: string }) => c.slug === courseSlug).lessons.find((l: { slug: string }) => l.slug === lessonSlug);
  const secrets: string[] = [];
  const keys = Object.values(lesson.entries) as string[];
  // Text the lesson itself teaches (an accepted answer quoted in the prose) is not a secret.
  const prose = keys.map((key) => JSON.parse(readFileSync(path.join(cache, "entries", `${key}.json`), "utf8")).plainText as string).join("\n");
  for (const key of keys) {
    for (const quiz of JSON.parse(readFileSync(path.join(cache, "keys", `${key}.json`), "utf8"))) {
      for (const q of quiz.questions) {
        if (q.explanation && q.explanation.length >= 20 && !prose.includes(q.explanation)) secrets.push(q.explanation);
        for (const a of q.accept ?? []) if (a.length >= 6 && !prose.includes(a)) secrets.push(a);
      }
    }
  }
  expect(secrets.length).toBeGreaterThan(5);
  expect(readdirSync(path.join(cache, "keys")).length).toBeGreaterThan(0);
  return secrets;
}

test("no answer key reaches the browser before submitting: HTML, loader data, scripts", async ({ page }) => {
  const lessonPath = "/courses/ai-in-library-services/ethics-privacy-copyright";
  const secrets = answerKeySecrets("ai-in-library-services", "ethics-privacy-copyright");
  await loginAs(page, "trainer");
  const bodies: string[] = [];
  page.on("response", async (response) => {
    if (response.url().startsWith("http://localhost") && response.request().resourceType() !== "image") {
      bodies.push(await response.text().catch(() => ""));
    }
  });
  await page.goto(lessonPath);
  await page.locator("#quiz-final").getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(page.locator("#quiz-final").getByRole("button", { name: "Nộp bài" })).toBeVisible();
  await page.locator("#quiz-final input[type=radio]").first().check();
  await page.waitForTimeout(800); // let the autosave go out
  await page.goto(lessonPath);
  const data = await page.request.get(`${lessonPath}.data`);
  bodies.push(await data.text());
  expect(bodies.length).toBeGreaterThan(5);
  const all = bodies.join("\n");
  const leaked = secrets.filter((secret) => all.includes(secret));
  expect(leaked, "answer key text found in a response").toEqual([]);
  const keysFound = ['"correct"', '"accept"', '"tolerance"', '"explanation"', "\\\"correct\\\""].filter((key) => all.includes(key));
  expect(keysFound).toEqual([]);
});

test("a quiz page has no serious accessibility violations", async ({ page }) => {
  await loginAs(page, "trainer");
  await page.goto(LESSON);
  await page.locator("#quiz-final").getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(page.locator("#quiz-final").getByRole("button", { name: "Nộp bài" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("the course owner sees quiz statistics from the trainer home; a learner cannot", async ({ page }) => {
  await loginAs(page, "trainer");
  await page.goto("/trainer");
  await expectNoSeriousA11yViolations(page);
  // Named by its title and lesson, never by its content id.
  await expect(page.getByRole("link", { name: /: final/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Thống kê bài kiểm tra: Bài kiểm tra cuối khóa (Kiểm tra nguồn tin)" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Thống kê bài kiểm tra");
  await expect(page.getByRole("columnheader", { name: "Độ phân biệt" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const url = page.url();
  await page.context().clearCookies();
  await loginAs(page, "learner");
  expect((await page.goto(url))?.status()).toBe(404);
  await page.context().clearCookies();
  await loginAs(page, "trainer");
  expect((await page.goto("/trainer/courses/ai-in-library-services/quizzes/no-such-quiz"))?.status()).toBe(404);
});

test("a scaffolded draft course is previewed by its owner, marked Draft, and is a 404 for learners", async ({ page }) => {
  await loginAs(page, "trainer");
  await page.goto("/trainer");
  await page.getByRole("link", { name: /^Mở khóa học\s*: Khóa nháp của giảng viên$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Khóa nháp của giảng viên");
  await expect(page.getByRole("note").filter({ hasText: "Bản nháp" })).toBeVisible();
  await page.getByRole("link", { name: "Bắt đầu học" }).click();
  await expect(page.getByRole("note").filter({ hasText: "Bản nháp" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Đánh dấu hoàn thành/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  const lessonUrl = page.url();
  await page.context().clearCookies();
  await loginAs(page, "learner");
  expect((await page.goto("/courses/e2e-draft-course"))?.status()).toBe(404);
  expect((await page.goto(lessonUrl))?.status()).toBe(404);
  await page.goto("/courses?q=nhap");
  await expect(page.getByRole("link", { name: "Khóa nháp của giảng viên" })).toHaveCount(0);
});

test("the owner opens course insight, sorts the learner list and exports it as CSV for Excel", async ({ page }) => {
  await loginAs(page, "learner");
  await page.goto("/courses/e2e-quiz-course/checking-sources");
  await page.context().clearCookies();
  await loginAs(page, "trainer");
  await page.goto("/trainer");
  await page.getByRole("link", { name: "Khóa kiểm thử bài kiểm tra", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tình hình học tập: Khóa kiểm thử bài kiểm tra");
  const funnel = page.getByRole("region", { name: "Học viên theo từng bài" });
  await expect(funnel.getByRole("row", { name: /Kiểm tra nguồn tin/ })).toBeVisible();
  const nameHeader = page.getByRole("columnheader", { name: /Họ và tên/ });
  await expect(nameHeader).not.toHaveAttribute("aria-sort");
  await page.getByRole("link", { name: "Sắp xếp theo Họ và tên" }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await page.getByRole("link", { name: "Sắp xếp theo Họ và tên" }).click();
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("cell", { name: /Nguyễn Thị Hồng Vân/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải danh sách (CSV)" }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain("Nguyễn Thị Hồng Vân");
  expect((await page.goto("/trainer/courses/e2e-quiz-course?sort=evil"))?.status()).toBe(400);
  expect((await page.goto("/trainer/courses/no-such-course"))?.status()).toBe(404);
  await page.context().clearCookies();
  await loginAs(page, "learner");
  expect((await page.goto("/trainer/courses/e2e-quiz-course"))?.status()).toBe(404);
  expect((await page.request.get("/trainer/courses/e2e-quiz-course/learners.csv")).status()).toBe(404);
});

test("view as learner shows the learner's page to the owner and records nothing", async ({ page }) => {
  await loginAs(page, "trainer");
  await page.goto("/courses/data-literacy-for-libraries/kinds-of-library-data?as=learner");
  await expect(page.getByRole("note").filter({ hasText: "như học viên" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thư viện có những loại dữ liệu nào?");
  await expect(page.getByRole("button", { name: /Đánh dấu hoàn thành/ })).toHaveCount(0);
  await page.goto("/learning");
  await expect(page.getByRole("link", { name: "Dữ liệu lớn và năng lực dữ liệu cho thư viện" })).toHaveCount(0);
  // For someone who does not own the course, the parameter changes nothing.
  await page.context().clearCookies();
  await loginAs(page, "hr");
  await page.goto("/courses/data-literacy-for-libraries/kinds-of-library-data?as=learner");
  await expect(page.getByRole("note").filter({ hasText: "như học viên" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Đánh dấu hoàn thành và học tiếp" })).toBeVisible();
});

test("content health lists a broken lesson with file and line for its owner, warnings apart; learners never see it", async ({ page }) => {
  await loginAs(page, "trainer");
  await page.goto("/trainer");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Tình trạng nội dung" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tình trạng nội dung");
  const course = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Khóa kiểm thử bài kiểm tra" }) });
  await expect(course.getByText(/courses\/e2e-quiz-course\/02-broken-lesson\.vi\.mdx:7: /)).toBeVisible();
  // Warnings (a final that names no lessons) are listed apart from errors, each labelled.
  await expect(course.getByText("2 lỗi")).toBeVisible();
  await expect(course.getByText("2 cảnh báo")).toBeVisible();
  await expect(course.getByText(/01-checking-sources\.vi\.mdx:\d+: Cảnh báo: graded quiz "final" has no question from lessons/)).toBeVisible();
  const clean = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Dịch vụ thư viện số" }) });
  await expect(clean.getByText("Không có lỗi.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.context().clearCookies();
  await loginAs(page, "learner");
  expect((await page.goto("/courses/e2e-quiz-course/broken-lesson"))?.status()).toBe(404);
  expect((await page.goto("/trainer/health"))?.status()).toBe(403);
});
