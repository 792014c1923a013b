import { RouterContextProvider } from "react-router";
import { expect, test } from "vitest";
import { catalogueCards } from "../../../app/learning/catalogue-cards.server";
import { summaryKey } from "../../../app/learning/card-summary";
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

test("on a document the summary is kept for the page only, escaped; the card data has no search fields", () => {
  const context = new RouterContextProvider();
  const [card] = catalogueCards({ request: request("/courses"), context }, [row()], "vi", "");
  expect(card).toMatchObject({ title: "Dữ liệu cho thư viện", summary: null, match: null, percent: null, completed: false, cover: null });
  expect(context.get(documentHtmlContext)?.get(summaryKey("no-such-course-in-content"))).toBe("Bảng &#60;tính&#62; &#38; dữ liệu");
});

test("a data request carries the summary, its matches marked; a started course has its percentage", () => {
  const context = new RouterContextProvider();
  const [card] = catalogueCards({ request: request("/courses.data?q=du+lieu"), context }, [row({ startedAt: new Date(), done: 1 })], "vi", "du lieu");
  expect(card!.summary).toBe("Bảng &#60;tính&#62; &#38; <mark>dữ</mark> <mark>liệu</mark>");
  expect(context.get(documentHtmlContext)).toBeNull();
  expect(card!.percent).toBe(25);
  expect(card!.match).toMatchObject({ title: true, description: true, lessons: [] });
});
