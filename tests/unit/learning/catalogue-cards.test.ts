import { RouterContextProvider } from "react-router";
import { expect, test } from "vitest";
import { catalogueCards } from "../../../app/learning/catalogue-cards.server";
import { cardHtmlKey } from "../../../app/learning/card-html";
import { documentHtmlContext } from "../../../app/platform/document-html";

// A course the content cache does not hold: the cards read their texts and status from the row.
const row = (over: Partial<Parameters<typeof catalogueCards>[1][number]> = {}) => ({
  id: "c1",
  slug: "no-such-course-in-content",
  topic: "data",
  level: "beginner",
  estimatedMinutes: 90,
  titleVi: "Dữ liệu cho thư viện",
  titleEn: "Data for libraries",
  summaryVi: "Bảng <tính> & dữ liệu",
  summaryEn: null,
  startedAt: null,
  completedAt: null,
  total: 4,
  done: 0,
  lessons: [],
  ...over,
});
const request = (url: string) => new Request(`http://localhost${url}`);

test("on a document the card's text is kept for the page only, escaped, in the reader's language; no search fields", () => {
  const context = new RouterContextProvider();
  const [card] = catalogueCards({ request: request("/courses"), context }, [row()], "en", "");
  expect(card).toMatchObject({ title: "Data for libraries", head: null, body: null, match: null, percent: null, completed: false, cover: null });
  const kept = context.get(documentHtmlContext)!;
  expect(kept.get(cardHtmlKey("no-such-course-in-content", "head"))).toBe('<p class="card-tags"><span class="card-topic">Data</span><span class="card-tag">Beginner</span></p>');
  // No English summary: the Vietnamese one.
  expect(kept.get(cardHtmlKey("no-such-course-in-content", "body"))).toMatch(/^<p class="card-summary">Bảng &#60;tính&#62; &#38; dữ liệu<\/p><dl class="card-facts">.*90 min.*Tiếng Việt<\/dd><\/dl>$/);
});

test("a data request carries the summary, its matches marked; a started course has its percentage", () => {
  const context = new RouterContextProvider();
  const [card] = catalogueCards({ request: request("/courses.data?q=du+lieu"), context }, [row({ startedAt: new Date(), done: 1 })], "vi", "du lieu");
  expect(card!.body).toContain('<p class="card-summary">Bảng &#60;tính&#62; &#38; <mark>dữ</mark> <mark>liệu</mark></p><dl class="card-facts"><dt class="sr-only">Thời lượng dự kiến</dt><dd>⏱ 90 phút</dd>');
  expect(context.get(documentHtmlContext)).toBeNull();
  expect(card!.percent).toBe(25);
  expect(card!.match).toMatchObject({ title: true, description: true, lessons: [] });
});
