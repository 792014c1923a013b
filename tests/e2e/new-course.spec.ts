// A learner of her own (brought in by an admin's CSV import and invitation, like a real new member of staff)
// completes course 3, "Sản phẩm thông tin và truyền thông số", end to end in Vietnamese: every lesson, the
// graded final quiz passed on the first attempt, the certificate shown. Once at desktop size and once at 390 px,
// with axe (WCAG 2.x A/AA and 2.2 AA, every violation) on each of the course's pages. The demo accounts are not
// touched, so the specs that count on their progress see what they always saw.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, invitationLink, loginAs, test } from "./fixtures";

const COURSE = "information-products-and-digital-outreach";
const COURSE_TITLE = "Sản phẩm thông tin và truyền thông số";
const DIR = path.resolve("content/courses", COURSE);
const UNIT_CODE = "E2E-KHOA3";
const UNIT_NAME = "Phòng thử nghiệm khóa truyền thông số";
const PASSWORD = "mật khẩu học viên khóa ba";
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The course's lessons in order, with their Vietnamese titles, read from the content the server was built from. */
const LESSONS = readdirSync(DIR)
  .map((name) => /^(\d{2})-([a-z0-9-]+)\.vi\.mdx$/.exec(name))
  .filter((m): m is RegExpExecArray => m !== null)
  .sort((a, b) => a[1]!.localeCompare(b[1]!))
  .map((m) => {
    const source = readFileSync(path.join(DIR, m[0]), "utf8");
    const english = readFileSync(path.join(DIR, m[0].replace(".vi.mdx", ".en.mdx")), "utf8");
    const title = (text: string) => /^title: "(.*)"$/m.exec(text)![1]!;
    return { slug: m[2]!, title: title(source), titleEn: title(english), source };
  });

type Key = { type: string; choices: string[]; answer: string };

/** The final quiz's answer key, taken from the lesson source as a learner who studied the course would answer. */
function finalKey(): Map<string, Key> {
  const source = LESSONS.at(-1)!.source;
  const quiz = source.slice(source.indexOf('<Quiz id="final"'), source.indexOf("</Quiz>"));
  const key = new Map<string, Key>();
  for (const [, attrs, body] of quiz.matchAll(/<Question ([^>]*)>([\s\S]*?)<\/Question>/g)) {
    const id = /\bid="([^"]+)"/.exec(attrs!)![1]!;
    const type = /\btype="([^"]+)"/.exec(attrs!)![1]!;
    const answer = /\banswer=\{([^}]+)\}/.exec(attrs!)?.[1] ?? "";
    const choices = [...body!.matchAll(/<Choice id="([^"]+)" correct>/g)].map((c) => c[1]!);
    key.set(id, { type, choices, answer });
  }
  return key;
}

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The admin imports one new librarian into a unit of this spec's own and returns her invitation link. */
async function inviteLearner(page: Page, email: string, name: string) {
  await loginAs(page, "admin");
  const created = await page.request.post("/admin/units", {
    form: { intent: "create", code: UNIT_CODE, name: UNIT_NAME, nameEn: "Digital outreach test room" },
    maxRedirects: 0,
  });
  expect([302, 400]).toContain(created.status());
  await page.goto("/admin/import");
  const csv = `\uFEFFemail,full name,staff number,org unit code,job title,roles\n${email},${name},K3-${stamp()},${UNIT_CODE},Thủ thư,learner\n`;
  await page.getByLabel("Tệp CSV", { exact: true }).setInputFiles({ name: "khoa-3.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByText("Người mới: 1")).toBeVisible();
  await page.getByRole("button", { name: "Xác nhận nhập" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã nhập: 1 người mới" })).toContainText("Đã gửi 1 lời mời.");
  const link = await invitationLink(page, email);
  await page.context().clearCookies();
  return link;
}

async function answerFinal(page: Page) {
  const key = finalKey();
  const quiz = page.locator("#quiz-final");
  await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(quiz.getByRole("button", { name: "Nộp bài" })).toBeVisible();
  const names = new Set(await quiz.locator('input[name^="q:"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name)));
  // The pool draws 10 of the 12 questions.
  expect(names.size).toBe(10);
  for (const name of names) {
    const q = key.get(name.slice(2));
    expect(q, `question ${name} is in the lesson source`).toBeDefined();
    if (q!.type === "numeric") await quiz.locator(`input[name="${name}"]`).fill(q!.answer.replace(".", ","));
    else if (q!.type === "true-false") await quiz.locator(`input[name="${name}"][value="${q!.answer}"]`).check();
    else for (const choice of q!.choices) await quiz.locator(`input[name="${name}"][value="${choice}"]`).check();
  }
  await quiz.getByRole("button", { name: "Nộp bài" }).click();
  await expect(quiz.getByText("Đạt — Điểm: 10/10 (100 %)")).toBeVisible();
}

async function completeCourse(page: Page, name: string) {
  const email = `khoa.ba.${stamp()}@thuvien.vn`;
  const link = await inviteLearner(page, email, name);
  await page.goto(link);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(PASSWORD);
  await page.getByRole("button", { name: "Lưu mật khẩu" }).click();
  await expect(page).toHaveURL(/\/learning$/);

  // She finds the course in the catalogue and opens it.
  await page.goto(`/courses?q=${encodeURIComponent("truyền thông số")}`);
  await page.getByRole("link", { name: COURSE_TITLE }).first().click();
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE_TITLE);
  await expectAxeClean(page);

  expect(LESSONS.length).toBe(7);
  for (const [i, lesson] of LESSONS.entries()) {
    await page.goto(`/courses/${COURSE}/${lesson.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.title);
    await expect(page.getByRole("region", { name: "Mục tiêu bài học" })).toBeVisible();
    await expectAxeClean(page);
    const last = i === LESSONS.length - 1;
    if (last) {
      await answerFinal(page);
      await expectAxeClean(page);
      await page.getByRole("button", { name: "Đánh dấu hoàn thành", exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}$`));
    } else {
      await page.getByRole("button", { name: "Đánh dấu hoàn thành và học tiếp" }).click();
      await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}/${LESSONS[i + 1]!.slug}$`));
    }
  }

  await expect(page.getByText(/Bạn đã hoàn thành khóa học ngày/)).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole("link", { name: "Xem chứng chỉ" }).first().click();
  await expect(page).toHaveURL(/\/certificates\/[0-9A-Z]{16}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE_TITLE);
  await expect(page.getByText(name, { exact: true })).toBeVisible();
  await expect(page.getByText("Còn hiệu lực")).toBeVisible();
  await expectAxeClean(page);
}

test("a new librarian completes the digital outreach course at desktop size and gets her certificate", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await completeCourse(page, "Đinh Thị Thu Hà");
});

test("the same journey on a 390 px phone; then the course reads in English, axe-clean too", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await completeCourse(page, "Lò Văn Khánh");

  // Her own account switches to English (the switch stores the preference): every page of the course follows.
  expect((await page.request.post("/locale", { form: { locale: "en", redirectTo: "/" }, maxRedirects: 0 })).status()).toBe(302);
  await page.goto(`/courses/${COURSE}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Information products and digital outreach");
  await expectAxeClean(page);
  for (const lesson of LESSONS) {
    await page.goto(`/courses/${COURSE}/${lesson.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.titleEn);
    await expect(page.getByRole("region", { name: "Learning objectives" })).toBeVisible();
    await expectAxeClean(page);
  }
  // The passed final shows its result in English.
  await expect(page.locator("#quiz-final").getByText(/Passed/).first()).toBeVisible();
});
